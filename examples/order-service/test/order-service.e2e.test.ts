// The example order service end to end: `./dev example` as a user runs it, and its scenario with the workers
// process killed (kill -9) and restarted in the middle, checked from the database, from the topics (an
// independent read_committed reader) and from the notification streams.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { headerStrings } from '@commercebridge/consumers';
import { catalog, createWireCodec } from '@commercebridge/schemas';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { randomName, readAllCommitted } from '../../../test/support/helpers.ts';
import { repoRoot, stackEnv } from '../../../test/support/stack-env.ts';
import { isMsg } from '../src/run/processes.ts';
import { EXPECTED, runScenario, type ScenarioResult } from '../src/run/scenario.ts';
import { setUp, startServices } from '../src/run/services.ts';
import { readSettings } from '../src/settings.ts';

const run = promisify(execFile);
const codec = createWireCodec(catalog, { mode: 'headers' });

/** Names of this test only: outbox and app schemas, consumer groups, module topics. */
function isolatedEnv() {
  const id = randomName('ex');
  const env = {
    ...process.env,
    ...stackEnv(),
    OUTBOX_SCHEMA: id,
    KAFKA_GROUP_ID: `${id}.workers`,
    KAFKA_QUEUE_TOPIC: `${id}.queue`,
    KAFKA_LOGS_TOPIC: `${id}.logs`,
    KAFKA_NOTIFICATIONS_TOPIC: `${id}.notifications`,
  };
  const appSchema = `${id}_app`;
  onTestFinished(async (context) => {
    if (context.task.result?.state === 'fail') {
      console.warn(`kept schemas ${id} and ${appSchema} of the failed test for debugging`);
      return;
    }
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(
        `drop schema if exists "${id}" cascade; drop schema if exists "${appSchema}" cascade`,
      );
    } finally {
      await client.end();
    }
  });
  return { env, id, appSchema, logDir: mkdtempSync(join(tmpdir(), 'order-service-')) };
}

/** The messages of a topic (of these keys only: other services share orders.events.v1), decoded. */
async function decoded(topic: string, keys?: string[]) {
  const messages = (await readAllCommitted(topic)).filter((m) => !keys || keys.includes(m.key ?? ''));
  return Promise.all(
    messages.map(async (m) => {
      const headers = headerStrings(m.headers);
      const event = await codec.fromWire(m.value!, headers);
      return { key: m.key, partition: m.partition, offset: m.offset, headers, event };
    }),
  );
}

async function checkOutcome(result: ScenarioResult, env: ReturnType<typeof isolatedEnv>) {
  const pool = new pg.Pool({ connectionString: env.env.DATABASE_URL, max: 2 });
  try {
    // The database: the read model, the streams (each event once, versions 1..n), the jobs, the job's writes.
    const users = Object.keys(EXPECTED) as (keyof typeof EXPECTED)[];
    const ids = users.map((u) => result.orders[u].orderId);
    const { rows: orders } = await pool.query<{
      order_id: string;
      customer_id: string;
      status: string;
      reason: string | null;
    }>(`select order_id, customer_id, status, reason from "${env.appSchema}".orders order by order_id`);
    expect(orders.map((o) => o.order_id).sort()).toEqual([...ids].sort()); // the rejected order wrote nothing
    const { rows: streams } = await pool.query<{
      stream_id: string;
      types: string[];
      versions: number[];
      unpublished: number;
    }>(
      `select stream_id, array_agg(event_type order by stream_version) as types,
              array_agg(stream_version::int order by stream_version) as versions,
              count(*) filter (where published_at is null)::int as unpublished
         from "${env.id}".events where stream_id = any($1) group by stream_id`,
      [ids],
    );
    const streamOf = Object.fromEntries(streams.map((s) => [s.stream_id, s]));
    const expectedTypes = {
      alice: ['order.placed', 'order.confirmed'],
      bob: ['order.placed', 'order.cancelled'],
      carol: ['order.placed', 'order.confirmed', 'order.cancelled'],
      dave: ['order.placed', 'order.confirmed'],
      erin: ['order.placed', 'order.confirmed'],
    };
    for (const u of users) {
      const o = result.orders[u];
      expect(orders.find((r) => r.order_id === o.orderId)?.status, u).toBe(EXPECTED[u].status);
      expect(streamOf[o.orderId]?.types, u).toEqual(expectedTypes[u]);
      expect(streamOf[o.orderId]?.versions, u).toEqual(expectedTypes[u].map((_, i) => i + 1));
      expect(o.job?.status, u).toBe(EXPECTED[u].job);
    }
    expect(orders.find((r) => r.order_id === result.orders.bob.orderId)?.reason).toBe('payment_failed');
    expect(orders.find((r) => r.order_id === result.orders.carol.orderId)?.reason).toBe('customer_request');
    const { rows: engagement } = await pool.query<{ customer_id: string; recalculations: number }>(
      `select customer_id, recalculations from "${env.appSchema}".customer_engagement order by customer_id`,
    );
    // One completed job, one write: a killed or failed attempt rolled its write back; the dead job wrote nothing.
    expect(engagement).toEqual(
      [result.orders.alice, result.orders.carol, result.orders.dave]
        .map((o) => ({ customer_id: o.customerId, recalculations: 1 }))
        .sort((a, b) => a.customer_id.localeCompare(b.customer_id)),
    );

    // The topics, read to their end with read_committed by librdkafka.
    const orderMessages = await decoded('orders.events.v1', ids);
    for (const u of users) {
      const mine = orderMessages.filter((m) => m.key === result.orders[u].orderId);
      expect(
        mine.map((m) => m.event.type),
        u,
      ).toEqual(expectedTypes[u]); // once each, in stream order
      expect(new Set(mine.map((m) => m.partition)).size, u).toBe(1);
    }
    const notifications = (await decoded(env.env.KAFKA_NOTIFICATIONS_TOPIC)).map(
      (m) => m.event.payload as { type: string; userId: string; notificationId: string; data: Uint8Array },
    );
    for (const u of users) {
      const o = result.orders[u];
      const onTopic = notifications.filter((n) => n.userId === o.customerId);
      expect(
        onTopic.map((n) => n.type),
        u,
      ).toEqual([...EXPECTED[u].notifications]);
      // The streams got the same notifications (ids), each once.
      expect(o.notifications.map((n) => n.notificationId).sort(), u).toEqual(
        onTopic.map((n) => n.notificationId).sort(),
      );
    }
    const dead = (await decoded(`${env.env.KAFKA_QUEUE_TOPIC}.dlq`)).map(
      (m) => m.event.payload as { jobId: string },
    );
    expect(dead.map((j) => j.jobId)).toEqual([`engagement-${result.orders.erin.orderId}`]);
  } finally {
    await pool.end();
  }
}

