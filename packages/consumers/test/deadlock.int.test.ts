// Batch transactions whose handlers publish through the outbox take the outbox's lock buckets in the order
// of their events; two batches taking the same buckets in opposite orders deadlock in Postgres. The consumer
// runs such a batch again one transaction per message: no handler failure, no DLQ entry, each event once.

import { createOutbox, lockBucket } from '@commercebridge/outbox';
import { catalog, encodeEvent } from '@commercebridge/schemas';
import { expect, onTestFinished, test } from 'vitest';
import {
  createTopic,
  randomName,
  readAllCommitted,
  testKafka,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import { createConsumer } from '../src/index.ts';
import {
  codec,
  groupCaughtUp,
  inboxSchema,
  memoryLogger,
  orderPlaced,
  produce,
  wireMessages,
} from './support.ts';

const FALLBACK_LINE = 'batch transaction aborted by a deadlock or serialization failure';

test('two batches publishing to the same keys in opposite orders: the deadlock is absorbed, each event handled once, nothing dead-lettered', async () => {
  const pool = testPool();
  const schema = await inboxSchema(pool);
  await pool.query(
    `create table "${schema}".side_effects (consumer_group text not null, event_id uuid not null)`,
  );
  const topic = await createTopic(randomName('orders'), 1);
  const dlqTopic = await createTopic(`${topic}.dlq`, 1);
  const outbox = createOutbox({ catalog, schema });

  // Two published keys in different lock buckets.
  const keys = ['lock-x', 'lock-y'] as const;
  const published = keys.map(
    (orderId) => encodeEvent(catalog, 'order.placed', { orderId, customerId: 'c' }).key,
  );
  expect(lockBucket(published[0]!)).not.toBe(lockBucket(published[1]!));

  // One batch of two events; each group handles it in one transaction.
  await produce(topic, await wireMessages([orderPlaced('first'), orderPlaced('second')]));

  // Both groups' first handlers have taken their first bucket before either second handler asks for the other.
  let firstsDone = 0;
  let releaseFirsts!: () => void;
  const bothFirsts = new Promise<void>((resolve) => {
    releaseFirsts = resolve;
  });

  const { lines, logger } = memoryLogger();
  const consumerFor = (groupId: string, order: readonly string[]) =>
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
      // A deadlock counted as a handler failure would send its event straight to the DLQ.
      retry: { maxAttempts: 1 },
      handlers: {
        'order.placed': async (event, ctx) => {
          const first = event.orderId === 'first';
          await outbox.publish(ctx.executor, 'order.placed', {
            orderId: first ? order[0]! : order[1]!,
            customerId: ctx.eventId,
          });
          await ctx.executor.query(
            `insert into "${schema}".side_effects (consumer_group, event_id) values ($1, $2)`,
            [groupId, ctx.eventId],
          );
          if (first) {
            firstsDone += 1;
            if (firstsDone === 2) releaseFirsts();
            await bothFirsts;
          }
        },
      },
    });

  const groups = [randomName('group'), randomName('group')] as const;
  const consumers = [consumerFor(groups[0], keys), consumerFor(groups[1], [...keys].reverse())];
  for (const consumer of consumers) onTestFinished(() => consumer.stop());
  await Promise.all(consumers.map((c) => c.start()));
  for (const groupId of groups) {
    await waitFor(() => groupCaughtUp(groupId, topic), { what: `group ${groupId} to commit every offset` });
  }
  await Promise.all(consumers.map((c) => c.stop()));

  // The test can fail: Postgres did abort one of the batch transactions with a deadlock.
  const fallbacks = lines.filter((l) => l.message.startsWith(FALLBACK_LINE));
  expect(fallbacks).toHaveLength(1);
  expect(fallbacks[0]).toMatchObject({ level: 'warn', fields: { count: 2, sqlState: '40P01' } });
  expect(lines.filter((l) => l.message === 'handler failed')).toEqual([]);

  const effects = await pool.query<{ consumer_group: string; count: string }>(
    `select consumer_group, count(*) from "${schema}".side_effects group by consumer_group order by consumer_group`,
  );
  expect(effects.rows.map((r) => [r.consumer_group, Number(r.count)])).toEqual(
    [...groups].sort().map((g) => [g, 2]),
  );
  const duplicates = await pool.query(
    `select consumer_group, event_id from "${schema}".side_effects group by 1, 2 having count(*) > 1`,
  );
  expect(duplicates.rows).toEqual([]);
  // Only committed work published: two events per group, none of the rolled-back transaction.
  const events = await pool.query<{ count: string }>(`select count(*) from "${schema}".events`);
  expect(Number(events.rows[0]!.count)).toBe(4);
  expect(await readAllCommitted(dlqTopic, 10)).toEqual([]);
});
