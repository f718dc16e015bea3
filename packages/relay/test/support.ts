// Helpers of the relay's own tests: an outbox schema per test, events written like a writer would, a relay
// stopped when the test ends.

import { randomUUID } from 'node:crypto';
import { createLogger, silentLogger } from '@commercebridge/config';
import { ADVISORY_LOCK_CLASSID, lockBucket, migrate } from '@commercebridge/outbox';
import {
  type Catalog,
  commercebridge,
  defineCatalog,
  encodeEvent,
  protoSources,
} from '@commercebridge/schemas';
import type pg from 'pg';
import { onTestFinished } from 'vitest';
import { createTestSchema, waitFor } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { createRelay } from '../src/index.ts';
import type { Relay, RelayOptions } from '../src/types.ts';

export async function outboxSchema(pool: pg.Pool): Promise<string> {
  const schema = await createTestSchema(pool, 'relay');
  await migrate({ pool, schema });
  return schema;
}

/** A catalog of two order events on a topic of the test's own (the built-in one uses fixed topic names). */
export function testCatalog(topic: string) {
  const { orders } = commercebridge;
  return defineCatalog(
    {
      'order.placed': {
        topic,
        message: orders.v1.OrderPlaced,
        key: (p) => p.orderId,
        required: ['orderId'],
      },
      'order.confirmed': {
        topic,
        message: orders.v1.OrderConfirmed,
        key: (p) => p.orderId,
        required: ['orderId'],
      },
    },
    { sources: protoSources },
  );
}
export type TestCatalog = ReturnType<typeof testCatalog>;

export interface TestEvent {
  orderId: string;
  /** Carried in the payload's `channel` field so that a reader can check order. */
  seq: number;
  headers?: Record<string, string>;
}

/**
 * Inserts `order.placed` events in one transaction the way a writer does: bucket locks in ascending order,
 * then the rows, then NOTIFY. Returns the event ids in insert order.
 */
export async function writeEvents(
  pool: pg.Pool,
  schema: string,
  catalog: TestCatalog,
  events: TestEvent[],
  options: { rollback?: boolean; beforeCommit?: () => Promise<void> } = {},
): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const buckets = [...new Set(events.map((e) => lockBucket(e.orderId)))].sort((a, b) => a - b);
    for (const bucket of buckets)
      await client.query('select pg_advisory_xact_lock($1, $2)', [ADVISORY_LOCK_CLASSID, bucket]);
    const ids: string[] = [];
    for (const event of events) {
      const id = randomUUID();
      ids.push(id);
      const encoded = encodeEvent(catalog, 'order.placed', {
        orderId: event.orderId,
        customerId: 'customer-1',
        channel: String(event.seq),
      });
      await client.query(
        `insert into "${schema}".events (event_id, event_type, topic, partition_key, bucket, message_name,
           schema_version, payload, headers)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          encoded.type,
          encoded.topic,
          encoded.key,
          lockBucket(encoded.key),
          encoded.messageName,
          encoded.schemaVersion,
          Buffer.from(encoded.bytes),
          JSON.stringify(event.headers ?? { 'correlation-id': id, 'causation-id': id }),
        ],
      );
    }
    await client.query(`select pg_notify($1, '')`, [`${schema}_events`]);
    // A writer that is slow to commit: its rows have their positions and its buckets stay locked meanwhile.
    if (options.beforeCommit) await options.beforeCommit();
    await client.query(options.rollback ? 'rollback' : 'commit');
    return ids;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function unpublishedCount(pool: pg.Pool, schema: string): Promise<number> {
  const { rows } = await pool.query(
    `select count(*)::int as n from "${schema}".events where published_at is null`,
  );
  return rows[0].n;
}

export async function waitAllPublished(pool: pg.Pool, schema: string, timeout = 60_000): Promise<void> {
  await waitFor(async () => (await unpublishedCount(pool, schema)) === 0, {
    timeout,
    what: `every event of ${schema} marked published`,
  });
}

export function relayOptions(
  pool: pg.Pool,
  schema: string,
  catalog: Catalog,
  overrides: Partial<RelayOptions> = {},
): RelayOptions {
  return {
    database: pool,
    catalog,
    schema,
    kafka: { brokers: stackEnv().KAFKA_BROKERS.split(',') },
    slotCount: 4,
    stateTopic: `${schema}.relay-state`,
    transactionalIdPrefix: `${schema}.relay.`,
    pollIntervalMs: 200,
    leaseTtlMs: 3000,
    // RELAY_TEST_LOG=debug shows the relay's log lines while a test runs.
    logger: process.env['RELAY_TEST_LOG']
      ? createLogger({
          level: process.env['RELAY_TEST_LOG'] as 'debug',
          destination: (line) => console.log(line),
        })
      : silentLogger,
    ...overrides,
  };
}

/** A relay started for the test and stopped when it ends (unless the test stopped it). */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const relay = createRelay(options);
  onTestFinished(async () => {
    await relay.stop();
  });
  await relay.start();
  return relay;
}

export async function deleteTopicLater(topic: string): Promise<void> {
  const { kafka } = await import('../../../test/support/helpers.ts');
  onTestFinished(async () => {
    const admin = kafka().admin();
    await admin.connect();
    // Only when it exists: kafkajs retries deleting a missing topic for many seconds.
    if ((await admin.listTopics()).includes(topic))
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  });
}

/** `order.placed` on one topic, `order.confirmed` on another: an event of a key can be stuck on one of them. */
export function twoTopicCatalog(placedTopic: string, confirmedTopic: string) {
  const { orders } = commercebridge;
  return defineCatalog(
    {
      'order.placed': {
        topic: placedTopic,
        message: orders.v1.OrderPlaced,
        key: (p) => p.orderId,
        required: ['orderId'],
      },
      'order.confirmed': {
        topic: confirmedTopic,
        message: orders.v1.OrderConfirmed,
        key: (p) => p.orderId,
        required: ['orderId'],
      },
    },
    { sources: protoSources },
  );
}

/** `count` partition keys that land in `slot` of `slotCount` (a slot owns the buckets with bucket % N = slot). */
export function keysInSlot(slot: number, slotCount: number, count: number, prefix = 'order'): string[] {
  const keys: string[] = [];
  for (let i = 0; keys.length < count; i++) {
    const key = `${prefix}-${i}`;
    if (lockBucket(key) % slotCount === slot) keys.push(key);
  }
  return keys;
}

/** Creates a topic now (with topic configs, e.g. max.message.bytes) and deletes it when the test ends. */
export async function createTopicNow(
  topic: string,
  options: { partitions?: number; config?: Record<string, string> } = {},
): Promise<string> {
  const { kafka } = await import('../../../test/support/helpers.ts');
  await deleteTopicLater(topic);
  const admin = kafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [
        {
          topic,
          numPartitions: options.partitions ?? 3,
          replicationFactor: 1,
          configEntries: Object.entries(options.config ?? {}).map(([name, value]) => ({ name, value })),
        },
      ],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** GET a path of the relay's HTTP server: status and body (JSON when it parses, else text). */
export async function relayHttp(port: number, path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}
