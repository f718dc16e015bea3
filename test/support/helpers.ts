import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { repoRoot, stackEnv } from './stack-env.ts';

const run = promisify(execFile);

/** A short random suffix for topic, group and schema names, so tests never share state. */
export function randomName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export function kafka(clientId = randomName('test')): Kafka {
  return new Kafka({ clientId, brokers: stackEnv().KAFKA_BROKERS.split(','), logLevel: logLevel.WARN });
}

/** The Kafka settings of the local stack, as every factory takes them (`kafka: testKafka()`). */
export function testKafka(): { brokers: string[] } {
  return { brokers: stackEnv().KAFKA_BROKERS.split(',') };
}

/** Creates a topic for the current test and deletes it when the test ends. */
export async function createTopic(topic: string, partitions = 3): Promise<string> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
  onTestFinished(async () => {
    const cleanup = kafka().admin();
    await cleanup.connect();
    await cleanup.deleteTopics({ topics: [topic] }).catch(() => {});
    await cleanup.disconnect();
  });
  return topic;
}

export interface WaitOptions {
  timeout?: number;
  interval?: number;
  /** What never happened, for the timeout error. */
  what: string;
}

/** Polls `condition` until it returns a truthy value; the timeout error names what never happened. */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: WaitOptions,
): Promise<NonNullable<T>> {
  const { timeout = 30_000, interval = 100, what } = options;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for: ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export interface CommittedMessage {
  partition: number;
  offset: number;
  /** The record's timestamp (ms; CreateTime: set by the producer when it sent the record). */
  timestamp: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}

/**
 * Reads a topic from the beginning to its last stable offset with an independent client
 * (librdkafka through Python's confluent-kafka, isolation.level=read_committed). `brokers`: another cluster
 * than the shared stack (a private stack of a crash test).
 */
export async function readAllCommitted(
  topic: string,
  timeoutSeconds = 120,
  brokers = stackEnv().KAFKA_BROKERS,
): Promise<CommittedMessage[]> {
  const script = join(repoRoot, 'test', 'support', 'read_committed.py');
  const { stdout } = await run('python3', [script, brokers, topic, String(timeoutSeconds)], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const raw = JSON.parse(line) as {
        partition: number;
        offset: number;
        timestamp: number;
        key: string | null;
        value: string | null;
        headers: Record<string, string>;
      };
      const headers: Record<string, Buffer> = {};
      for (const [name, value] of Object.entries(raw.headers)) headers[name] = Buffer.from(value, 'base64');
      return {
        partition: raw.partition,
        offset: raw.offset,
        timestamp: raw.timestamp,
        key: raw.key,
        value: raw.value === null ? null : Buffer.from(raw.value, 'base64'),
        headers,
      };
    });
}

/** A pool on the stack's Postgres, closed when the test ends. */
export function testPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: stackEnv().DATABASE_URL, max: 20 });
  onTestFinished(() => pool.end());
  return pool;
}

/**
 * A fresh Postgres schema for one test: dropped when the test passes, kept when it fails (for debugging).
 */
export async function createTestSchema(pool: pg.Pool, prefix = 'test'): Promise<string> {
  const schema = randomName(prefix);
  await pool.query(`create schema "${schema}"`);
  onTestFinished(async (context) => {
    if (context.task.result?.state === 'fail') {
      console.warn(`kept schema ${schema} of the failed test for debugging`);
      return;
    }
    // Its own connection: the test's pool may already be closed when this runs.
    const client = new pg.Client({ connectionString: stackEnv().DATABASE_URL });
    await client.connect();
    try {
      await client.query(`drop schema "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });
  return schema;
}

export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
