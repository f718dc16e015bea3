// Every component against the local stack's secured listener (TLS with the stack's CA, SCRAM-SHA-512, ACLs on
// the `sec.` prefix): with the right credentials each one connects and works; a wrong password, a CA that does
// not vouch for the broker and a principal without the ACL to write each fail at start with KafkaAccessError
// naming what failed, never with a hang, a retry loop or a stack; no password appears in any captured line.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  type KafkaAccessCode,
  KafkaAccessError,
  type KafkaSettings,
} from '../packages/config/src/index.ts';
import { createConsole } from '../packages/console/src/index.ts';
import { createConsumer } from '../packages/consumers/src/index.ts';
import { createBridge, ensureModuleTopics, ModuleError } from '../packages/modules/src/index.ts';
import { migrate } from '../packages/outbox/src/index.ts';
import { createRelay } from '../packages/relay/src/index.ts';
import { testCatalog, writeEvents } from '../packages/relay/test/support.ts';
import { createWireCodec } from '../packages/schemas/src/index.ts';
import { createTestSchema, randomName, waitFor } from './support/helpers.ts';
import { repoRoot, secureKafkaEnv, stackEnv } from './support/stack-env.ts';

const run = promisify(execFile);
const secure = secureKafkaEnv();
const brokers = secure.brokers.split(',');
const ca = readFileSync(secure.caFile, 'utf8');
const wrongPassword = `${secure.app.password}-wrong`;
const secrets = [secure.app.password, secure.reader.password, wrongPassword];

/** Every line any component logged in this file, and what the CLI printed. */
const captured: string[] = [];
const logger = createLogger({ level: 'debug', destination: (line) => captured.push(line) });

const settings = (
  user: { username: string; password: string },
  ssl: KafkaSettings['ssl'] = { ca },
): KafkaSettings => ({ brokers, ssl, sasl: { mechanism: 'scram-sha-512', ...user } });

const RIGHT = settings(secure.app);
/** The three refusals and the code each must give. */
const REFUSED: Array<[string, KafkaSettings, KafkaAccessCode, RegExp]> = [
  [
    'a wrong password',
    settings({ username: secure.app.username, password: wrongPassword }),
    'KAFKA_AUTHENTICATION_FAILED',
    /user "app".*KAFKA_SASL_PASSWORD/,
  ],
  // Node's own CA store does not know the stack's CA.
  ['an unknown CA', settings(secure.app, true), 'KAFKA_TLS_FAILED', /KAFKA_SSL_CA_FILE/],
  ['a principal without write ACL', settings(secure.reader), 'KAFKA_AUTHORIZATION_FAILED', /User:reader/],
];

const name = (label: string) => `${secure.topicPrefix}${randomName(label)}`;

