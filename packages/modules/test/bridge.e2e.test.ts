// App processes built with createBridge({ env: process.env }) alone, on one fresh schema and no topics: their
// embedded relays share the slots through the normal leases, every job is handed out once, and every
// notification reaches every subscriber group once. Then the embedded relay is turned off and a separate
// `commercebridge relay` process delivers the same schema's outbox.
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTestSchema, kafka, randomName, testPool, waitFor } from '../../../test/support/helpers.ts';
import { type ChildHandle, spawnNode } from '../../../test/support/processes.ts';
import { repoRoot, stackEnv } from '../../../test/support/stack-env.ts';

const CHILD = 'packages/modules/test/bridge-child.ts';
const SLOTS = 4;

async function freshSetup(pool: pg.Pool) {
  const schema = await createTestSchema(pool, 'bridge_e2e');
  const prefix = randomName('bridge');
  const topics = [`${prefix}.queue`, `${prefix}.logs`, `${prefix}.notifications`];
  onTestFinished(async () => {
    const admin = kafka().admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [...topics, `${prefix}.queue.dlq`, `${schema}.relay-state`] })
      .catch(() => {});
    await admin.disconnect();
  });
  const env = {
    DATABASE_URL: stackEnv().DATABASE_URL,
    KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
    OUTBOX_SCHEMA: schema,
    KAFKA_GROUP_ID: randomName('group'),
    KAFKA_QUEUE_TOPIC: topics[0],
    KAFKA_LOGS_TOPIC: topics[1],
    KAFKA_NOTIFICATIONS_TOPIC: topics[2],
    RELAY_SLOT_COUNT: String(SLOTS),
    RELAY_LOG_LEVEL: 'info',
  };
  return { schema, env };
}

/** Live slot owners of the schema: owner -> slots held. */
async function owners(pool: pg.Pool, schema: string): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ owner: string; n: number }>(
    `select owner, count(*)::int as n from "${schema}".relay_slots
      where owner is not null and lease_expires_at > now() group by owner`,
  );
  return new Map(rows.map((row) => [row.owner, row.n]));
}

const field = (child: ChildHandle, event: string, name: string) =>
  child
    .lines()
    .filter((line) => line['event'] === event)
    .map((line) => String(line[name]));

/** How often each value occurs. */
function counts(values: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const value of values) out.set(value, (out.get(value) ?? 0) + 1);
  return out;
}

const everyOnce = (values: string[]) => [...counts(values).values()].every((n) => n === 1);

describe('apps with an embedded relay each', () => {
  it('share the slots; every job is handed out once, every notification reaches each subscriber group once', async () => {
    const pool = testPool();
    const { schema, env } = await freshSetup(pool);
    const jobsEach = 100;
    const apps = ['app-a', 'app-b'].map((name) =>
      spawnNode({ name, script: CHILD, env: { ...env, CHILD_NAME: name, CHILD_JOBS: String(jobsEach) } }),
    );
    // Both start at once on the empty schema: migrations, topics and relay tables are raced for.
    for (const app of apps) {
      await app.waitForLog((line) => line['event'] === 'subscribed', { what: `${app.name} subscribed` });
    }
    // Both relays hold slots (fair share) before anything is published.
    await waitFor(
      async () => {
        const held = await owners(pool, schema);
        return held.size === 2 && [...held.values()].reduce((a, b) => a + b, 0) === SLOTS;
      },
      { timeout: 30_000, what: `the ${SLOTS} slots shared by the two embedded relays` },
    );
    for (const app of apps) app.signal('SIGUSR2');
    const total = jobsEach * apps.length;
    await waitFor(
      async () => {
        const { rows } = await pool.query<{ n: number }>(
          `select count(*)::int as n from "${schema}".module_jobs where status = 'completed'`,
        );
        return rows[0]?.n === total;
      },
      { timeout: 60_000, what: `${total} jobs completed` },
    );
    await waitFor(() => apps.every((app) => field(app, 'notified', 'notificationId').length >= total), {
      timeout: 60_000,
      what: `${total} notifications at each app`,
    });
    for (const app of apps) await app.terminate({ timeout: 30_000 });

    const handedOut = apps.flatMap((app) => field(app, 'job', 'jobId'));
    const completed = apps.flatMap((app) => field(app, 'completed', 'jobId'));
    expect(new Set(handedOut).size).toBe(total);
    expect(everyOnce(handedOut)).toBe(true);
    expect(counts(completed)).toEqual(counts(handedOut));
    const { rows: jobRows } = await pool.query<{ job_id: string }>(
      `select job_id from "${schema}".module_jobs`,
    );
    expect(new Set(handedOut)).toEqual(new Set(jobRows.map((row) => row.job_id)));
    const published = new Set(
      apps.flatMap((app) =>
        app
          .lines()
          .filter((line) => line['event'] === 'notified')
          .map((line) => JSON.stringify(line['from'])),
      ),
    );
    expect(published.size).toBe(total);
    for (const app of apps) {
      const received = field(app, 'notified', 'notificationId');
      expect(received, `${app.name} received each notification once`).toHaveLength(total);
      expect(everyOnce(received)).toBe(true);
    }
    // Both relays delivered: each logged slots acquired.
    for (const app of apps) expect(field(app, 'slot.acquired', 'slot').length).toBeGreaterThan(0);
  });
});

