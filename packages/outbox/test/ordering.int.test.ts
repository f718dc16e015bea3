import { catalog } from '@commercebridge/schemas';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testPool, waitFor } from '../../../test/support/helpers.ts';
import { claimBatch, createOutbox, fromPg, lockBucket, markPublished } from '../src/index.ts';
import { migratedSchema } from './support.ts';

const order = (orderId: string) => ({ orderId, customerId: 'c-1' });

/** Two keys in different lock buckets (and, with slotCount 1, the same slot). */
function keysInDifferentBuckets(): [string, string] {
  const a = 'key-a';
  let i = 0;
  while (lockBucket(`key-b${i}`) === lockBucket(a)) i++;
  return [a, `key-b${i}`];
}

/** Waits until a backend is blocked on an advisory lock (pg_stat_activity), i.e. really waiting. */
async function waitUntilWaitingOnAdvisoryLock(pool: pg.Pool, pid: number): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await pool.query(
        "select 1 from pg_stat_activity where pid = $1 and wait_event_type = 'Lock' and wait_event = 'advisory'",
        [pid],
      );
      return rows.length === 1;
    },
    { what: `backend ${pid} to wait on an advisory lock` },
  );
}

async function backendPid(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return rows[0]!.pid;
}

describe('ordering', () => {
  it('different keys: a lower position that commits late is claimed later, not skipped', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const [keyA, keyB] = keysInDifferentBuckets();
    const t1 = await pool.connect();
    const t2 = await pool.connect();
    try {
      await t1.query('begin');
      await t2.query('begin');
      const first = await outbox.publish(t1, 'order.placed', order(keyA));
      const second = await outbox.publish(t2, 'order.placed', order(keyB));
      expect(first.position!).toBeLessThan(second.position!);
      await t2.query('commit');

      const relay = fromPg(pool);
      const batch1 = await claimBatch(relay, { schema, slot: 0, slotCount: 1, limit: 100 });
      expect(batch1.map((e) => e.eventId)).toEqual([second.eventId]);
      await markPublished(relay, { schema, positions: batch1.map((e) => e.position) });

      await t1.query('commit');
      const batch2 = await claimBatch(relay, { schema, slot: 0, slotCount: 1, limit: 100 });
      expect(batch2.map((e) => e.eventId)).toEqual([first.eventId]);
      await markPublished(relay, { schema, positions: batch2.map((e) => e.position) });
      expect(await claimBatch(relay, { schema, slot: 0, slotCount: 1, limit: 100 })).toEqual([]);
    } finally {
      t1.release();
      t2.release();
    }
  });

  it('same key: the second writer waits for the first; positions follow commit order', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const t1 = await pool.connect();
    const t2 = await pool.connect();
    try {
      await t1.query('begin');
      await t2.query('begin');
      const pid2 = await backendPid(t2);
      const first = await outbox.publish(t1, 'order.placed', order('same-key'));
      let secondDone = false;
      const secondPromise = outbox.publish(t2, 'order.confirmed', { orderId: 'same-key' }).then((result) => {
        secondDone = true;
        return result;
      });
      await waitUntilWaitingOnAdvisoryLock(pool, pid2);
      expect(secondDone).toBe(false);
      // While T1 is open, the relay sees nothing of this key.
      expect(await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 10 })).toEqual([]);
      await t1.query('commit');
      const second = await secondPromise;
      expect(second.position!).toBeGreaterThan(first.position!);
      await t2.query('commit');
      const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 10 });
      expect(claimed.map((e) => e.eventId)).toEqual([first.eventId, second.eventId]);
    } finally {
      t1.release();
      t2.release();
    }
  });

  it('an append and a publish of the same key wait for each other (one bucket lock for every writer)', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const t1 = await pool.connect();
    const t2 = await pool.connect();
    try {
      await t1.query('begin');
      await t2.query('begin');
      const pid2 = await backendPid(t2);
      const appended = await outbox.appendToStream(t1, 'stream-key', [
        { type: 'order.confirmed', payload: { orderId: 'stream-key' } },
      ]);
      let published = false;
      const publishing = outbox.publish(t2, 'order.placed', order('stream-key')).then((result) => {
        published = true;
        return result;
      });
      await waitUntilWaitingOnAdvisoryLock(pool, pid2);
      expect(published).toBe(false);
      await t1.query('commit');
      const result = await publishing;
      await t2.query('commit');
      expect(result.position!).toBeGreaterThan(appended.positions[0]!);
      const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 10 });
      expect(claimed.map((e) => e.eventId)).toEqual([appended.eventIds[0], result.eventId]);
    } finally {
      t1.release();
      t2.release();
    }
  });

  it('publishMany locks its buckets in ascending order: crossing key orders never deadlock', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema, notify: false });
    const [keyA, keyB] = keysInDifferentBuckets();
    const pairs = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? [keyA, keyB] : [keyB, keyA]));
    // Each transaction holds its locks while the others queue; with a fixed lock order they all finish.
    const results = await Promise.allSettled(
      pairs.map(async (keys) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          await outbox.publishMany(
            client,
            keys.map((key) => ({ type: 'order.placed' as const, payload: order(key) })),
          );
          await client.query('select pg_sleep(0.01)');
          await client.query('commit');
        } catch (error) {
          await client.query('rollback');
          throw error;
        } finally {
          client.release();
        }
      }),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 100 });
    expect(claimed).toHaveLength(16);
  });
});
