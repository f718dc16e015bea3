import { setTimeout as sleep } from 'node:timers/promises';
import { catalog } from '@commercebridge/schemas';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { randomName } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { claimBatch, createOutbox, fromPg, markPublished, migrate, OutboxError } from '../src/index.ts';

// CHAOS_PROFILE=full runs the long profile; the default is the small CI profile of the same property.
const full = process.env.CHAOS_PROFILE === 'full';
const profile = full
  ? { runs: 100, maxTransactions: 150, connections: 16 }
  : { runs: 20, maxTransactions: 40, connections: 8 };

interface WriterTx {
  keys: string[];
  commit: boolean;
  delays: [number, number, number];
  /** append: the transaction appends its events to the stream of one key (the same bucket lock as publish). */
  append: boolean;
}

const keyArb = fc.constantFrom('k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6');
const txArb: fc.Arbitrary<WriterTx> = fc.record({
  keys: fc.array(keyArb, { minLength: 1, maxLength: 4 }),
  append: fc.boolean(),
  commit: fc.boolean(),
  delays: fc.tuple(
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 4 }),
  ),
});

/**
 * Runs the transactions concurrently while a relay loop claims and marks published, then checks:
 * per key, the claim sequence equals commit order; every committed event is claimed once; no rolled-back one.
 * Commit order per key is recorded by `commit_seq`: each writer bumps the row of each of its keys as its last
 * statement before COMMIT, so the row lock orders same-key writers exactly as their commits.
 */
async function runScenario(pool: pg.Pool, schema: string, txs: WriterTx[]): Promise<void> {
  await pool.query(`create table "${schema}".commit_seq (key text primary key, n bigint not null default 0)`);
  await pool.query(`insert into "${schema}".commit_seq (key) select 'k' || g from generate_series(0, 6) g`);
  const outbox = createOutbox({ catalog, schema, notify: false });
  const committed: Array<{ key: string; seq: number; index: number; eventId: string }> = [];
  const rolledBack = new Set<string>();
  const claimed: Array<{ key: string; eventId: string }> = [];
  let writersDone = false;

  const slotCount = 3;
  const relay = (async () => {
    const executor = fromPg(pool);
    for (;;) {
      const finished = writersDone;
      let any = false;
      for (let slot = 0; slot < slotCount; slot++) {
        const batch = await claimBatch(executor, { schema, slot, slotCount, limit: 7 });
        for (const event of batch) claimed.push({ key: event.partitionKey, eventId: event.eventId });
        if (batch.length > 0) {
          any = true;
          await markPublished(executor, { schema, positions: batch.map((e) => e.position) });
        }
      }
      if (finished && !any) return;
      if (!any) await sleep(1);
    }
  })();

  const writers = txs.map(async (tx) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await sleep(tx.delays[0]);
      // An appending transaction writes all its events to the stream of its first key.
      const keys = tx.append ? tx.keys.map(() => tx.keys[0]!) : tx.keys;
      let results: Array<{ eventId: string }>;
      if (tx.append) {
        // One stream per key: the stream id is the partition key, so these events order with the published ones.
        const appended = await outbox.appendToStream(
          client,
          keys[0]!,
          keys.map((key) => ({ type: 'order.confirmed' as const, payload: { orderId: key } })),
        );
        results = appended.eventIds.map((eventId) => ({ eventId }));
      } else {
        results = await outbox.publishMany(
          client,
          keys.map((key) => ({
            type: 'order.placed' as const,
            payload: { orderId: key, customerId: 'c' },
          })),
        );
      }
      await sleep(tx.delays[1]);
      const seqs = new Map<string, number>();
      for (const key of [...new Set(keys)].sort()) {
        const { rows } = await client.query<{ n: string }>(
          `update "${schema}".commit_seq set n = n + 1 where key = $1 returning n`,
          [key],
        );
        seqs.set(key, Number(rows[0]!.n));
      }
      await sleep(tx.delays[2]);
      if (tx.commit) {
        await client.query('commit');
        for (const [index, result] of results.entries()) {
          const key = keys[index]!;
          committed.push({ key, seq: seqs.get(key)!, index, eventId: result.eventId });
        }
      } else {
        await client.query('rollback');
        for (const result of results) rolledBack.add(result.eventId);
      }
    } finally {
      client.release();
    }
  });
  try {
    await Promise.all(writers);
  } finally {
    writersDone = true;
    await relay;
  }

  // Nothing committed is missed, nothing is claimed twice, nothing rolled back appears.
  const claimedIds = claimed.map((c) => c.eventId);
  expect(new Set(claimedIds).size).toBe(claimedIds.length);
  expect([...claimedIds].sort()).toEqual(committed.map((c) => c.eventId).sort());
  expect(claimedIds.filter((id) => rolledBack.has(id))).toEqual([]);
  // Per key: claim order = commit order (then array order inside one transaction).
  for (const key of new Set(committed.map((c) => c.key))) {
    const expected = committed
      .filter((c) => c.key === key)
      .sort((a, b) => a.seq - b.seq || a.index - b.index)
      .map((c) => c.eventId);
    const actual = claimed.filter((c) => c.key === key).map((c) => c.eventId);
    expect(actual, `claim order of ${key}`).toEqual(expected);
  }
}

describe('ordering property', () => {
  it(
    'per key, claims follow commit order under concurrent commits, rollbacks and delays',
    async () => {
      const pool = new pg.Pool({ connectionString: stackEnv().DATABASE_URL, max: profile.connections + 2 });
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(txArb, { minLength: 2, maxLength: profile.maxTransactions }),
            async (txs) => {
              // A fresh schema per run; dropped when the run passes, kept (and named) when it fails.
              const schema = randomName('outbox_prop');
              await migrate({ pool, schema });
              try {
                await runScenario(pool, schema, txs);
              } catch (error) {
                console.warn(`kept schema ${schema} of the failed run for debugging`);
                throw error;
              }
              await pool.query(`drop schema "${schema}" cascade`);
            },
          ),
          { numRuns: profile.runs },
        );
      } catch (error) {
        if (error instanceof OutboxError) throw new Error(`${error.code}: ${error.message}`);
        throw error;
      } finally {
        await pool.end();
      }
    },
    full ? 900_000 : 120_000,
  );
});
