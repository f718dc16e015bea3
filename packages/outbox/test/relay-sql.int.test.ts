import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testPool, withTransaction } from '../../../test/support/helpers.ts';
import {
  claimBatch,
  cleanup,
  fromPg,
  lockBucket,
  markPublished,
  outboxBacklog,
  promoteDueScheduled,
} from '../src/index.ts';
import { type EventInsert, insertEvents } from '../src/sql/insertEvents.ts';
import { insertScheduled } from '../src/sql/insertScheduled.ts';
import { migratedSchema } from './support.ts';

function event(key: string, type = 'test.happened'): EventInsert {
  return {
    eventId: randomUUID(),
    eventType: type,
    topic: 'test.events.v1',
    partitionKey: key,
    bucket: lockBucket(key),
    messageName: 'commercebridge.test.v1.Happened',
    schemaVersion: 1,
    payload: Buffer.from(key),
    headers: { 'correlation-id': 'c1' },
    streamId: null,
    streamVersion: null,
  };
}

describe('relay SQL', () => {
  it('claims unpublished rows of a slot in position order, marks them, reports the backlog', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const keys = Array.from({ length: 40 }, (_, i) => `key-${i}`);
    await withTransaction(pool, (client) =>
      insertEvents(
        fromPg(client),
        keys.map((k) => event(k)),
        {
          schema,
          notifyChannel: null,
          guardTransactionId: null,
        },
      ),
    );
    const executor = fromPg(pool);
    const slotCount = 4;
    const backlog = await outboxBacklog(executor, { schema, slotCount });
    expect(backlog.map((b) => b.slot)).toEqual([0, 1, 2, 3]);
    expect(backlog.reduce((sum, b) => sum + b.unpublished, 0)).toBe(40);
    let seen = 0;
    for (let slot = 0; slot < slotCount; slot++) {
      const claimed = await claimBatch(executor, { schema, slot, slotCount, limit: 100 });
      expect(claimed.every((e) => e.bucket % slotCount === slot)).toBe(true);
      expect(claimed.map((e) => e.position)).toEqual(
        [...claimed.map((e) => e.position)].sort((a, b) => a - b),
      );
      expect(claimed.length).toBe(backlog[slot]!.unpublished);
      for (const e of claimed) {
        expect(e.payload.toString()).toBe(e.partitionKey);
        expect(e.headers).toEqual({ 'correlation-id': 'c1' });
      }
      seen += claimed.length;
      const first = claimed.slice(0, 3);
      expect(await markPublished(executor, { schema, positions: first.map((e) => e.position) })).toBe(
        first.length,
      );
      // Idempotent: marking again changes nothing.
      expect(await markPublished(executor, { schema, positions: first.map((e) => e.position) })).toBe(0);
      const rest = await claimBatch(executor, { schema, slot, slotCount, limit: 100 });
      expect(rest.map((e) => e.position)).toEqual(claimed.slice(3).map((e) => e.position));
    }
    expect(seen).toBe(40);
  });

  it('promotes due scheduled events in run_at order and leaves future ones', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const now = Date.now();
    const rows = [
      { ...event('k'), runAt: new Date(now - 1000), payload: Buffer.from('second') },
      { ...event('k'), runAt: new Date(now - 5000), payload: Buffer.from('first') },
      { ...event('k'), runAt: new Date(now + 3_600_000), payload: Buffer.from('future') },
    ];
    await insertScheduled(fromPg(pool), rows, { schema, guardTransactionId: null });
    expect(await promoteDueScheduled(fromPg(pool), { schema, limit: 10 })).toBe(2);
    expect(await promoteDueScheduled(fromPg(pool), { schema, limit: 10 })).toBe(0);
    const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 10 });
    expect(claimed.map((e) => e.payload.toString())).toEqual(['first', 'second']);
    // A delayed event occurs when it is due.
    expect(claimed.map((e) => e.occurredAt.getTime())).toEqual([
      rows[1]!.runAt.getTime(),
      rows[0]!.runAt.getTime(),
    ]);
    const left = await pool.query(`select count(*)::int as n from "${schema}".scheduled`);
    expect(left.rows[0].n).toBe(1);
  });

  it('concurrent promoters move every due event once, in run_at order per key', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const now = Date.now();
    // 60 due events of 3 keys, inserted in shuffled order; run_at gives the intended order.
    const rows = Array.from({ length: 60 }, (_, i) => ({
      ...event(`key-${i % 3}`),
      runAt: new Date(now - 100_000 + i * 10),
      payload: Buffer.from(String(i)),
    }));
    const shuffled = [...rows].sort(() => Math.random() - 0.5);
    await insertScheduled(fromPg(pool), shuffled, { schema, guardTransactionId: null });
    const remaining = async () =>
      (await pool.query(`select count(*)::int as n from "${schema}".scheduled`)).rows[0].n as number;
    let moved = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while ((await remaining()) > 0) {
          // Read the result first: `moved += await ...` would add to a stale value of moved.
          const count = await promoteDueScheduled(fromPg(pool), { schema, limit: 5 });
          moved += count;
        }
      }),
    );
    expect(moved).toBe(60);
    const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 100 });
    expect(claimed).toHaveLength(60);
    for (const key of ['key-0', 'key-1', 'key-2']) {
      const order = claimed.filter((e) => e.partitionKey === key).map((e) => Number(e.payload.toString()));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('cleanup deletes only published rows, in bounded batches, and keeps stream events', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const executor = fromPg(pool);
    await insertEvents(
      executor,
      Array.from({ length: 25 }, (_, i) => event(`k${i}`)),
      {
        schema,
        notifyChannel: null,
        guardTransactionId: null,
      },
    );
    // Two published events of a stream: the event store keeps them.
    await insertEvents(
      executor,
      [1, 2].map((v) => ({ ...event('stream-1'), streamId: 'stream-1', streamVersion: v })),
      { schema, notifyChannel: null, guardTransactionId: null },
    );
    const streamRows = await claimBatch(executor, { schema, slot: 0, slotCount: 1, limit: 100 });
    await markPublished(executor, {
      schema,
      positions: streamRows.filter((e) => e.streamId !== null).map((e) => e.position),
    });
    const all = await claimBatch(executor, { schema, slot: 0, slotCount: 1, limit: 100 });
    expect(all).toHaveLength(25);
    const published = all.filter((_, i) => i % 2 === 0);
    await markPublished(executor, { schema, positions: published.map((e) => e.position) });
    // olderThan 0 = everything published so far.
    const result = await cleanup(executor, { schema, olderThan: 0, batchSize: 4 });
    expect(result.deleted).toBe(published.length);
    const left = await claimBatch(executor, { schema, slot: 0, slotCount: 1, limit: 100 });
    expect(left.map((e) => e.position)).toEqual(all.filter((_, i) => i % 2 === 1).map((e) => e.position));
    const { rows } = await pool.query(
      `select count(*)::int as n from "${schema}".events where stream_id is null`,
    );
    expect(rows[0].n).toBe(all.length - published.length);
    const streams = await pool.query(
      `select count(*)::int as n from "${schema}".events where stream_id is not null`,
    );
    expect(streams.rows[0].n).toBe(2);
  });
});