describe('the embedded relay turned off', () => {
  it('a separate `commercebridge relay` takes over the slots and delivers the outbox', async () => {
    const pool = testPool();
    const { schema, env } = await freshSetup(pool);
    const embedded = spawnNode({
      name: 'app-embedded',
      script: CHILD,
      env: { ...env, CHILD_NAME: 'app-embedded', CHILD_JOBS: '1' },
    });
    await embedded.waitForLog((line) => line['event'] === 'subscribed', { what: 'the first app subscribed' });
    const first = await owners(pool, schema);
    expect([...first.values()]).toEqual([SLOTS]);

    const relay = spawnNode({
      name: 'cli-relay',
      script: join(repoRoot, 'packages/cli/src/bin.ts'),
      args: ['relay'],
      // With SCHEMA_REGISTRY_URL set the CLI relay frames for the registry (the embedded relays before it may
      // not have): the modules read either framing, per message.
      env: {
        ...env,
        RELAY_METRICS_PORT: '0',
        RELAY_ID: 'cli-relay',
        SCHEMA_REGISTRY_URL: stackEnv().SCHEMA_REGISTRY_URL,
      },
    });
    await relay.waitForLog((line) => line['msg'] === 'relay.ready', { what: 'the CLI relay ready' });
    // The app is redeployed with BRIDGE_EMBEDDED_RELAY=off: its relay releases its slots on the way down.
    await embedded.terminate({ timeout: 30_000 });
    const app = spawnNode({
      name: 'app-without-relay',
      script: CHILD,
      env: { ...env, CHILD_NAME: 'app-without-relay', CHILD_JOBS: '20', BRIDGE_EMBEDDED_RELAY: 'off' },
    });
    const subscribed = await app.waitForLog((line) => line['event'] === 'subscribed', {
      what: 'the app without relay subscribed',
    });
    expect(subscribed['relay']).toBe(false);
    await waitFor(async () => (await owners(pool, schema)).get('cli-relay') === SLOTS, {
      timeout: 30_000,
      what: `the CLI relay holding all ${SLOTS} slots`,
    });
    app.signal('SIGUSR2');
    await waitFor(() => field(app, 'notified', 'notificationId').length >= 20, {
      timeout: 60_000,
      what: '20 notifications delivered by the CLI relay',
    });
    await waitFor(() => field(app, 'completed', 'jobId').length >= 20, {
      timeout: 60_000,
      what: '20 jobs completed',
    });
    await app.terminate({ timeout: 30_000 });
    const received = field(app, 'notified', 'notificationId');
    expect(received).toHaveLength(20);
    expect(everyOnce(received)).toBe(true);
    expect(app.lines().some((line) => line['event'] === 'slot.acquired')).toBe(false);
    await waitFor(
      async () => {
        const { rows } = await pool.query<{ n: number }>(
          `select count(*)::int as n from "${schema}".events where published_at is null`,
        );
        return rows[0]?.n === 0;
      },
      { timeout: 30_000, what: 'the whole outbox published by the CLI relay' },
    );
    await relay.terminate({ timeout: 30_000 });
  });
});
