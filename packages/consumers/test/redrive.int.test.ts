import { silentLogger } from '@commercebridge/config';
import { createOutbox } from '@commercebridge/outbox';
import { createRelay } from '@commercebridge/relay';
import { commercebridge, createWireCodec, defineCatalog, protoSources } from '@commercebridge/schemas';
import { expect, onTestFinished, test } from 'vitest';
import { ordersCatalog } from '../../../test/support/catalogs.ts';
import {
  createTopic,
  randomName,
  readAllCommitted,
  testKafka,
  testPool,
  waitFor,
  withTransaction,
} from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import {
  createConsumer,
  type DlqEntry,
  INBOX_KEY_HEADER,
  listDlq,
  matchesDlqFilter,
  purgeDlq,
  redriveDlq,
} from '../src/index.ts';
import { groupCaughtUp, inboxSchema, memoryLogger } from './support.ts';

test('redrive publishes a DLQ entry again through the outbox and relay; each group handles it once', async () => {
  const pool = testPool();
  const schema = await inboxSchema(pool);
  await pool.query(
    `create table "${schema}".side_effects (consumer_group text not null, order_id text not null)`,
  );
  const topic = await createTopic(randomName('orders'), 1);
  const dlqTopic = await createTopic(`${topic}.dlq`, 1);
  // An application catalog of its own, on this test's topic.
  const catalog = ordersCatalog(topic);
  const codec = createWireCodec(catalog, { mode: 'headers' });
  const outbox = createOutbox({ catalog, schema });
  const relay = createRelay({
    database: pool,
    schema,
    catalog,
    kafka: { brokers: stackEnv().KAFKA_BROKERS.split(',') },
    slotCount: 1,
    logger: silentLogger,
  });
  await relay.start();
  onTestFinished(async () => {
    await relay.stop();
  });

  const originalIds = await withTransaction(pool, async (client) => [
    (await outbox.publish(client, 'order.placed', { orderId: 'blocked', customerId: 'c1' })).eventId,
    (await outbox.publish(client, 'order.placed', { orderId: 'fine', customerId: 'c2' })).eventId,
  ]);

  let blocked = true;
  const consumerFor = (groupId: string, failBlocked: boolean) =>
    createConsumer({
      kafka: testKafka(),
      catalog,
      codec,
      pool,
      schema,
      groupId,
      logger: memoryLogger().logger,
      handlers: {
        'order.placed': async (event, ctx) => {
          if (failBlocked && blocked && event.orderId === 'blocked') {
            throw Object.assign(new Error('customer blocked'), { code: 'BLOCKED', retriable: false });
          }
          await ctx.client.query(`insert into "${schema}".side_effects values ($1, $2)`, [
            groupId,
            event.orderId,
          ]);
        },
      },
    });
  const groupA = randomName('group_a');
  const groupB = randomName('group_b');
  const a = consumerFor(groupA, true);
  const b = consumerFor(groupB, false);
  await Promise.all([a.start(), b.start()]);
  onTestFinished(() => a.stop());
  onTestFinished(() => b.stop());

  await waitFor(async () => (await listDlq({ kafka: testKafka(), topic: dlqTopic })).length === 1, {
    what: 'the blocked order in the DLQ',
  });
  await waitFor(() => groupCaughtUp(groupB, topic), { what: 'group B to handle both orders' });

  blocked = false;
  const first = await redriveDlq({ kafka: testKafka(), topic: dlqTopic, pool, outbox, codec });
  expect(first.redriven.map((e) => e.eventId)).toEqual([originalIds[0]]);
  // A second run (or a duplicated DLQ entry) publishes nothing again.
  const second = await redriveDlq({ kafka: testKafka(), topic: dlqTopic, pool, outbox, codec });
  expect(second.redriven).toEqual([]);
  expect(second.alreadyRedriven).toHaveLength(1);

  const messages = await waitFor(
    async () => {
      const all = await readAllCommitted(topic);
      return all.length === 3 ? all : undefined;
    },
    { what: 'the redriven event on the original topic' },
  );
  const redriven = messages[2]!;
  expect(redriven.headers['causation-id']?.toString()).toBe(originalIds[0]);
  expect(redriven.headers[INBOX_KEY_HEADER]?.toString()).toBe(originalIds[0]);
  expect(redriven.headers['event-id']?.toString()).not.toBe(originalIds[0]);
  expect(redriven.key).toBe('blocked');

  await waitFor(() => groupCaughtUp(groupA, topic), { what: 'group A to handle the redriven event' });
  await waitFor(() => groupCaughtUp(groupB, topic), { what: 'group B to pass the redriven event' });
  const effects = await pool.query(
    `select consumer_group, order_id, count(*)::int as n from "${schema}".side_effects
     group by 1, 2 order by 1, 2`,
  );
  expect(effects.rows).toEqual([
    { consumer_group: groupA, order_id: 'blocked', n: 1 },
    { consumer_group: groupA, order_id: 'fine', n: 1 },
    { consumer_group: groupB, order_id: 'blocked', n: 1 },
    { consumer_group: groupB, order_id: 'fine', n: 1 },
  ]);
  const outboxRows = await pool.query(`select count(*)::int as n from "${schema}".events`);
  expect(outboxRows.rows[0].n).toBe(3);
});

