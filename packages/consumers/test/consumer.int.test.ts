import { randomBytes, randomUUID } from 'node:crypto';
import { catalog, createWireCodec, encodeEvent } from '@commercebridge/schemas';
import type { Span, SpanOptions, Tracer } from '@opentelemetry/api';
import { sql } from 'drizzle-orm';
import { describe, expect, onTestFinished, test } from 'vitest';
import { ordersCatalog } from '../../../test/support/catalogs.ts';
import { createTopic, randomName, testKafka, testPool, waitFor } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { createConsumer, replay } from '../src/index.ts';
import {
  codec,
  groupCaughtUp,
  inboxSchema,
  memoryLogger,
  orderPlaced,
  produce,
  wireMessages,
} from './support.ts';

describe('createConsumer', () => {
  test('typed handlers run once per event inside the inbox transaction; a redelivery is skipped', async () => {
    const pool = testPool();
    const schema = await inboxSchema(pool);
    await pool.query(
      `create table "${schema}".side_effects (event_id uuid not null, order_id text not null)`,
    );
    const topic = await createTopic(randomName('orders'), 3);
    await createTopic(`${topic}.dlq`, 1);
    const groupId = randomName('group');

    const events = await wireMessages([
      ...Array.from({ length: 20 }, (_, i) => orderPlaced(`o-${i}`)),
      ...Array.from({ length: 10 }, (_, i) => ({
        type: 'order.confirmed' as const,
        payload: { orderId: `o-${i}`, paymentReference: `pay-${i}` },
      })),
    ]);
    // The same event twice (a producer retry without idempotence): one side effect.
    const duplicated = events[3]!;
    await produce(topic, [...events, duplicated]);

    const { logger } = memoryLogger();
    const makeConsumer = () =>
      createConsumer({
        kafka: testKafka(),
        catalog,
        codec,
        pool,
        schema,
        groupId,
        topics: [topic],
        logger,
        createDlqTopics: false,
        partitionsConsumedConcurrently: 3,
        handlers: {
          'order.placed': async (event, ctx) => {
            // `event` is the decoded OrderPlaced: no cast needed for orderId. The outbox executor joins the
            // same transaction (ctx.client and ctx.db do too).
            expect(ctx.executor.inTransaction?.()).toBe(true);
            await ctx.executor.query(
              `insert into "${schema}".side_effects (event_id, order_id) values ($1, $2)`,
              [ctx.eventId, event.orderId],
            );
          },
          'order.confirmed': async (event, ctx) => {
            expect(ctx.attempt).toBe(1);
            expect(ctx.topic).toBe(topic);
            await ctx.db.execute(
              sql`insert into ${sql.identifier(schema)}.side_effects (event_id, order_id) values (${ctx.eventId}, ${event.paymentReference})`,
            );
          },
        },
      });

    const first = makeConsumer();
    await first.start();
    onTestFinished(() => first.stop());
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group to commit every offset' });
    await first.stop();

    const count = async () =>
      (
        await pool.query<{ event_id: string; n: number }>(
          `select event_id, count(*)::int as n from "${schema}".side_effects group by event_id`,
        )
      ).rows;
    let rows = await count();
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const inbox = await pool.query(
      `select count(*)::int as n from "${schema}".inbox where consumer_group = $1`,
      [groupId],
    );
    expect(inbox.rows[0].n).toBe(30);
    const duplicates = await first.metrics.getSingleMetricAsString(
      'commercebridge_consumer_duplicates_skipped_total',
    );
    expect(duplicates).toMatch(/ 1$/m);

    // Redeliver everything: the inbox skips all of it.
    await replay({ kafka: testKafka(), groupId, topics: [topic], from: new Date(0) });
    const second = makeConsumer();
    await second.start();
    onTestFinished(() => second.stop());
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group to commit every offset again' });
    await second.stop();
    rows = await count();
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const handled = await second.metrics.getSingleMetricAsString('commercebridge_consumer_handled_total');
    expect(handled).not.toMatch(/handled_total\{/);
    expect(
      await second.metrics.getSingleMetricAsString('commercebridge_consumer_duplicates_skipped_total'),
    ).toMatch(/ 31$/m);
  });

  test('a message without an event id is deduplicated by its coordinates', async () => {
    const pool = testPool();
    const schema = await inboxSchema(pool);
    const topic = await createTopic(randomName('orders'), 1);
    const groupId = randomName('group');
    const [message] = await wireMessages([orderPlaced('no-id')]);
    const { 'event-id': _dropped, ...headers } = message!.headers;
    await produce(topic, [{ key: message!.key, value: message!.value, headers }]);
    const seen: string[] = [];
    const consumer = createConsumer({
      kafka: testKafka(),
      catalog,
      codec,
      pool,
      schema,
      groupId,
      topics: [topic],
      logger: memoryLogger().logger,
      handlers: {
        'order.placed': async (_event, ctx) => {
          seen.push(ctx.eventId);
        },
      },
    });
    await consumer.start();
    onTestFinished(() => consumer.stop());
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group to commit' });
    await consumer.stop();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(randomUUID()).not.toBe(seen[0]);
  });

  test('a span per handled event, linked to the producer traceparent; ctx.trace.traceparent is the new span', async () => {
    const pool = testPool();
    const schema = await inboxSchema(pool);
    const topic = await createTopic(randomName('orders'), 1);
    const groupId = randomName('group');
    const producerTraceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const [message] = await wireMessages([
      { ...orderPlaced('traced'), headers: { traceparent: producerTraceparent } },
    ]);
    await produce(topic, [message!]);

    // A tiny in-memory tracer through the API: enough to see names, kinds, links and attributes.
    const spans: Array<{
      name: string;
      options: SpanOptions;
      traceId: string;
      spanId: string;
      ended: boolean;
    }> = [];
    const tracer = {
      startSpan(name: string, options: SpanOptions = {}): Span {
        const record = {
          name,
          options,
          traceId: randomBytes(16).toString('hex'),
          spanId: randomBytes(8).toString('hex'),
          ended: false,
        };
        spans.push(record);
        const span: Span = {
          spanContext: () => ({ traceId: record.traceId, spanId: record.spanId, traceFlags: 1 }),
          setAttribute: () => span,
          setAttributes: () => span,
          addEvent: () => span,
          addLink: () => span,
          addLinks: () => span,
          setStatus: () => span,
          updateName: () => span,
          end: () => {
            record.ended = true;
          },
          isRecording: () => true,
          recordException: () => {},
        };
        return span;
      },
    } as unknown as Tracer;

    let seen: string | undefined;
    const consumer = createConsumer({
      kafka: testKafka(),
      catalog,
      codec,
      pool,
      schema,
      groupId,
      topics: [topic],
      tracer,
      logger: memoryLogger().logger,
      handlers: {
        'order.placed': async (_event, ctx) => {
          seen = ctx.trace.traceparent;
          expect(ctx.trace.producer?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
        },
      },
    });
    await consumer.start();
    onTestFinished(() => consumer.stop());
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the traced event handled' });
    await consumer.stop();

    expect(spans).toHaveLength(1);
    const span = spans[0]!;
    expect(span.name).toBe('process order.placed');
    expect(span.ended).toBe(true);
    expect(span.options.links).toEqual([
      {
        context: {
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          spanId: '00f067aa0ba902b7',
          traceFlags: 1,
          isRemote: true,
        },
      },
    ]);
    expect(span.options.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'messaging.consumer.group.name': groupId,
      'messaging.message.id': message!.eventId,
    });
    expect(seen).toBe(`00-${span.traceId}-${span.spanId}-01`);
  });

  test('replay with reprocess runs the handlers again; without it the inbox skips them', async () => {
    const pool = testPool();
    const schema = await inboxSchema(pool);
    const topic = await createTopic(randomName('orders'), 2);
    const groupId = randomName('group');
    const early = await wireMessages(Array.from({ length: 6 }, (_, i) => orderPlaced(`early-${i}`)));
    await produce(topic, early);
    // Kafka timestamps have millisecond resolution: a clear gap between the two sets of messages.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const from = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = await wireMessages(Array.from({ length: 4 }, (_, i) => orderPlaced(`late-${i}`)));
    await produce(topic, late);

    const calls: string[] = [];
    const run = async () => {
      const consumer = createConsumer({
        kafka: testKafka(),
        catalog,
        codec,
        pool,
        schema,
        groupId,
        topics: [topic],
        logger: memoryLogger().logger,
        handlers: {
          'order.placed': async (event) => {
            calls.push(event.orderId);
          },
        },
      });
      await consumer.start();
      onTestFinished(() => consumer.stop());
      await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group caught up' });
      await consumer.stop();
    };
    await run();
    expect(calls).toHaveLength(10);

    const guarded = await replay({ kafka: testKafka(), groupId, topics: [topic], from });
    expect(guarded.inboxRowsDeleted).toBe(0);
    await run();
    expect(calls).toHaveLength(10);

    const again = await replay({
      kafka: testKafka(),
      groupId,
      topics: [topic],
      from,
      reprocess: true,
      pool,
      schema,
    });
    expect(again.inboxRowsDeleted).toBe(4);
    await run();
    expect(calls.slice(10).sort()).toEqual(['late-0', 'late-1', 'late-2', 'late-3']);
  });

  test('replay refuses a group with running members', async () => {
    const pool = testPool();
    const schema = await inboxSchema(pool);
    const topic = await createTopic(randomName('orders'), 1);
    const groupId = randomName('group');
    const consumer = createConsumer({
      kafka: testKafka(),
      catalog,
      codec,
      pool,
      schema,
      groupId,
      topics: [topic],
      logger: memoryLogger().logger,
      handlers: { 'order.placed': async () => {} },
    });
    await consumer.start();
    onTestFinished(() => consumer.stop());
    await expect(
      replay({ kafka: testKafka(), groupId, topics: [topic], from: new Date(0) }),
    ).rejects.toMatchObject({
      code: 'CONSUMER_GROUP_ACTIVE',
    });
  });
});

describe('backpressure', () => {
  test('fetching pauses above maxInFlight and resumes; every event is still handled once', async () => {
    const pool = testPool();
    const schema = await inboxSchema(pool);
    const topic = await createTopic(randomName('orders'), 1);
    const groupId = randomName('group');
    const messages = await wireMessages(Array.from({ length: 200 }, (_, i) => orderPlaced(`bp-${i}`)));
    await produce(topic, messages);
    const { lines, logger } = memoryLogger();
    const handled = new Map<string, number>();
    const consumer = createConsumer({
      kafka: testKafka(),
      catalog,
      codec,
      pool,
      schema,
      groupId,
      topics: [topic],
      logger,
      maxInFlight: 20,
      maxBatchSize: 10,
      handlers: {
        'order.placed': async (event) => {
          handled.set(event.orderId, (handled.get(event.orderId) ?? 0) + 1);
        },
      },
    });
    await consumer.start();
    onTestFinished(() => consumer.stop());
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'all 200 events handled' });
    await consumer.stop();
    expect(handled.size).toBe(200);
    expect([...handled.values()].every((n) => n === 1)).toBe(true);
    expect(lines.filter((l) => l.message.startsWith('paused fetching')).length).toBeGreaterThan(0);
    expect(await consumer.metrics.getSingleMetricAsString('commercebridge_consumer_paused')).toMatch(/ 0$/m);
  });
});

