// The local stack's secured Kafka listener (SASL_SSL): TLS with the stack's CA, SCRAM users, ACLs.
// Checked with librdkafka (Python confluent-kafka, an independent client) and with kafkajs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, type KafkaConfig, logLevel, type SASLOptions } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopic, randomName } from './support/helpers.ts';
import { repoRoot, type SecureKafkaUser, secureKafkaEnv } from './support/stack-env.ts';

const run = promisify(execFile);
const secure = secureKafkaEnv();
const ca = [readFileSync(secure.caFile)];

/** What test/support/secure_client.py saw: librdkafka error names (KafkaError.name()). */
interface ClientResult {
  connected?: boolean;
  delivered?: string[];
  failed?: string[];
  values?: string[];
  errors: string[];
  reasons: string[];
}

async function librdkafka(
  action: string,
  config: Record<string, unknown>,
  ...args: string[]
): Promise<ClientResult> {
  const script = join(repoRoot, 'test', 'support', 'secure_client.py');
  const { stdout } = await run('python3', [script, action, JSON.stringify(config), ...args]);
  return JSON.parse(stdout) as ClientResult;
}

/** librdkafka properties for the secured listener. */
function saslSsl(
  user: SecureKafkaUser,
  mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512',
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    'bootstrap.servers': secure.brokers,
    'security.protocol': 'SASL_SSL',
    'sasl.mechanisms': mechanism,
    'sasl.username': user.username,
    'sasl.password': user.password,
    'ssl.ca.location': secure.caFile,
    ...extra,
  };
}

/**
 * A kafkajs client of the secured listener. Small timeouts, and no retries for the clients that are to be
 * refused, so that a refusal is an error at once, not a hang.
 */
function secureKafkajs(
  sasl: SASLOptions,
  { ssl = { ca }, retries = 5 }: { ssl?: KafkaConfig['ssl']; retries?: number } = {},
): Kafka {
  return new Kafka({
    clientId: 'secure-stack-test',
    brokers: secure.brokers.split(','),
    ssl,
    sasl,
    connectionTimeout: 5000,
    authenticationTimeout: 5000,
    retry: { retries },
    logLevel: logLevel.NOTHING,
  });
}

const appSasl = (): SASLOptions => ({ mechanism: 'scram-sha-512', ...secure.app });
const topicName = (label: string): string => `${secure.topicPrefix}${randomName(label)}`;

/** A topic under the ACL prefix, created by `app` itself through the secured listener. */
async function createTopicAsApp(topic: string): Promise<void> {
  const admin = secureKafkajs(appSasl()).admin();
  await admin.connect();
  try {
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true })).toBe(
      true,
    );
  } finally {
    await admin.disconnect();
  }
}

// A second CA, unknown to the broker, with a client certificate of its own.
let foreign: { dir: string; caFile: string; certFile: string; keyFile: string };

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'commercebridge-foreign-ca-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  foreign = {
    dir,
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'client.pem'),
    keyFile: join(dir, 'client.key'),
  };
  await run(
    'openssl',
    ['req', '-x509', ...ec, '-keyout', join(dir, 'ca.key'), '-out', foreign.caFile, '-days', '1'].concat([
      '-subj',
      '/CN=foreign CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ]),
  );
  await run(
    'openssl',
    ['req', '-new', ...ec, '-keyout', foreign.keyFile, '-out', join(dir, 'client.csr')].concat([
      '-subj',
      '/CN=app',
    ]),
  );
  await run(
    'openssl',
    ['x509', '-req', '-in', join(dir, 'client.csr'), '-CA', foreign.caFile].concat([
      '-CAkey',
      join(dir, 'ca.key'),
      '-set_serial',
      '1',
      '-days',
      '1',
      '-out',
      foreign.certFile,
    ]),
  );
});

afterAll(() => {
  if (foreign) rmSync(foreign.dir, { recursive: true, force: true });
});

