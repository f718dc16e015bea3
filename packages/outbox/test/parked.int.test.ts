// The parked table: the relay's move out of `events`, the order rule for later rows of a parked key, and the
// operator's list, retry and purge.
import { randomUUID } from 'node:crypto';
import { catalog } from '@commercebridge/schemas';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { testPool, withTransaction } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import {
  claimBatch,
  createOutbox,
  fromPg,
  listParked,
  lockBucket,
  OutboxError,
  parkEvents,
  parkedCounts,
  parkedHeads,
  purgeParked,
  retryParked,
} from '../src/index.ts';
import { type EventInsert, insertEvents } from '../src/sql/insertEvents.ts';
import { migratedSchema } from './support.ts';

function event(key: string, topic = 'test.events.v1'): EventInsert {
  return {
    eventId: randomUUID(),
    eventType: 'test.happened',
    topic,
    partitionKey: key,
    bucket: lockBucket(key),
    messageName: 'commercebridge.test.v1.Happened',
    schemaVersion: 1,
    payload: Buffer.from(`payload of ${key}`),
    headers: { 'correlation-id': 'c1' },
    streamId: null,
    streamVersion: null,
  };
}

/** Inserts events in one transaction, in array order; returns their positions. */
async function insert(pool: pg.Pool, schema: string, events: EventInsert[]): Promise<number[]> {
  const rows = await withTransaction(pool, (client) =>
    insertEvents(fromPg(client), events, { schema, notifyChannel: null, guardTransactionId: null }),
  );
  return rows.map((row) => Number(row.position));
}

const claimAll = (pool: pg.Pool, schema: string) =>
  claimBatch(pool, { schema, slot: 0, slotCount: 1, limit: 1000 });

