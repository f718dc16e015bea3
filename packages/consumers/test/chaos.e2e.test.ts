// Crash and rebalance tests with real consumer processes (packages/consumers/test/worker.ts).
// CHAOS_PROFILE=ci (default): 5 kills over 5,000 events; CHAOS_PROFILE=full: 20 kills over 20,000 events.
import { expect, test } from 'vitest';
import { createTopic, randomName, testPool, waitFor } from '../../../test/support/helpers.ts';
import { type ChildHandle, spawnNode } from '../../../test/support/processes.ts';
import { groupCaughtUp, inboxSchema, orderPlaced, produce, wireMessages } from './support.ts';

const full = process.env['CHAOS_PROFILE'] === 'full';
const PROFILE = full ? { events: 20_000, kills: 20 } : { events: 5_000, kills: 5 };

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with CHAOS_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function setup(partitions: number) {
  const pool = testPool();
  const schema = await inboxSchema(pool);
  await pool.query(
    `create table "${schema}".side_effects (event_id uuid not null, order_id text not null, worker text not null,
       kafka_partition int not null, kafka_offset bigint not null)`,
  );
  const topic = await createTopic(randomName('orders'), partitions);
  await createTopic(`${topic}.dlq`, 1);
  const groupId = randomName('group');
  const messages = await wireMessages(
    Array.from({ length: PROFILE.events }, (_, i) => orderPlaced(`o-${i}`)),
  );
  // Produced in the background at ~2,000 events/s, so the kills land while events are still arriving.
  const producing = (async () => {
    for (let i = 0; i < messages.length; i += 200) {
      await produce(topic, messages.slice(i, i + 200));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const count = async () =>
    (await pool.query<{ n: number }>(`select count(*)::int as n from "${schema}".side_effects`)).rows[0]!.n;
  const workers: ChildHandle[] = [];
  /** Events the workers found in the inbox already (redeliveries after a kill or a rebalance), from their logs. */
  const redeliveriesSkipped = () =>
    workers
      .flatMap((w) => w.lines())
      .filter((line) => line['message'] === 'skipped events already in the inbox')
      .reduce((sum, line) => sum + Number(line['count'] ?? 0), 0);
  const spawnWorker = (name: string): ChildHandle => {
    const worker = spawnNode({
      name,
      script: 'packages/consumers/test/worker.ts',
      env: {
        WORKER_SCHEMA: schema,
        WORKER_TOPIC: topic,
        WORKER_GROUP: groupId,
        WORKER_NAME: name,
        WORKER_COMMIT_DELAY_MS: '100',
      },
    });
    workers.push(worker);
    return worker;
  };
  const verify = async () => {
    await producing;
    await waitFor(async () => (await count()) >= PROFILE.events && (await groupCaughtUp(groupId, topic)), {
      timeout: 180_000,
      what: `all ${PROFILE.events} events handled and their offsets committed`,
    });
    const rows = await pool.query<{ event_id: string; n: number }>(
      `select event_id, count(*)::int as n from "${schema}".side_effects group by event_id`,
    );
    const twice = rows.rows.filter((r) => r.n !== 1);
    expect(twice, 'events whose side effect happened more than once').toEqual([]);
    const seen = new Set(rows.rows.map((r) => r.event_id));
    const missing = messages.filter((m) => !seen.has(m.eventId)).map((m) => m.eventId);
    expect(missing, 'events without a side effect').toEqual([]);
    expect(rows.rows).toHaveLength(PROFILE.events);
  };
  return { pool, schema, topic, groupId, count, spawnWorker, verify, redeliveriesSkipped };
}

test(`kill -9 a consumer ${PROFILE.kills} times during ${PROFILE.events} events: exactly one side effect per event`, async () => {
  const seed = Number(process.env['CHAOS_SEED'] ?? Date.now() % 2 ** 31);
  const random = prng(seed);
  console.log(`chaos seed ${seed} (CHAOS_SEED=${seed} repeats the kill points)`);
  const { count, spawnWorker, verify, redeliveriesSkipped } = await setup(3);
  // Kill points are random progress marks (rows written), so every kill lands mid-stream.
  const marks = Array.from({ length: PROFILE.kills }, () => Math.floor(random() * PROFILE.events * 0.9)).sort(
    (a, b) => a - b,
  );
  for (let k = 0; k < PROFILE.kills; k++) {
    const worker = spawnWorker(`worker-${k}`);
    await worker.waitForLog((line) => line['event'] === 'started', {
      what: 'the worker joined its group',
      timeout: 60_000,
    });
    const atStart = await count();
    // Past the mark and having written something itself, plus up to 50 ms more: then kill -9. Every other
    // kill waits for a Postgres commit whose offsets are not committed yet (the window the inbox covers).
    await waitFor(async () => (await count()) > Math.max(marks[k]!, atStart), {
      timeout: 120_000,
      interval: 10,
      what: `worker-${k} to pass ${marks[k]} side effects`,
    });
    if (k % 2 === 1) {
      const from = worker.lines().length;
      await worker.waitForLog((line) => line['event'] === 'pg.committed', {
        fromLine: from,
        what: `worker-${k} to commit a transaction`,
      });
    } else {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 50)));
    }
    const status = await worker.kill();
    expect(status.signal).toBe('SIGKILL');
  }
  const last = spawnWorker('worker-last');
  await last.waitForLog((line) => line['event'] === 'started', {
    what: 'the last worker joined',
    timeout: 60_000,
  });
  await verify();
  await last.terminate({ timeout: 60_000 });
  expect(last.lines().some((line) => line['event'] === 'stopped')).toBe(true);
  // The kills must have hit the window between the Postgres commit and the offset commit at least once,
  // or this test would not be exercising the inbox.
  expect(redeliveriesSkipped()).toBeGreaterThan(0);
  console.log(
    `kills: ${PROFILE.kills}, events: ${PROFILE.events}, redeliveries skipped: ${redeliveriesSkipped()}`,
  );
});

test('rebalance: two consumers, one killed and another added mid-stream: nothing handled twice, nothing lost', async () => {
  const { count, spawnWorker, verify, redeliveriesSkipped } = await setup(6);
  const a = spawnWorker('worker-a');
  const b = spawnWorker('worker-b');
  await Promise.all(
    [a, b].map((w) =>
      w.waitForLog((line) => line['event'] === 'started', { what: `${w.name} joined`, timeout: 60_000 }),
    ),
  );
  await waitFor(async () => (await count()) > PROFILE.events / 4, {
    interval: 10,
    what: 'a quarter of the events handled',
  });
  await a.kill();
  await waitFor(async () => (await count()) > PROFILE.events / 2, {
    timeout: 120_000,
    interval: 10,
    what: 'half of the events handled after the kill',
  });
  const c = spawnWorker('worker-c');
  await c.waitForLog((line) => line['event'] === 'started', { what: 'worker-c joined', timeout: 60_000 });
  await verify();
  // Both survivors had a share of the work, and both leave cleanly.
  await Promise.all([b.terminate({ timeout: 60_000 }), c.terminate({ timeout: 60_000 })]);
  console.log(`rebalance: ${PROFILE.events} events, redeliveries skipped: ${redeliveriesSkipped()}`);
});