describe('registry mode', () => {
  test('decodes by schema id (Confluent framing), without the event-type header', async () => {
    const pool = testPool();
    const schema = await inboxSchema(pool);
    const topic = await createTopic(randomName('orders'), 1);
    const groupId = randomName('group');
    const appCatalog = ordersCatalog(topic);
    const prefix = randomName('refs');
    const registry = {
      mode: 'registry' as const,
      url: stackEnv().SCHEMA_REGISTRY_URL,
      referenceSubject: (path: string) => `${prefix}/${path}`,
    };
    const producerCodec = createWireCodec(appCatalog, registry);
    const encoded = encodeEvent(appCatalog, 'order.placed', { orderId: 'reg-1', customerId: 'c' });
    const wire = await producerCodec.toWire('order.placed', encoded.bytes);
    expect(wire.value[0]).toBe(0); // Confluent magic byte
    const eventId = randomUUID();
    await produce(topic, [
      { key: 'reg-1', value: Buffer.from(wire.value), headers: { 'event-id': eventId } },
    ]);

    const seen: Array<{ orderId: string; eventId: string }> = [];
    const consumer = createConsumer({
      kafka: testKafka(),
      catalog: appCatalog,
      // A codec of its own: it must look the schema up by the id in the frame.
      codec: createWireCodec(appCatalog, registry),
      pool,
      schema,
      groupId,
      logger: memoryLogger().logger,
      handlers: {
        'order.placed': async (event, ctx) => {
          seen.push({ orderId: event.orderId, eventId: ctx.eventId });
        },
      },
    });
    await consumer.start();
    onTestFinished(() => consumer.stop());
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the registry-framed event handled' });
    await consumer.stop();
    expect(seen).toEqual([{ orderId: 'reg-1', eventId }]);
  });
});
