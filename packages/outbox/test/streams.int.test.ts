import { randomUUID } from 'node:crypto';
import { catalog } from '@commercebridge/schemas';
import { describe, expect, it } from 'vitest';
import { testPool, withTransaction } from '../../../test/support/helpers.ts';
import {
  type AppendedEvent,
  ConcurrencyError,
  claimBatch,
  createOutbox,
  fromPg,
  lockBucket,
  OutboxError,
  type StoredEvent,
} from '../src/index.ts';
import { migratedSchema, tableCounts } from './support.ts';

type Cat = typeof catalog;

describe('event streams', () => {
  it('appends with expectedVersion, reads back typed events, aggregates, and feeds the relay', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const stream = `order-${randomUUID()}`;
    const first = await withTransaction(pool, (tx) =>
      outbox.appendToStream(
        tx,
        stream,
        [{ type: 'order.placed', payload: { orderId: 'o-1', customerId: 'c-1' }, correlationId: 'corr' }],
        { expectedVersion: 'no_stream' },
      ),
    );
    expect(first.nextExpectedVersion).toBe(1);
    const second = await withTransaction(pool, (tx) =>
      outbox.appendToStream(
        tx,
        stream,
        [
          { type: 'order.confirmed', payload: { orderId: 'o-1' } },
          { type: 'order.shipped', payload: { orderId: 'o-1', carrier: 'ups' } },
        ],
        { expectedVersion: 1 },
      ),
    );
    expect(second.nextExpectedVersion).toBe(3);
    const third = await withTransaction(pool, (tx) =>
      outbox.appendToStream(tx, stream, [{ type: 'order.confirmed', payload: { orderId: 'o-1' } }]),
    );
    expect(third.nextExpectedVersion).toBe(4);

    const events = await outbox.readStream(pool, stream);
    expect(events.map((e) => [e.type, e.streamVersion])).toEqual([
      ['order.placed', 1],
      ['order.confirmed', 2],
      ['order.shipped', 3],
      ['order.confirmed', 4],
    ]);
    const placed = events[0]!;
    if (placed.type === 'order.placed') expect(placed.payload.customerId).toBe('c-1');
    expect(placed.headers).toEqual({ 'correlation-id': 'corr' });
    expect(
      (await outbox.readStream(pool, stream, { fromVersion: 3, maxCount: 1 })).map((e) => e.streamVersion),
    ).toEqual([3]);

    const { state, version } = await outbox.aggregateStream(pool, stream, {
      initialState: { status: 'none', carrier: '' },
      evolve: (s, e: StoredEvent<Cat>) => {
        switch (e.type) {
          case 'order.placed':
            return { ...s, status: 'placed' };
          case 'order.confirmed':
            return { ...s, status: 'confirmed' };
          case 'order.shipped':
            return { ...s, status: 'shipped', carrier: e.payload.carrier };
          default:
            return s;
        }
      },
    });
    expect(version).toBe(4);
    expect(state).toEqual({ status: 'confirmed', carrier: 'ups' });

    // The relay sees them like any event: key = stream id, stream version set, in order.
    const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 10 });
    expect(claimed.map((e) => [e.partitionKey, e.streamId, e.streamVersion])).toEqual([
      [stream, stream, 1],
      [stream, stream, 2],
      [stream, stream, 3],
      [stream, stream, 4],
    ]);
    expect(claimed.every((e) => e.bucket === lockBucket(stream))).toBe(true);
  });

  it('a wrong expectation throws ConcurrencyError (expected, actual) and writes nothing', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    await withTransaction(pool, (tx) =>
      outbox.appendToStream(tx, 's', [{ type: 'order.confirmed', payload: { orderId: 'o' } }]),
    );
    const before = await tableCounts(pool, schema);
    const cases: Array<[Parameters<typeof outbox.appendToStream>[3], number | 'no_stream', string]> = [
      [{ expectedVersion: 'no_stream' }, 1, 's'],
      [{ expectedVersion: 0 }, 1, 's'],
      [{ expectedVersion: 2 }, 1, 's'],
      [{ expectedVersion: 1 }, 'no_stream', 'missing'],
    ];
    for (const [options, actual, stream] of cases) {
      const error = await withTransaction(pool, (tx) =>
        outbox.appendToStream(tx, stream, [{ type: 'order.confirmed', payload: { orderId: 'o' } }], options),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({
        code: 'OUTBOX_CONCURRENCY',
        retriable: true,
        expected: options!.expectedVersion,
        actual,
        streamId: stream,
      });
    }
    expect(await tableCounts(pool, schema)).toEqual(before);
  });

  it('two concurrent appends with the same expected version: exactly one ConcurrencyError', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    for (let round = 0; round < 10; round++) {
      const stream = `s-${round}`;
      // Round 0..4 race from no stream, 5..9 from version 1.
      const expectedVersion = round < 5 ? ('no_stream' as const) : 1;
      if (expectedVersion === 1) {
        await withTransaction(pool, (tx) =>
          outbox.appendToStream(tx, stream, [{ type: 'order.confirmed', payload: { orderId: 'o' } }]),
        );
      }
      const attempt = (n: number) =>
        withTransaction(pool, (tx) =>
          outbox.appendToStream(tx, stream, [{ type: 'order.confirmed', payload: { orderId: `o-${n}` } }], {
            expectedVersion,
          }),
        );
      const results = await Promise.allSettled([attempt(1), attempt(2)]);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      const reason = (rejected[0] as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(ConcurrencyError);
      const start = expectedVersion === 1 ? 1 : 0;
      expect(reason).toMatchObject({ expected: expectedVersion, actual: start + 1 });
      const events = await outbox.readStream(pool, stream);
      expect(events.map((e) => e.streamVersion)).toEqual(expectedVersion === 1 ? [1, 2] : [1]);
    }
  });

  it('inline projections run in the append transaction and roll back with it', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    await pool.query(
      `create table "${schema}".order_status (order_id text primary key, status text, version int)`,
    );
    let failNext = false;
    const outbox = createOutbox({
      catalog,
      schema,
      projections: [
        async (tx, events: AppendedEvent<Cat>[]) => {
          for (const event of events) {
            await tx.query(
              `insert into "${schema}".order_status values ($1, $2, $3) ` +
                'on conflict (order_id) do update set status = excluded.status, version = excluded.version',
              [event.streamId, event.type, event.streamVersion],
            );
          }
          if (failNext) throw new Error('projection failed');
        },
      ],
    });
    await withTransaction(pool, (tx) =>
      outbox.appendToStream(tx, 'o-1', [
        { type: 'order.placed', payload: { orderId: 'o-1', customerId: 'c' } },
        { type: 'order.confirmed', payload: { orderId: 'o-1' } },
      ]),
    );
    failNext = true;
    await expect(
      withTransaction(pool, (tx) =>
        outbox.appendToStream(tx, 'o-1', [{ type: 'order.shipped', payload: { orderId: 'o-1' } }]),
      ),
    ).rejects.toThrow('projection failed');
    const { rows } = await pool.query(`select * from "${schema}".order_status`);
    expect(rows).toEqual([{ order_id: 'o-1', status: 'order.confirmed', version: 2 }]);
    expect((await outbox.readStream(pool, 'o-1')).length).toBe(2);
  });

  it('a repeated event id in an append is OUTBOX_DUPLICATE_EVENT', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const eventId = randomUUID();
    await withTransaction(pool, (tx) =>
      outbox.appendToStream(tx, 'a', [{ type: 'order.confirmed', payload: { orderId: 'o' }, eventId }]),
    );
    const error = await withTransaction(pool, (tx) =>
      outbox.appendToStream(tx, 'b', [{ type: 'order.confirmed', payload: { orderId: 'o' }, eventId }]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboxError);
    expect((error as OutboxError).code).toBe('OUTBOX_DUPLICATE_EVENT');
    expect((await tableCounts(pool, schema)).streams).toBe(1);
  });
});

