// The whole path with real processes: events published through the outbox in application transactions, a
// relay process (pnpm relay) delivering them with Kafka transactions, a consumer process writing one side-effect
// row per event. The consumer is killed (kill -9) at random progress marks and the relay once mid-stream.
// CHAOS_PROFILE=ci (default): 3,000 events, 3 consumer kills; CHAOS_PROFILE=full: 10,000 events, 8 kills.
import { createOutbox } from '@commercebridge/outbox';
import { expect, onTestFinished, test } from 'vitest';
import { ordersCatalog } from '../../../test/support/catalogs.ts';
import {
  createTopic,
  kafka,
  randomName,
  testPool,
  waitFor,
  withTransaction,
} from '../../../test/support/helpers.ts';
import { type ChildHandle, spawnNode } from '../../../test/support/processes.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { groupCaughtUp, inboxSchema } from './support.ts';

const full = process.env['CHAOS_PROFILE'] === 'full';
const PROFILE = full ? { events: 10_000, kills: 8 } : { events: 3_000, kills: 3 };

test(`outbox -> relay process -> consumer process: ${PROFILE.kills} consumer kills and a relay kill, one side effect per event`, async () => {
  const pool = testPool();
  const schema = await inboxSchema(pool);
  await pool.query(
    `create table "${schema}".side_effects (event_id uuid not null, order_id text not null, worker text not null,
       kafka_partition int not null, kafka_offset bigint not null)`,
  );
  const topic = await createTopic(randomName('orders'), 3);
  await createTopic(`${topic}.dlq`, 1);
  const stateTopic = `${schema}.relay-state`;
  onTestFinished(async () => {
    const admin = kafka().admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [stateTopic] }).catch(() => {});
    await admin.disconnect();
  });
  const groupId = randomName('group');
  // The application's catalog routes order.placed to this test's topic; the relay takes the topic from the row.
  const catalog = ordersCatalog(topic);
  const outbox = createOutbox({ catalog, schema });

  const relayEnv = {
    DATABASE_URL: stackEnv().DATABASE_URL,
    OUTBOX_SCHEMA: schema,
    RELAY_SLOT_COUNT: '2',
    RELAY_STATE_TOPIC: stateTopic,
    RELAY_TRANSACTIONAL_ID_PREFIX: `${schema}.relay.`,
    RELAY_SCHEMA_MODE: 'headers',
    RELAY_LEASE_TTL_MS: '3000',
    RELAY_POLL_INTERVAL_MS: '200',
  };
  const startRelay = async (name: string) => {
    const relay = spawnNode({
      name,
      script: 'packages/cli/src/bin.ts',
      args: ['relay'],
      env: { ...relayEnv, RELAY_ID: name },
    });
    await relay.waitForLog((l) => l['msg'] === 'relay.ready', { what: `${name} ready`, timeout: 60_000 });
    return relay;
  };
  let relay = await startRelay('relay-1');

  // The application: 100 events per transaction, written while everything else runs.
  const writing = (async () => {
    for (let i = 0; i < PROFILE.events; i += 100) {
      await withTransaction(pool, async (client) => {
        for (let j = i; j < Math.min(PROFILE.events, i + 100); j++) {
          await outbox.publish(client, 'order.placed', { orderId: `o-${j}`, customerId: `c-${j % 17}` });
        }
      });
    }
  })();

  const count = async () =>
    (await pool.query<{ n: number }>(`select count(*)::int as n from "${schema}".side_effects`)).rows[0]!.n;
  const spawnWorker = (name: string): ChildHandle =>
    spawnNode({
      name,
      script: 'packages/consumers/test/worker.ts',
      env: {
        WORKER_SCHEMA: schema,
        WORKER_TOPIC: topic,
        WORKER_GROUP: groupId,
        WORKER_NAME: name,
        WORKER_COMMIT_DELAY_MS: '50',
      },
    });
  const step = Math.floor((PROFILE.events * 0.8) / (PROFILE.kills + 1));
  for (let k = 0; k < PROFILE.kills; k++) {
    const worker = spawnWorker(`worker-${k}`);
    await worker.waitForLog((l) => l['event'] === 'started', { what: `worker-${k} joined`, timeout: 60_000 });
    const mark = step * (k + 1) + Math.floor(Math.random() * step * 0.5);
    await waitFor(async () => (await count()) > mark, {
      timeout: 120_000,
      interval: 10,
      what: `${mark} side effects`,
    });
    await worker.kill();
    if (k === 0) {
      // The relay dies too, in the middle of its stream; a new one takes its slots over.
      await relay.kill();
      relay = await startRelay('relay-2');
    }
  }
  const last = spawnWorker('worker-last');
  await last.waitForLog((l) => l['event'] === 'started', { what: 'the last worker joined', timeout: 60_000 });
  await writing;
  await waitFor(async () => (await count()) >= PROFILE.events && (await groupCaughtUp(groupId, topic)), {
    timeout: 180_000,
    what: `all ${PROFILE.events} events handled and committed`,
  });

  const published = await pool.query<{ event_id: string }>(
    `select event_id from "${schema}".events where published_at is not null`,
  );
  expect(published.rows).toHaveLength(PROFILE.events);
  const effects = await pool.query<{ event_id: string; n: number }>(
    `select event_id, count(*)::int as n from "${schema}".side_effects group by event_id`,
  );
  expect(
    effects.rows.filter((r) => r.n !== 1),
    'events with more than one side effect',
  ).toEqual([]);
  expect(new Set(effects.rows.map((r) => r.event_id))).toEqual(
    new Set(published.rows.map((r) => r.event_id)),
  );
  await last.terminate({ timeout: 60_000 });
  await relay.terminate({ timeout: 60_000 });
});
