import { catalog } from '@commercebridge/schemas';
import pg from 'pg';
import { expect, onTestFinished, test } from 'vitest';
import { createTopic, randomName, testKafka, testPool, waitFor } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
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

test('Postgres connections killed mid-stream: the consumer recovers by itself, one side effect per event', async () => {
  const admin = testPool();
  const schema = await inboxSchema(admin);
  await admin.query(`create table "${schema}".side_effects (event_id uuid not null)`);
  const topic = await createTopic(randomName('orders'), 3);
  const groupId = randomName('group');
  const applicationName = randomName('consumer_under_test');
  const pool = new pg.Pool({
    connectionString: stackEnv().DATABASE_URL,
    max: 4,
    application_name: applicationName,
  });
  // A terminated idle client emits 'error' on the pool; the consumer takes a new connection next time.
  pool.on('error', () => {});
  onTestFinished(() => pool.end());

  const messages = await wireMessages(Array.from({ length: 3000 }, (_, i) => orderPlaced(`pg-${i}`)));
  await produce(topic, messages);
  const consumer = createConsumer({
    kafka: testKafka(),
    catalog,
    codec,
    pool,
    schema,
    groupId,
    topics: [topic],
    partitionsConsumedConcurrently: 3,
    maxBatchSize: 50,
    logger: memoryLogger().logger,
    handlers: {
      'order.placed': async (_event, ctx) => {
        await ctx.client.query(`insert into "${schema}".side_effects values ($1)`, [ctx.eventId]);
      },
    },
  });
  await consumer.start();
  onTestFinished(() => consumer.stop());

  const count = async () =>
    (await admin.query<{ n: number }>(`select count(*)::int as n from "${schema}".side_effects`)).rows[0]!.n;
  // Kill the consumer's backends (as a Postgres crash or failover would) at five points of progress.
  let terminated = 0;
  for (const mark of [300, 900, 1500, 2100, 2700]) {
    await waitFor(async () => (await count()) >= mark, {
      timeout: 60_000,
      interval: 10,
      what: `${mark} side effects`,
    });
    const result = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    terminated += result.rowCount ?? 0;
  }
  expect(terminated).toBeGreaterThan(0);
  await waitFor(async () => (await count()) >= messages.length && (await groupCaughtUp(groupId, topic)), {
    timeout: 120_000,
    what: 'every event handled after the connection losses',
  });
  const rows = await admin.query<{ event_id: string; n: number }>(
    `select event_id, count(*)::int as n from "${schema}".side_effects group by event_id`,
  );
  expect(rows.rows.filter((r) => r.n !== 1)).toEqual([]);
  expect(new Set(rows.rows.map((r) => r.event_id))).toEqual(new Set(messages.map((m) => m.eventId)));
});