describe('snapshots', () => {
  it('aggregateStream stores a snapshot every N events and starts from it', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const evolve = (count: { n: number; last: string }, e: StoredEvent<Cat>) => ({
      n: count.n + 1,
      last: e.type,
    });
    const options = { initialState: { n: 0, last: '' }, evolve, snapshot: { name: 'count-v1', every: 3 } };
    const append = (type: 'order.confirmed' | 'order.shipped') =>
      withTransaction(pool, (tx) => outbox.appendToStream(tx, 'snap', [{ type, payload: { orderId: 'o' } }]));
    await append('order.confirmed');
    await append('order.confirmed');
    expect(await outbox.aggregateStream(pool, 'snap', options)).toEqual({
      state: { n: 2, last: 'order.confirmed' },
      version: 2,
    });
    const snapshots = () =>
      pool.query(`select stream_id, name, version::int, state from "${schema}".snapshots`);
    expect((await snapshots()).rows).toEqual([]); // fewer than `every` events folded
    await append('order.shipped');
    expect((await outbox.aggregateStream(pool, 'snap', options)).version).toBe(3);
    expect((await snapshots()).rows).toEqual([
      { stream_id: 'snap', name: 'count-v1', version: 3, state: { n: 3, last: 'order.shipped' } },
    ]);
    // The next aggregation starts from the snapshot: a marker planted in it shows up in the result.
    await pool.query(`update "${schema}".snapshots set state = '{"n": 100, "last": "from-snapshot"}'`);
    await append('order.confirmed');
    expect(await outbox.aggregateStream(pool, 'snap', options)).toEqual({
      state: { n: 101, last: 'order.confirmed' },
      version: 4,
    });
    // Another snapshot name ignores it and folds everything.
    expect(
      await outbox.aggregateStream(pool, 'snap', { ...options, snapshot: { name: 'count-v2', every: 100 } }),
    ).toEqual({ state: { n: 4, last: 'order.confirmed' }, version: 4 });
  });
});
