import { createOutbox } from '@commercebridge/outbox';
import { createRelay } from '@commercebridge/relay';
import { commercebridge, createWireCodec, defineCatalog, protoSources } from '@commercebridge/schemas';
import { expect, onTestFinished, test } from 'vitest';
import {
  createTopic,
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
  withTransaction,
} from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { createConsumer, INBOX_KEY_HEADER, listDlq, redriveDlq } from '../src/index.ts';
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
  const catalog = defineCatalog(
    {
      'order.placed': {
        topic,
        message: commercebridge.orders.v1.OrderPlaced,
        key: (p) => p.orderId,
        required: ['orderId', 'customerId'],
      },
    },
    { sources: protoSources },
  );
  const codec = createWireCodec(catalog, { mode: 'headers' });
  const outbox = createOutbox({ catalog, schema });
  const relay = createRelay({
    database: pool,
    schema,
    catalog,
    kafka: { brokers: stackEnv().KAFKA_BROKERS.split(',') },
    slotCount: 1,
    logSink: () => {},
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

  await waitFor(async () => (await listDlq({ topic: dlqTopic })).length === 1, {
    what: 'the blocked order in the DLQ',
  });
  await waitFor(() => groupCaughtUp(groupB, topic), { what: 'group B to handle both orders' });

  blocked = false;
  const first = await redriveDlq({ topic: dlqTopic, pool, outbox, codec });
  expect(first.redriven.map((e) => e.eventId)).toEqual([originalIds[0]]);
  // A second run (or a duplicated DLQ entry) publishes nothing again.
  const second = await redriveDlq({ topic: dlqTopic, pool, outbox, codec });
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
