// The relay with the real outbox (publish, rollback, delay, event streams), in registry mode, at-least-once
// without NOTIFY, and with a missing topic.
import { createLogger } from '@commercebridge/config';
import { createOutbox } from '@commercebridge/outbox';
import { createWireCodec, decodeFrame } from '@commercebridge/schemas';
import { describe, expect, it } from 'vitest';
import {
  createTopic,
  kafka,
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
  withTransaction,
} from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import {
  deleteTopicLater,
  outboxSchema,
  relayOptions,
  startRelay,
  testCatalog,
  unpublishedCount,
  waitAllPublished,
  writeEvents,
} from './support.ts';

async function setup() {
  const pool = testPool();
  const schema = await outboxSchema(pool);
  const topic = await createTopic(randomName('relay.events'), 3);
  await deleteTopicLater(`${schema}.relay-state`);
  return { pool, schema, topic, catalog: testCatalog(topic) };
}

const header = (m: { headers: Record<string, Buffer> }, name: string) => m.headers[name]?.toString();

describe('relay delivery', () => {
  it('publishes what publish() and appendToStream() committed, never a rolled-back event, and due delayed ones', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const outbox = createOutbox({ catalog, schema });
    await startRelay(relayOptions(pool, schema, catalog, { promoteIntervalMs: 200 }));
    const committed: string[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await withTransaction(pool, (tx) =>
        outbox.publish(tx, 'order.placed', {
          orderId: `order-${i % 3}`,
          customerId: 'c-1',
          channel: String(i),
        }),
      );
      committed.push(result.eventId);
    }
    let rolledBack = '';
    await withTransaction(pool, async (tx) => {
      rolledBack = (await outbox.publish(tx, 'order.placed', { orderId: 'order-x', customerId: 'c-1' }))
        .eventId;
      throw new Error('roll back');
    }).catch(() => {});
    const delayed = await withTransaction(pool, (tx) =>
      outbox.publish(tx, 'order.confirmed', { orderId: 'order-1' }, { delay: 300, correlationId: 'corr-1' }),
    );
    expect(delayed.status).toBe('scheduled');
    const appended = await withTransaction(pool, (tx) =>
      outbox.appendToStream(tx, 'order-9', [
        { type: 'order.placed', payload: { orderId: 'order-9', customerId: 'c-9' } },
        { type: 'order.confirmed', payload: { orderId: 'order-9' } },
      ]),
    );
    const expected = [...committed, delayed.eventId, ...appended.eventIds];
    await waitFor(
      async () => (await pool.query(`select count(*)::int as n from "${schema}".scheduled`)).rows[0].n === 0,
      { what: 'the delayed event promoted' },
    );
    await waitAllPublished(pool, schema);

    const messages = await readAllCommitted(topic);
    const ids = messages.map((m) => header(m, 'event-id')!);
    expect(ids.length).toBe(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected));
    expect(ids).not.toContain(rolledBack);
    const confirmed = messages.find((m) => header(m, 'event-id') === delayed.eventId)!;
    expect(header(confirmed, 'event-type')).toBe('order.confirmed');
    expect(header(confirmed, 'correlation-id')).toBe('corr-1');
    const streamed = messages.filter((m) => header(m, 'stream-id') === 'order-9');
    expect(streamed.map((m) => header(m, 'stream-version'))).toEqual(['1', '2']);
    expect(streamed.map((m) => m.key)).toEqual(['order-9', 'order-9']);
  });

  it('registry mode: Confluent framing with the registered schema id, decodable by the codec', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const ids = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 10 }, (_, i) => ({ orderId: `order-${i}`, seq: i })),
    );
    await startRelay(
      relayOptions(pool, schema, catalog, {
        wire: { mode: 'registry', url: stackEnv().SCHEMA_REGISTRY_URL },
      }),
    );
    await waitAllPublished(pool, schema);
    const messages = await readAllCommitted(topic);
    expect(new Set(messages.map((m) => header(m, 'event-id')))).toEqual(new Set(ids));
    const codec = createWireCodec(catalog, { mode: 'registry', url: stackEnv().SCHEMA_REGISTRY_URL });
    for (const message of messages) {
      expect(message.value![0]).toBe(0); // Confluent magic byte
      const frame = decodeFrame(message.value!);
      const registered = await fetch(`${stackEnv().SCHEMA_REGISTRY_URL}/schemas/ids/${frame.schemaId}`);
      expect(registered.status).toBe(200);
      const decoded = await codec.fromWire(message.value!, message.headers);
      expect(decoded.type).toBe('order.placed');
      expect((decoded.payload as { orderId: string }).orderId).toBe(message.key);
    }
  });

  it('at-least-once mode with polling only (NOTIFY off) publishes everything', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const relay = await startRelay(
      relayOptions(pool, schema, catalog, { delivery: 'at-least-once', notify: false, pollIntervalMs: 100 }),
    );
    const ids = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 50 }, (_, i) => ({ orderId: `order-${i % 7}`, seq: i })),
    );
    await waitAllPublished(pool, schema);
    expect(new Set((await readAllCommitted(topic)).map((m) => header(m, 'event-id')))).toEqual(new Set(ids));
    expect(relay.snapshot().publishedTotal).toBe(50);
  });

  it('a missing topic is RELAY_TOPIC_MISSING until it exists; with auto-creation it is created', async () => {
    const pool = testPool();
    const schema = await outboxSchema(pool);
    await deleteTopicLater(`${schema}.relay-state`);
    const missing = randomName('relay.missing');
    const catalog = testCatalog(missing);
    const lines: Record<string, unknown>[] = [];
    const relay = await startRelay(
      relayOptions(pool, schema, catalog, {
        logger: createLogger({ level: 'warn', destination: (line) => lines.push(JSON.parse(line)) }),
      }),
    );
    await writeEvents(pool, schema, catalog, [{ orderId: 'order-1', seq: 1 }]);
    const failed = await waitFor(
      () => lines.find((l) => l['msg'] === 'batch.failed' && l['code'] === 'RELAY_TOPIC_MISSING'),
      { what: 'a RELAY_TOPIC_MISSING failure' },
    );
    expect(failed['error']).toContain(`topic ${missing} does not exist`);
    expect(failed['error']).toContain('RELAY_AUTO_CREATE_TOPICS=on');
    expect(await unpublishedCount(pool, schema)).toBe(1);
    expect(await relay.metrics.getSingleMetricAsString('relay_errors_total')).toContain(
      'code="RELAY_TOPIC_MISSING"',
    );
    await relay.stop();

    // The same rows with auto-creation on: the topic appears and the event is published.
    await deleteTopicLater(missing);
    await startRelay(
      relayOptions(pool, schema, catalog, { autoCreateTopics: true, autoCreatePartitions: 2 }),
    );
    await waitAllPublished(pool, schema);
    const admin = kafka().admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [missing] });
    await admin.disconnect();
    expect(metadata.topics[0]!.partitions).toHaveLength(2);
    expect(await readAllCommitted(missing)).toHaveLength(1);
  });
});