describe('example order service', () => {
  it('`./dev example` runs the scenario over HTTP against api, relay and workers processes and exits 0 with no ERROR line', async () => {
    const env = isolatedEnv();
    const { stdout, stderr } = await run(
      'bash',
      [join(repoRoot, 'scripts/example.sh'), '--app-schema', env.appSchema, '--log-dir', env.logDir],
      { cwd: repoRoot, env: env.env, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const lines = stdout.split('\n').filter((line) => line.startsWith('[order-service]'));
    expect(`${stdout}${stderr}`).not.toMatch(/\bERROR\b/);
    expect(lines.some((l) => /POST \/orders with quantity 0 -> 400 \/lines\/0\/quantity/.test(l))).toBe(true);
    expect(lines.some((l) => /placed -> cancelled \(payment_failed\)/.test(l))).toBe(true);
    expect(lines.some((l) => /placed -> confirmed -> cancelled \(customer_request\)/.test(l))).toBe(true);
    expect(lines.some((l) => /the same cancel again .* -> 409 VERSION_MISMATCH/.test(l))).toBe(true);
    expect(lines.some((l) => /completed after 2 failed attempts/.test(l))).toBe(true);
    expect(lines.some((l) => /dead-lettered after 3 attempts/.test(l))).toBe(true);
    expect(lines.some((l) => /^\[order-service\] console http:\/\/127\.0\.0\.1:\d+/.test(l))).toBe(true);
    // One trace from the POST /orders request through the outbox row, the relay and the handlers.
    expect(lines.some((l) => /trace [0-9a-f]{32}: \d+ spans in api, relay, workers /.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('[order-service] done');
    const pool = new pg.Pool({ connectionString: env.env.DATABASE_URL, max: 1 });
    try {
      const { rows } = await pool.query<{ status: string; n: number }>(
        `select status, count(*)::int as n from "${env.appSchema}".orders group by status order by status`,
      );
      expect(rows).toEqual([
        { status: 'cancelled', n: 2 },
        { status: 'confirmed', n: 3 },
      ]);
    } finally {
      await pool.end();
    }
  });

  it('kill -9 of the workers process in the middle of the scenario (then a new one) changes no outcome', async () => {
    const env = isolatedEnv();
    const settings = readSettings(['--app-schema', env.appSchema], env.env);
    await setUp({ settings, logDir: env.logDir });
    const services = await startServices({ settings, logDir: env.logDir });
    onTestFinished(() => services.stop());
    let killedAt = '';
    const result = await runScenario({
      apiUrl: services.apiUrl,
      databaseUrl: settings.databaseUrl,
      schema: settings.schema,
      say: () => {},
      afterOrdersPlaced: async () => {
        // Mid-way: the first payment handled (committed or about to be), the others not yet.
        const line = await services.workers.waitForLine(
          (l) => isMsg('payment taken')(l) || isMsg('payment declined; cancelling the order')(l),
          'a first payment',
        );
        killedAt = String((line as { msg: string }).msg);
        await services.killWorkers();
        await services.startWorkers();
      },
    });
    expect(killedAt).not.toBe('');
    await checkOutcome(result, env);
    const errors = [services.api, services.relay, services.workers].flatMap((p) =>
      p.lines.filter((l) => typeof l === 'object' && l.level === 'error'),
    );
    expect(errors).toEqual([]);
  });
});
