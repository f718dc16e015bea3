import { randomUUID } from 'node:crypto';
import { catalog } from '@commercebridge/schemas';
import { type Context, type ContextManager, context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPool, waitFor, withTransaction } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { outboxTables } from '../src/drizzle.ts';
import {
  claimBatch,
  createOutbox,
  type Executor,
  fromPg,
  lockBucket,
  notifyChannel,
  OutboxError,
  promoteDueScheduled,
} from '../src/index.ts';
import { migratedSchema, tableCounts } from './support.ts';

const order = (orderId: string) => ({ orderId, customerId: 'c-1', channel: 'web' });

describe('publish', () => {
  it('commit writes exactly the events of the transaction; rollback writes none', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const committed = await withTransaction(pool, async (client) => [
      await outbox.publish(client, 'order.placed', order('o-1')),
      ...(await outbox.publishMany(client, [
        { type: 'order.confirmed', payload: { orderId: 'o-1' } },
        { type: 'order.placed', payload: order('o-2'), correlationId: 'corr-1', causationId: 'cause-1' },
      ])),
    ]);
    await expect(
      withTransaction(pool, async (client) => {
        await outbox.publish(client, 'order.placed', order('o-3'));
        throw new Error('the application fails after publishing');
      }),
    ).rejects.toThrow('the application fails');
    const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 100 });
    expect(claimed.map((e) => e.eventId)).toEqual(committed.map((r) => r.eventId));
    expect(committed.map((r) => r.status)).toEqual(['inserted', 'inserted', 'inserted']);
    expect(claimed.map((e) => e.position)).toEqual(committed.map((r) => r.position));
    expect(claimed.map((e) => [e.eventType, e.partitionKey, e.topic])).toEqual([
      ['order.placed', 'o-1', 'orders.events.v1'],
      ['order.confirmed', 'o-1', 'orders.events.v1'],
      ['order.placed', 'o-2', 'orders.events.v1'],
    ]);
    expect(claimed[0]!.messageName).toBe('commercebridge.orders.v1.OrderPlaced');
    expect(claimed[0]!.schemaVersion).toBe(1);
    expect(claimed[2]!.headers).toEqual({ 'correlation-id': 'corr-1', 'causation-id': 'cause-1' });
    const decoded = catalog.events['order.placed'].message.decode(claimed[2]!.payload);
    expect(decoded.orderId).toBe('o-2');
  });

  it('works with a Drizzle transaction, and refuses a Drizzle database outside a transaction', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const db = drizzle(pool);
    const result = await db.transaction(async (tx) =>
      outbox.publish(tx, 'order.placed', order('o-drizzle'), { key: 'custom-key' }),
    );
    await expect(
      db.transaction(async (tx) => {
        await outbox.publish(tx, 'order.placed', order('o-rolled-back'));
        tx.rollback();
      }),
    ).rejects.toThrow();
    const before = await tableCounts(pool, schema);
    await expect(outbox.publish(db, 'order.placed', order('o-autocommit'))).rejects.toMatchObject({
      code: 'OUTBOX_NOT_IN_TRANSACTION',
    });
    expect(await tableCounts(pool, schema)).toEqual(before);
    const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 100 });
    expect(claimed.map((e) => [e.eventId, e.partitionKey])).toEqual([[result.eventId, 'custom-key']]);
    // The Drizzle table definitions match the migrated tables.
    const tables = outboxTables(schema);
    const rows = await db.select().from(tables.events);
    expect(rows.map((r) => [r.eventId, r.partitionKey, r.bucket, r.publishedAt])).toEqual([
      [result.eventId, 'custom-key', lockBucket('custom-key'), null],
    ]);
    expect(Buffer.isBuffer(rows[0]!.payload)).toBe(true);
    for (const table of Object.values(tables)) await db.select().from(table).limit(1);
  });

  it('bad input fails with typed errors before anything is written', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const before = await tableCounts(pool, schema);
    const client = await pool.connect();
    try {
      await client.query('begin');
      // A valid event first, in the same transaction: the failing calls must not disturb the transaction.
      await outbox.publish(client, 'order.placed', order('o-ok'));
      const bad: Array<[() => Promise<unknown>, string]> = [
        // @ts-expect-error an event type the catalog does not know does not compile
        [() => outbox.publish(client, 'order.unknown', order('x')), 'OUTBOX_UNKNOWN_EVENT_TYPE'],
        [
          // @ts-expect-error a mistyped field does not compile either
          () => outbox.publish(client, 'order.placed', { orderId: 42, customerId: 'c' }),
          'OUTBOX_INVALID_PAYLOAD',
        ],
        [
          () => outbox.publish(client, 'order.placed', { orderId: 'o-2', customerId: '' }),
          'OUTBOX_INVALID_PAYLOAD',
        ],
        [
          () =>
            outbox.publishMany(client, [
              { type: 'order.placed', payload: order('o-3') },
              { type: 'order.confirmed', payload: { orderId: '' } },
            ]),
          'OUTBOX_INVALID_PAYLOAD',
        ],
        [
          () => outbox.publish(client, 'order.placed', order('o-4'), { eventId: 'nope' }),
          'OUTBOX_INVALID_OPTION',
        ],
        [() => outbox.publish(client, 'order.placed', order('o-5'), { delay: -1 }), 'OUTBOX_INVALID_OPTION'],
        [
          () => outbox.publish(client, 'order.placed', order('o-6'), { traceparent: 'not-a-traceparent' }),
          'OUTBOX_INVALID_OPTION',
        ],
      ];
      for (const [call, code] of bad) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(OutboxError);
        expect((error as OutboxError).code).toBe(code);
      }
      const tooSmall = createOutbox({ catalog, schema, maxPayloadBytes: 8 });
      await expect(tooSmall.publish(client, 'order.placed', order('o-big'))).rejects.toMatchObject({
        code: 'OUTBOX_PAYLOAD_TOO_LARGE',
      });
      const inTx = await pool.query(`select count(*)::int as n from "${schema}".events`);
      expect(inTx.rows[0].n).toBe(0); // the open transaction's row is not visible yet
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await tableCounts(pool, schema)).toEqual(before);
  });

  it('refuses a connection outside a transaction, whether the driver knows it or SQL has to tell', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const before = await tableCounts(pool, schema);
    const client = await pool.connect();
    try {
      await expect(outbox.publish(client, 'order.placed', order('o-1'))).rejects.toMatchObject({
        code: 'OUTBOX_NOT_IN_TRANSACTION',
      });
      // An executor that cannot tell: the txid guard keeps the autocommit insert from writing.
      const opaque: Executor = {
        query: async <Row>(text: string, values?: readonly unknown[]) =>
          (await client.query(text, values ? [...values] : undefined)) as unknown as { rows: Row[] },
      };
      await expect(outbox.publish(opaque, 'order.placed', order('o-2'))).rejects.toMatchObject({
        code: 'OUTBOX_NOT_IN_TRANSACTION',
      });
      await expect(
        outbox.appendToStream(opaque, 'stream-1', [{ type: 'order.placed', payload: order('o-3') }]),
      ).rejects.toMatchObject({ code: 'OUTBOX_NOT_IN_TRANSACTION' });
      await expect(
        outbox.publish(opaque, 'order.placed', order('o-4'), { delay: 60_000 }),
      ).rejects.toMatchObject({ code: 'OUTBOX_NOT_IN_TRANSACTION' });
      expect(await tableCounts(pool, schema)).toEqual(before);
      // The same opaque executor inside a transaction writes, with both statements in it.
      await client.query('begin');
      const inserted = await outbox.publish(opaque, 'order.placed', order('o-5'));
      await client.query('commit');
      expect(inserted.status).toBe('inserted');
      // And a fresh transaction whose first statement is publish works too.
      await client.query('begin');
      await outbox.publish(opaque, 'order.placed', order('o-6'));
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect((await tableCounts(pool, schema)).events).toBe(before.events! + 1);
  });

  it('a repeated event id is a no-op (status duplicate); the same id twice in one call is an error', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const eventId = randomUUID();
    const first = await withTransaction(pool, (c) =>
      outbox.publish(c, 'order.placed', order('o-1'), { eventId }),
    );
    const again = await withTransaction(pool, async (c) => {
      const result = await outbox.publish(c, 'order.placed', order('o-1'), { eventId });
      // The transaction is still usable after a duplicate.
      await c.query('select 1');
      return result;
    });
    expect(first).toMatchObject({ eventId, status: 'inserted' });
    expect(again).toEqual({ eventId, position: null, status: 'duplicate' });
    await expect(
      withTransaction(pool, (c) =>
        outbox.publishMany(c, [
          { type: 'order.placed', payload: order('o-2'), eventId: randomUUID() },
          { type: 'order.placed', payload: order('o-2'), eventId: first.eventId.toUpperCase() },
          { type: 'order.confirmed', payload: { orderId: 'o-2' }, eventId: first.eventId },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'OUTBOX_DUPLICATE_EVENT' });
    const { rows } = await pool.query(`select event_id::text from "${schema}".events`);
    expect(rows).toEqual([{ event_id: eventId }]);
  });

  it('delayed events wait in the scheduled table and are promoted when due', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const outbox = createOutbox({ catalog, schema });
    const results = await withTransaction(pool, (c) =>
      outbox.publishMany(c, [
        { type: 'order.placed', payload: order('o-1'), runAt: new Date(Date.now() - 1000) },
        { type: 'order.placed', payload: order('o-2'), delay: 3_600_000 },
        { type: 'order.placed', payload: order('o-3') },
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['scheduled', 'scheduled', 'inserted']);
    expect(await promoteDueScheduled(fromPg(pool), { schema, limit: 10 })).toBe(1);
    const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 10 });
    expect(claimed.map((e) => e.partitionKey)).toEqual(['o-3', 'o-1']);
    expect((await tableCounts(pool, schema)).scheduled).toBe(1);
  });

  describe('traceparent', () => {
    // A minimal synchronous context manager: enough for publish(), which reads the context before awaiting.
    let active: Context = ROOT_CONTEXT;
    const manager: ContextManager = {
      active: () => active,
      with: (ctx, fn, thisArg, ...args) => {
        const previous = active;
        active = ctx;
        try {
          return fn.call(thisArg, ...args);
        } finally {
          active = previous;
        }
      },
      bind: (_ctx, target) => target,
      enable: () => manager,
      disable: () => manager,
    };
    beforeAll(() => {
      context.setGlobalContextManager(manager);
    });
    afterAll(() => {
      context.disable();
    });

    it('comes from the active OpenTelemetry span when the caller passes none', async () => {
      const pool = testPool();
      const schema = await migratedSchema(pool);
      const outbox = createOutbox({ catalog, schema });
      const span = trace.wrapSpanContext({
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: 1,
      });
      await withTransaction(pool, async (client) => {
        const ctx = trace.setSpan(ROOT_CONTEXT, span);
        await context.with(ctx, () => outbox.publish(client, 'order.placed', order('o-traced')));
        await outbox.publish(client, 'order.placed', order('o-untraced'));
        await outbox.publish(client, 'order.placed', order('o-explicit'), {
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00',
        });
      });
      const claimed = await claimBatch(fromPg(pool), { schema, slot: 0, slotCount: 1, limit: 10 });
      expect(claimed.map((e) => e.headers['traceparent'])).toEqual([
        '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        undefined,
        '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00',
      ]);
    });
  });

  it('notifies once per transaction on <schema>_events, and not at all when notify is off', async () => {
    const pool = testPool();
    const schema = await migratedSchema(pool);
    const channel = notifyChannel(schema);
    const listener = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
    await listener.connect();
    const payloads: string[] = [];
    listener.on('notification', (message) => {
      if (message.channel === channel) payloads.push(message.payload ?? '');
    });
    try {
      await listener.query(`listen "${channel}"`);
      const on = createOutbox({ catalog, schema });
      const off = createOutbox({ catalog, schema, notify: false });
      expect(on.channel).toBe(channel);
      expect(off.channel).toBeNull();
      await withTransaction(pool, async (client) => {
        await on.publish(client, 'order.placed', order('o-1'));
        await on.publish(client, 'order.placed', order('o-2'));
        await on.publishMany(client, [{ type: 'order.confirmed', payload: { orderId: 'o-1' } }]);
        await on.appendToStream(client, 's-1', [{ type: 'order.confirmed', payload: { orderId: 'o-1' } }]);
      });
      // Notifications arrive in commit order: once the marker is here, everything before it is too.
      await pool.query(`select pg_notify($1, 'marker-1')`, [channel]);
      await waitFor(() => payloads.includes('marker-1'), { what: 'the first marker notification' });
      expect(payloads).toEqual(['', 'marker-1']);
      await withTransaction(pool, async (client) => {
        await off.publish(client, 'order.placed', order('o-3'));
        await off.appendToStream(client, 's-2', [{ type: 'order.confirmed', payload: { orderId: 'o-3' } }]);
      });
      await pool.query(`select pg_notify($1, 'marker-2')`, [channel]);
      await waitFor(() => payloads.includes('marker-2'), { what: 'the second marker notification' });
      expect(payloads).toEqual(['', 'marker-1', 'marker-2']);
    } finally {
      await listener.end();
    }
  });
});