describe('parked events', () => {
  it('parks a row with every column and its position; a later row of its key only behind an earlier parked one', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const [a1, b1, a2, c1, a3] = await insert(pool, schema, [
      event('a', 'missing.topic'),
      event('b'),
      event('a'),
      event('c'),
      event('a'),
    ]);
    const before = await claimAll(pool, schema);

    // a2 is behind a1, parked by the same call; c1 claims to be behind but key c has nothing parked: it stays.
    const moved = await parkEvents(pool, {
      schema,
      events: [
        {
          position: a1!,
          code: 'RELAY_TOPIC_MISSING',
          message: 'topic missing.topic does not exist',
          attempts: 3,
        },
        { position: a2!, code: 'ignored', message: 'ignored', attempts: 9, behind: true },
        { position: c1!, code: 'ignored', message: 'ignored', attempts: 0, behind: true },
      ],
    });
    const a1Id = before.find((e) => e.position === a1)!.eventId;
    expect(moved.map((m) => [m.position, m.reasonCode, m.reasonMessage])).toEqual([
      [a1, 'RELAY_TOPIC_MISSING', 'topic missing.topic does not exist'],
      [a2, 'RELAY_BEHIND_PARKED', `behind parked event ${a1Id}`],
    ]);
    expect((await claimAll(pool, schema)).map((e) => e.position)).toEqual([b1, c1, a3]);

    // a3 is behind a1, which is already parked.
    const later = await parkEvents(pool, {
      schema,
      events: [{ position: a3!, code: 'x', message: 'x', attempts: 0, behind: true }],
    });
    expect(later.map((m) => m.reasonMessage)).toEqual([`behind parked event ${a1Id}`]);

    const parked = await listParked(pool, { schema });
    expect(parked.map((p) => p.position)).toEqual([a1, a2, a3]);
    const original = before.find((e) => e.position === a1)!;
    expect(parked[0]).toMatchObject({
      eventId: original.eventId,
      eventType: original.eventType,
      topic: 'missing.topic',
      partitionKey: 'a',
      bucket: original.bucket,
      messageName: original.messageName,
      schemaVersion: 1,
      payloadBytes: original.payload.length,
      headers: original.headers,
      streamId: null,
      streamVersion: null,
      occurredAt: original.occurredAt,
      reasonCode: 'RELAY_TOPIC_MISSING',
      attempts: 3,
    });
    expect(parked[1]!.attempts).toBe(0);
    expect((await listParked(pool, { schema, code: 'RELAY_BEHIND_PARKED' })).map((p) => p.position)).toEqual([
      a2,
      a3,
    ]);
    expect((await listParked(pool, { schema, topic: 'missing.topic' })).map((p) => p.position)).toEqual([a1]);
    expect((await listParked(pool, { schema, ids: [original.eventId] })).map((p) => p.position)).toEqual([
      a1,
    ]);
    expect(await parkedHeads(pool, { schema, slot: 0, slotCount: 1 })).toEqual([
      { partitionKey: 'a', position: a1, eventId: original.eventId },
    ]);
    const counts = await parkedCounts(pool, { schema, slotCount: 2 });
    expect(counts.reduce((sum, c) => sum + c.parked, 0)).toBe(3);
    expect(counts.find((c) => c.slot === lockBucket('a') % 2)!.parked).toBe(3);
  });

  it('retry puts rows back at their positions, in order, with their ids, and notifies; a duplicate id stays parked', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const positions = await insert(pool, schema, [event('k'), event('k'), event('other'), event('k')]);
    const before = await claimAll(pool, schema);
    const [k1, k2, , k3] = positions;
    await parkEvents(pool, {
      schema,
      events: [
        { position: k1!, code: 'RELAY_RECORD_REJECTED', message: 'too large', attempts: 1 },
        { position: k2!, code: '', message: '', attempts: 0, behind: true },
        { position: k3!, code: '', message: '', attempts: 0, behind: true },
      ],
    });
    // A later event of the key, written while the others were parked (the relay would park it behind them).
    const [k4] = await insert(pool, schema, [event('k')]);

    const listener = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
    await listener.connect();
    onTestFinished(() => listener.end());
    const notified = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
    await listener.query(`listen "${schema}_events"`);

    await expect(retryParked(pool, { schema })).rejects.toThrow(/needs ids .* or all: true/);
    const result = await retryParked(pool, { schema, all: true });
    await notified;
    expect(result.retried.map((r) => r.position)).toEqual([k1, k2, k3]);
    expect(result.duplicates).toEqual([]);
    expect(await listParked(pool, { schema })).toEqual([]);
    const after = await claimAll(pool, schema);
    expect(after.map((e) => e.position)).toEqual([...positions, k4]);
    expect(after.slice(0, 4).map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
    expect(after.slice(0, 4).map((e) => e.payload)).toEqual(before.map((e) => e.payload));

    // The same event id published again while parked: the retry leaves the parked row alone.
    const again = event('d');
    const [d1] = await insert(pool, schema, [again]);
    await parkEvents(pool, { schema, events: [{ position: d1!, code: 'X', message: 'x', attempts: 1 }] });
    await insert(pool, schema, [{ ...again }]);
    const dup = await retryParked(pool, { schema, ids: [again.eventId] });
    expect(dup).toEqual({ retried: [], duplicates: [{ eventId: again.eventId, position: d1 }] });
    expect((await listParked(pool, { schema })).map((p) => p.eventId)).toEqual([again.eventId]);
  });

  it('a parked stream event stays in its stream; purge keeps it and deletes plain events', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const stream = `order-${randomUUID()}`;
    const appended = await withTransaction(pool, (tx) =>
      outbox.appendToStream(tx, stream, [
        { type: 'order.placed', payload: { orderId: 'o-1', customerId: 'c-1' } },
        { type: 'order.confirmed', payload: { orderId: 'o-1' } },
      ]),
    );
    const [plain] = await insert(pool, schema, [event('p')]);
    await parkEvents(pool, {
      schema,
      events: [
        { position: appended.positions[0]!, code: 'X', message: 'x', attempts: 1 },
        { position: appended.positions[1]!, code: '', message: '', attempts: 0, behind: true },
        { position: plain!, code: 'X', message: 'x', attempts: 1 },
      ],
    });
    const read = await outbox.readStream(pool, stream);
    expect(read.map((e) => [e.type, e.streamVersion])).toEqual([
      ['order.placed', 1],
      ['order.confirmed', 2],
    ]);
    await expect(purgeParked(pool, { schema, code: 'X' })).rejects.toBeInstanceOf(OutboxError);
    const purged = await purgeParked(pool, { schema, all: true });
    expect(purged.purged.map((p) => p.position)).toEqual([plain]);
    expect(purged.kept.map((k) => [k.position, k.streamId])).toEqual([
      [appended.positions[0], stream],
      [appended.positions[1], stream],
    ]);
    expect((await outbox.readStream(pool, stream)).length).toBe(2);
  });
});