describe('secured Kafka listener, librdkafka (confluent-kafka)', () => {
  it('app produces idempotently (SCRAM-SHA-512) and consumes (SCRAM-SHA-256) on a topic under its prefix', async () => {
    const topic = topicName('py_app');
    await createTopicAsApp(topic);
    const produced = await librdkafka(
      'produce',
      saslSsl(secure.app, 'SCRAM-SHA-512', { 'enable.idempotence': true, acks: 'all' }),
      topic,
      '5',
    );
    expect(produced).toMatchObject({ delivered: ['v0', 'v1', 'v2', 'v3', 'v4'], failed: [], errors: [] });
    const consumed = await librdkafka(
      'consume',
      saslSsl(secure.app, 'SCRAM-SHA-256', { 'group.id': `${secure.topicPrefix}${randomName('py_app')}` }),
      topic,
      '5',
    );
    expect(consumed).toMatchObject({ values: ['v0', 'v1', 'v2', 'v3', 'v4'], errors: [] });
  });

  it('reader consumes a prefixed topic in a prefixed group but cannot produce (TOPIC_AUTHORIZATION_FAILED)', async () => {
    const topic = topicName('py_reader');
    await createTopicAsApp(topic);
    expect(await librdkafka('produce', saslSsl(secure.app, 'SCRAM-SHA-512'), topic, '2')).toMatchObject({
      failed: [],
      errors: [],
    });

    const read = await librdkafka(
      'consume',
      saslSsl(secure.reader, 'SCRAM-SHA-512', {
        'group.id': `${secure.topicPrefix}${randomName('py_reader')}`,
      }),
      topic,
      '2',
    );
    expect(read).toMatchObject({ values: ['v0', 'v1'], errors: [] });

    const write = await librdkafka('produce', saslSsl(secure.reader, 'SCRAM-SHA-512'), topic, '2');
    expect(write.delivered).toEqual([]);
    expect(write.failed).toEqual(['TOPIC_AUTHORIZATION_FAILED', 'TOPIC_AUTHORIZATION_FAILED']);

    const outsideGroup = await librdkafka(
      'consume',
      saslSsl(secure.reader, 'SCRAM-SHA-512', { 'group.id': randomName('not_prefixed') }),
      topic,
      '2',
    );
    expect(outsideGroup.values).toEqual([]);
    expect(outsideGroup.errors).toContain('GROUP_AUTHORIZATION_FAILED');
  });

  it('app cannot write to a topic outside its prefix', async () => {
    const topic = await createTopic(randomName('outside_prefix'), 1); // through the plaintext listener
    const write = await librdkafka('produce', saslSsl(secure.app, 'SCRAM-SHA-512'), topic, '1');
    expect(write.delivered).toEqual([]);
    expect(write.failed).toEqual(['TOPIC_AUTHORIZATION_FAILED']);
  });

  it('a wrong password fails SASL authentication', async () => {
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) {
      const result = await librdkafka('connect', saslSsl({ ...secure.app, password: 'wrong' }, mechanism));
      expect(result.connected, result.reasons.join('; ')).toBe(false);
      expect(result.errors).toContain('_AUTHENTICATION');
    }
  });

  it('a client that trusts another CA fails the TLS handshake', async () => {
    const result = await librdkafka(
      'connect',
      saslSsl(secure.app, 'SCRAM-SHA-512', { 'ssl.ca.location': foreign.caFile }),
    );
    expect(result.connected).toBe(false);
    expect(result.errors).toContain('_SSL');
    expect(result.reasons.join('; ')).toMatch(/certificate verify failed/);
  });

  it('mutual TLS: a client certificate signed by the stack CA is accepted', async () => {
    const result = await librdkafka(
      'connect',
      saslSsl(secure.app, 'SCRAM-SHA-512', {
        'ssl.certificate.location': secure.clientCertFile,
        'ssl.key.location': secure.clientKeyFile,
      }),
    );
    expect(result).toMatchObject({ connected: true, errors: [] });
  });
});

describe('secured Kafka listener, kafkajs', () => {
  it('app produces in a transaction and consumes with scram-sha-512; reader reads it read_committed', async () => {
    const topic = topicName('kjs_app');
    await createTopicAsApp(topic);
    const kafka = secureKafkajs(appSasl());

    const producer = kafka.producer({
      transactionalId: `${secure.topicPrefix}${randomName('kjs_tx')}`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({
      topic,
      acks: -1,
      messages: ['a', 'b', 'c'].map((value) => ({ key: 'k', value })),
    });
    await transaction.commit();
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `${secure.topicPrefix}${randomName('kjs_app')}` });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ message }) => {
              seen.push(message.value!.toString());
              if (seen.length === 3) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    expect(seen).toEqual(['a', 'b', 'c']);

    const independent = await librdkafka(
      'consume',
      saslSsl(secure.reader, 'SCRAM-SHA-256', {
        'group.id': `${secure.topicPrefix}${randomName('py_committed')}`,
        'isolation.level': 'read_committed',
      }),
      topic,
      '3',
    );
    expect(independent).toMatchObject({ values: ['a', 'b', 'c'], errors: [] });
  });

  it('a wrong password rejects connect with a SASL authentication error', async () => {
    for (const mechanism of ['scram-sha-256', 'scram-sha-512'] as const) {
      const producer = secureKafkajs(
        { mechanism, username: secure.app.username, password: 'wrong' },
        { retries: 0 },
      ).producer();
      await expect(producer.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
      await producer.disconnect();
    }
  });

  it('reader cannot produce: TOPIC_AUTHORIZATION_FAILED', async () => {
    const topic = topicName('kjs_reader');
    await createTopicAsApp(topic);
    const producer = secureKafkajs({ mechanism: 'scram-sha-512', ...secure.reader }).producer();
    await producer.connect();
    try {
      await expect(producer.send({ topic, messages: [{ value: 'x' }] })).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
    } finally {
      await producer.disconnect();
    }
  });

  it('a client that trusts another CA fails the TLS handshake', async () => {
    const admin = secureKafkajs(appSasl(), {
      ssl: { ca: [readFileSync(foreign.caFile)] },
      retries: 0,
    }).admin();
    await expect(admin.connect()).rejects.toMatchObject({
      name: 'KafkaJSNumberOfRetriesExceeded',
      cause: { name: 'KafkaJSConnectionError', code: 'SELF_SIGNED_CERT_IN_CHAIN' },
    });
    await admin.disconnect();
  });

  it('a client certificate from another CA is refused by the broker; one from the stack CA is accepted', async () => {
    const foreignCert = secureKafkajs(appSasl(), {
      ssl: { ca, cert: readFileSync(foreign.certFile), key: readFileSync(foreign.keyFile) },
      retries: 0,
    }).admin();
    await expect(foreignCert.connect()).rejects.toMatchObject({
      name: 'KafkaJSNumberOfRetriesExceeded',
      // the broker's TLS alert 46
      cause: { name: 'KafkaJSConnectionError', code: 'ERR_SSL_SSL/TLS_ALERT_CERTIFICATE_UNKNOWN' },
    });
    await foreignCert.disconnect();

    const stackCert = secureKafkajs(appSasl(), {
      ssl: { ca, cert: readFileSync(secure.clientCertFile), key: readFileSync(secure.clientKeyFile) },
    }).admin();
    await stackCert.connect();
    try {
      expect((await stackCert.describeCluster()).brokers).toHaveLength(1);
    } finally {
      await stackCert.disconnect();
    }
  });
});
