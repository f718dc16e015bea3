// The bridge's start from nothing: typed errors for each step that fails (never a raw SQL error), a call that
// cannot start, queries without a projection, and calls after stop().
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTestSchema, kafka, randomName, testPool } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { createBridge, ModuleError } from '../src/index.ts';

async function rejection(promise: Promise<unknown>): Promise<ModuleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModuleError);
  return error as ModuleError;
}

async function freshEnv(prefix: string) {
  const pool = testPool();
  const schema = await createTestSchema(pool, prefix);
  const topics = randomName('bridge');
  onTestFinished(async () => {
    const admin = kafka().admin();
    await admin.connect();
    const mine = new Set([
      ...['queue', 'logs', 'notifications', 'queue.dlq'].map((t) => `${topics}.${t}`),
      `${schema}.relay-state`,
    ]);
    // Only those that exist: kafkajs retries the deletion of a missing topic for seconds.
    const existing = (await admin.listTopics()).filter((topic) => mine.has(topic));
    if (existing.length > 0) await admin.deleteTopics({ topics: existing }).catch(() => {});
    await admin.disconnect();
  });
  return {
    pool,
    schema,
    env: {
      DATABASE_URL: stackEnv().DATABASE_URL,
      KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
      OUTBOX_SCHEMA: schema,
      KAFKA_GROUP_ID: randomName('group'),
      KAFKA_QUEUE_TOPIC: `${topics}.queue`,
      KAFKA_LOGS_TOPIC: `${topics}.logs`,
      KAFKA_NOTIFICATIONS_TOPIC: `${topics}.notifications`,
      RELAY_LOG_LEVEL: 'error',
    } as Record<string, string>,
  };
}

describe('createBridge start', () => {
  it('Postgres unreachable: start() throws MODULE_DATABASE, a call MODULE_START_FAILED with it as cause', async () => {
    const bridge = createBridge({
      env: {
        KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
        OUTBOX_SCHEMA: randomName('nowhere'),
      },
    });
    onTestFinished(() => bridge.stop());
    const error = await rejection(bridge.start());
    expect(error.code).toBe('MODULE_DATABASE');
    expect(error.message).toMatch(/migrate the outbox tables of schema/);
    expect(error.retriable).toBe(true);
    const call = await rejection(
      bridge.integrations.kafka.module_queue.publishJob({ type: 'never.runs', payload: {} }),
    );
    expect(call.code).toBe('MODULE_START_FAILED');
    expect(call.message).toMatch(/^publishJob: the bridge could not start: migrate the outbox tables/);
    expect((call.cause as ModuleError).code).toBe('MODULE_DATABASE');
  });

  it('an embedded relay that cannot join the schema: MODULE_RELAY naming the fix; the start is undone', async () => {
    const { env, pool, schema } = await freshEnv('bridge_relay');
    const first = createBridge({ env });
    onTestFinished(() => first.stop());
    await first.start();
    expect(first.relay?.snapshot().slots).toEqual([0, 1, 2, 3]);
    // A second app with another slot count: the relays of one schema must agree.
    const second = createBridge({ env: { ...env, RELAY_SLOT_COUNT: '2' }, logs: { projection: 'off' } });
    onTestFinished(() => second.stop());
    const error = await rejection(second.start());
    expect(error.code).toBe('MODULE_RELAY');
    expect(error.message).toMatch(
      /RELAY_SLOT_COUNT_MISMATCH: RELAY_SLOT_COUNT is 2 .* set RELAY_SLOT_COUNT=4/,
    );
    expect(error.message).toMatch(/BRIDGE_EMBEDDED_RELAY=off/);
    expect(second.relay).toBeNull();
    const { rows } = await pool.query<{ owner: string }>(
      `select distinct owner from "${schema}".relay_slots where owner is not null`,
    );
    expect(rows.map((row) => row.owner)).toEqual([first.relay?.relayId]);
  });

  it('before start() a call starts the bridge: no missing-relation error on a fresh schema', async () => {
    const { env } = await freshEnv('bridge_lazy');
    const bridge = createBridge({ env, embeddedRelay: false, logs: { projection: 'off' } });
    onTestFinished(() => bridge.stop());
    const { module_queue } = bridge.integrations.kafka;
    expect(await module_queue.status('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const { jobId } = await module_queue.publishJob({ type: 'lazy.job', payload: { n: 1 } });
    const [job] = await module_queue.fetchBatch(10);
    expect(job?.jobId).toBe(jobId);
  });

  it('queries without a projection throw MODULE_NO_PROJECTION; with `external` they read the table', async () => {
    const { env } = await freshEnv('bridge_noproj');
    const off = createBridge({ env, embeddedRelay: false, logs: { projection: 'off' } });
    onTestFinished(() => off.stop());
    const logs = off.integrations.kafka.module_logs;
    for (const query of [logs.queryRecent({}), logs.aggregate({ window: 60_000 })]) {
      const error = await rejection(query);
      expect(error.code).toBe('MODULE_NO_PROJECTION');
      expect(error.message).toMatch(/BRIDGE_LOGS_PROJECTION=off\): set BRIDGE_LOGS_PROJECTION=on/);
    }
    // Another process keeps the table: this one writes, the other's projection stores, this one reads.
    const keeper = createBridge({ env, embeddedRelay: false, logs: { projection: 'on' } });
    onTestFinished(() => keeper.stop());
    await keeper.start();
    const reader = createBridge({ env, embeddedRelay: false, logs: { projection: 'external' } });
    onTestFinished(() => reader.stop());
    const readerLogs = reader.integrations.kafka.module_logs;
    await readerLogs.writeLog({ level: 'warn', message: 'written here, stored elsewhere' });
    const [latest] = await readerLogs.queryRecent({ level: 'warn', waitMs: 30_000 });
    expect(latest?.message).toBe('written here, stored elsewhere');
    expect(readerLogs.projectionRunning).toBe(false);
  });

  it('after stop() a call throws MODULE_NOT_STARTED', async () => {
    const { env } = await freshEnv('bridge_stop');
    const bridge = createBridge({ env, embeddedRelay: false, logs: { projection: 'off' } });
    await bridge.start();
    await bridge.stop();
    const error = await rejection(bridge.integrations.kafka.module_queue.fetchBatch(1));
    expect(error.code).toBe('MODULE_NOT_STARTED');
    expect(error.message).toMatch(/createBridge/);
  });
});