/** The error `start` fails with; a start that succeeds fails the test. */
async function refusal(start: () => Promise<unknown>): Promise<KafkaAccessError> {
  const error = await start().then(
    () => new Error('expected the start to be refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KafkaAccessError);
  return error as KafkaAccessError;
}

function expectRefused(error: KafkaAccessError, code: KafkaAccessCode, names: RegExp): void {
  expect(error.code).toBe(code);
  expect(error.retriable).toBe(false);
  expect(error.message).toMatch(names);
  // The stack is the message: no kafkajs internals.
  expect(error.stack).not.toMatch(/\n\s+at /);
  for (const secret of secrets) expect(`${error.message}\n${error.stack}`).not.toContain(secret);
}

const topic = name('orders');
const catalog = testCatalog(topic);
// One pool for the file (testPool() is per test).
const pool = new pg.Pool({ connectionString: stackEnv().DATABASE_URL, max: 8 });
pool.on('error', () => {});

beforeAll(async () => {
  const admin = new Kafka({
    clientId: 'secure-components-test',
    brokers,
    ssl: { ca: [ca] },
    sasl: { mechanism: 'scram-sha-512', ...secure.app },
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
});

afterAll(async () => {
  await pool.end();
  // The lines of every component, kafkajs's included, and the CLI's output: no password in any of them.
  expect(captured.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(captured.filter((line) => line.includes(secret))).toEqual([]);
});

describe('relay and consumer', () => {
  it('publish and consume over TLS + SCRAM with the right credentials', async () => {
    const schema = await createTestSchema(pool, 'sec_relay');
    await migrate({ pool, schema });
    const relay = createRelay({
      database: pool,
      catalog,
      schema,
      kafka: RIGHT,
      slotCount: 1,
      stateTopic: `${secure.topicPrefix}${schema}.relay-state`,
      transactionalIdPrefix: `${secure.topicPrefix}${schema}.relay.`,
      pollIntervalMs: 200,
      logger,
    });
    const received: string[] = [];
    const consumer = createConsumer({
      kafka: RIGHT,
      catalog,
      codec: createWireCodec(catalog, { mode: 'headers' }),
      pool,
      schema,
      groupId: name('group'),
      topics: [topic],
      createDlqTopics: false,
      logger,
      handlers: {
        'order.placed': async (payload) => {
          received.push(payload.orderId);
        },
      },
    });
    try {
      await relay.start();
      await consumer.start();
      await writeEvents(pool, schema, catalog, [{ orderId: 'secure-1', seq: 1 }]);
      await waitFor(() => received.includes('secure-1'), {
        timeout: 30_000,
        what: 'the consumer received the event the relay published',
      });
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it.each(REFUSED)('the relay refuses to start with %s', async (_label, kafka, code, names) => {
    const schema = await createTestSchema(pool, 'sec_relay');
    await migrate({ pool, schema });
    const relay = createRelay({
      database: pool,
      catalog,
      schema,
      kafka,
      slotCount: 1,
      stateTopic: `${secure.topicPrefix}${schema}.relay-state`,
      transactionalIdPrefix: `${secure.topicPrefix}${schema}.relay.`,
      logger,
    });
    try {
      expectRefused(await refusal(() => relay.start()), code, names);
    } finally {
      await relay.stop();
    }
  });

  it.each(REFUSED)('the consumer refuses to start with %s', async (_label, kafka, code, names) => {
    const consumer = createConsumer({
      kafka,
      catalog,
      codec: createWireCodec(catalog, { mode: 'headers' }),
      pool,
      groupId: name('group'),
      topics: [topic],
      logger,
      handlers: { 'order.placed': async () => {} },
    });
    try {
      expectRefused(await refusal(() => consumer.start()), code, names);
    } finally {
      await consumer.stop();
    }
  });
});

describe('modules', () => {
  const topics = () => ({
    queue: name('queue'),
    logs: name('logs'),
    notifications: name('notifications'),
  });

  /** The bridge's own Kafka names (consumer groups, the embedded relay's state topic and transactional ids) under the ACL prefix. */
  const bridgeOptions = (schema: string, kafka: KafkaSettings) => ({
    pool,
    schema,
    config: { kafka, topics: topics(), groupId: name('modules') },
    embeddedRelay: {
      stateTopic: `${secure.topicPrefix}${schema}.relay-state`,
      transactionalIdPrefix: `${secure.topicPrefix}${schema}.relay.`,
    },
    logger,
  });

  it('start and create their topics over TLS + SCRAM with the right credentials', async () => {
    const schema = await createTestSchema(pool, 'sec_modules');
    const options = bridgeOptions(schema, RIGHT);
    const own = options.config.topics;
    const bridge = createBridge(options);
    try {
      await bridge.start();
      await bridge.integrations.kafka.module_queue.start();
      await ensureModuleTopics(RIGHT, { topics: own });
    } finally {
      await bridge.stop();
    }
  });

  it.each(REFUSED)('refuse to start with %s', async (_label, kafka, code, names) => {
    const schema = await createTestSchema(pool, 'sec_modules');
    const bridge = createBridge(bridgeOptions(schema, kafka));
    try {
      expectRefused(await refusal(() => bridge.start()), code, names);
      // A module call starts the bridge again; it fails the same way, as MODULE_START_FAILED with the cause.
      const call = await bridge.integrations.kafka.module_queue.start().then(
        () => new Error('expected the start to be refused'),
        (e: unknown) => e,
      );
      expect(call).toBeInstanceOf(ModuleError);
      expect((call as ModuleError).code).toBe('MODULE_START_FAILED');
      expect((call as ModuleError).cause).toBeInstanceOf(KafkaAccessError);
      expectRefused((call as ModuleError).cause as KafkaAccessError, code, names);
    } finally {
      await bridge.stop();
    }
  });
});

describe('console', () => {
  it('starts and reads the status over TLS + SCRAM with the right credentials', async () => {
    const server = createConsole({ pool, kafka: RIGHT, logger });
    try {
      const { url } = await server.start();
      const response = await fetch(new URL('/api/status', url));
      expect(response.status).toBe(200);
      const status = (await response.json()) as { consumers: { status: string } };
      expect(status.consumers.status).toBe('ok');
    } finally {
      await server.stop();
    }
  });

  it.each(REFUSED)('refuses to start with %s', async (_label, kafka, code, names) => {
    const server = createConsole({ pool, kafka, logger });
    try {
      expectRefused(await refusal(() => server.start()), code, names);
    } finally {
      await server.stop();
    }
  });
});

describe('CLI', () => {
  const cliEnv = (kafka: KafkaSettings): Record<string, string> => {
    const sasl = kafka.sasl as { username: string; password: string };
    return {
      KAFKA_BROKERS: secure.brokers,
      KAFKA_ENABLE_SSL: 'on',
      ...(typeof kafka.ssl === 'object' ? { KAFKA_SSL_CA_FILE: secure.caFile } : {}),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: sasl.username,
      KAFKA_SASL_PASSWORD: sasl.password,
    };
  };
  /** `commercebridge topics ensure` of a catalog on a new topic under the prefix: needs CREATE. */
  async function ensureTopics(kafka: KafkaSettings) {
    const own = name('cli');
    const result = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'packages/cli/src/bin.ts'),
        'topics',
        'ensure',
        '--no-dlq',
        '--partitions',
        '1',
        '--catalog',
        join(repoRoot, 'test/support/secure-catalog.ts'),
      ],
      {
        cwd: repoRoot,
        env: { PATH: process.env['PATH'] ?? '', SECURE_CATALOG_TOPIC: own, ...cliEnv(kafka) },
      },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    captured.push(result.stdout, result.stderr);
    return { ...result, topic: own };
  }

  it('creates topics over TLS + SCRAM with the right credentials', async () => {
    const result = await ensureTopics(RIGHT);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(result.topic);
  });

  it.each(REFUSED)('exits 2 with one line naming the failure with %s', async (_label, kafka, code, names) => {
    const result = await ensureTopics(kafka);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(code);
    expect(result.stderr).toMatch(names);
    // One line of the CLI's own (Node may add a warning of kafkajs's SASL timer beside it).
    expect(result.stderr.split('\n').filter((line) => line.startsWith('commercebridge:'))).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