test('DLQ entries are selected by filter, purged one by one, and redriven only to the topic they came from', async () => {
  const pool = testPool();
  const schema = await inboxSchema(pool);
  const topic = await createTopic(randomName('orders'), 1);
  const dlqTopic = await createTopic(`${topic}.dlq`, 1);
  const entry = (topicName: string) => ({
    topic: topicName,
    message: commercebridge.orders.v1.OrderPlaced,
    key: (p: commercebridge.orders.v1.IOrderPlaced) => p.orderId,
    required: ['orderId', 'customerId'] as const,
  });
  const catalog = defineCatalog({ 'order.placed': entry(topic) }, { sources: protoSources });
  const codec = createWireCodec(catalog, { mode: 'headers' });
  const outbox = createOutbox({ catalog, schema });
  const relay = createRelay({
    database: pool,
    schema,
    catalog,
    kafka: { brokers: stackEnv().KAFKA_BROKERS.split(',') },
    slotCount: 1,
    logger: silentLogger,
  });
  await relay.start();
  onTestFinished(() => relay.stop().then(() => {}));
  await withTransaction(pool, async (client) => {
    for (const orderId of ['o1', 'o2', 'o3']) {
      await outbox.publish(client, 'order.placed', { orderId, customerId: 'c' });
    }
  });
  const groupId = randomName('group');
  const consumer = createConsumer({
    kafka: testKafka(),
    catalog,
    codec,
    pool,
    schema,
    groupId,
    logger: memoryLogger().logger,
    handlers: {
      'order.placed': async () => {
        throw Object.assign(new Error('rejected'), { code: 'REJECTED', retriable: false });
      },
    },
  });
  await consumer.start();
  onTestFinished(() => consumer.stop());
  const entries = await waitFor(
    async () => {
      const all = await listDlq({ kafka: testKafka(), topic: dlqTopic, pool, schema });
      return all.length === 3 ? all : undefined;
    },
    { what: 'three entries in the DLQ' },
  );
  await consumer.stop();
  expect(entries.map((e) => e.id)).toEqual(entries.map((e) => `${dlqTopic}:0:${e.offset}`));
  expect(entries.map((e) => e.state)).toEqual(['pending', 'pending', 'pending']);
  expect(entries.every((e) => e.consumerGroup === groupId && e.error.code === 'REJECTED')).toBe(true);
  const [e1, e2, e3] = entries as [DlqEntry, DlqEntry, DlqEntry];
  expect(await listDlq({ kafka: testKafka(), topic: dlqTopic, filter: { errorCode: 'OTHER' } })).toEqual([]);
  expect(
    (await listDlq({ kafka: testKafka(), topic: dlqTopic, filter: { group: groupId, originalTopic: topic } }))
      .length,
  ).toBe(3);
  expect(
    await listDlq({ kafka: testKafka(), topic: dlqTopic, filter: { since: new Date(Date.now() + 60_000) } }),
  ).toEqual([]);

  // Purging one entry marks it; the topic keeps its records.
  expect(
    await purgeDlq({ kafka: testKafka(), topic: dlqTopic, pool, schema, filter: { ids: [e1.id] } }),
  ).toBe(1);
  expect(
    await purgeDlq({ kafka: testKafka(), topic: dlqTopic, pool, schema, filter: { ids: [e1.id] } }),
  ).toBe(0);

  // An outbox whose catalog routes the type elsewhere is refused, and writes nothing.
  const elsewhere = createOutbox({
    catalog: defineCatalog({ 'order.placed': entry(`${topic}.other`) }, { sources: protoSources }),
    schema,
  });
  const refused = await redriveDlq({
    kafka: testKafka(),
    topic: dlqTopic,
    pool,
    outbox: elsewhere,
    codec,
    filter: { ids: [e2.id] },
  });
  expect(refused.redriven).toEqual([]);
  expect(refused.notRedrivable[0]?.reason).toContain(`came from ${topic}`);

  const one = await redriveDlq({
    kafka: testKafka(),
    topic: dlqTopic,
    pool,
    outbox,
    codec,
    filter: { ids: [e2.id] },
  });
  expect(one.redriven.map((e) => e.id)).toEqual([e2.id]);
  const states = await listDlq({ kafka: testKafka(), topic: dlqTopic, pool, schema });
  expect(states.map((e) => [e.id, e.state])).toEqual([
    [e1.id, 'purged'],
    [e2.id, 'redriven'],
    [e3.id, 'pending'],
  ]);
  expect(states.filter((e) => matchesDlqFilter(e, { state: 'pending' })).map((e) => e.id)).toEqual([e3.id]);

  const rest = await redriveDlq({ kafka: testKafka(), topic: dlqTopic, pool, outbox, codec });
  expect(rest.redriven.map((e) => e.id)).toEqual([e3.id]);
  expect(rest.alreadyRedriven.map((e) => e.id)).toEqual([e2.id]);
  expect(rest.notRedrivable.map((n) => [n.entry.id, n.reason])).toEqual([[e1.id, 'purged']]);
  const outboxRows = await pool.query(`select count(*)::int as n from "${schema}".events`);
  expect(outboxRows.rows[0].n).toBe(5);
});
