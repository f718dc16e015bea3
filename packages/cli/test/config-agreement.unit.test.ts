// Every component reads the same variable the same way: for each variable, a valid, an invalid and an edge
// value give the same parsed value, or the same error naming the same variable, in the relay
// (optionsFromEnv), the modules (modulesConfigFromEnv, createBridge), the consumers (consumerOptionsFromEnv)
// and the CLI (packages/cli/src/context.ts). Secrets never appear in an error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type KafkaSettings, VARIABLES, type VariableName } from '@commercebridge/config';
import { consumerOptionsFromEnv } from '@commercebridge/consumers';
import { createBridge, modulesConfigFromEnv } from '@commercebridge/modules';
import { optionsFromEnv, type WireOptions } from '@commercebridge/relay';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, kafkaSettings, openPool, registryAuth, schemaOf } from '../src/context.ts';

type Env = Record<string, string | undefined>;
type View = Partial<Record<VariableName, unknown>>;

const base: Env = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://app@127.0.0.1:5432/app' };

const dir = mkdtempSync(join(tmpdir(), 'config-agreement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pemFile = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const CA = '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n';
const caFile = pemFile('ca.pem', CA);
const certFile = pemFile('client.pem', CERT);
const keyFile = pemFile('client.key', KEY);

const TLS_VARIABLES = [
  'KAFKA_ENABLE_SSL',
  'KAFKA_SSL_CA_FILE',
  'KAFKA_SSL_CERT_FILE',
  'KAFKA_SSL_KEY_FILE',
  'KAFKA_SSL_KEY_PASSPHRASE',
  'KAFKA_SSL_REJECT_UNAUTHORIZED',
] as const;
const SASL_VARIABLES = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;

/** What each variable became in a component's Kafka settings: TLS variables as `ssl`, SASL ones as `sasl`. */
function kafkaView(kafka: KafkaSettings): View {
  const view: View = { KAFKA_BROKERS: kafka.brokers, KAFKA_CLIENT_ID: kafka.clientId };
  for (const name of TLS_VARIABLES) view[name] = kafka.ssl ?? false;
  for (const name of SASL_VARIABLES) view[name] = kafka.sasl ?? null;
  return view;
}

const registryView = (wire: WireOptions) =>
  wire.mode === 'registry' ? { url: wire.url, headers: wire.headers ?? {} } : null;
const REGISTRY_VARIABLES = [
  'SCHEMA_REGISTRY_URL',
  'SCHEMA_REGISTRY_USERNAME',
  'SCHEMA_REGISTRY_PASSWORD',
  'SCHEMA_REGISTRY_TOKEN',
] as const;
const registry = (value: unknown): View =>
  Object.fromEntries(REGISTRY_VARIABLES.map((name) => [name, value]));

/** Each component's reading of an environment, as the values of the variables it reads. */
const components: Record<string, (env: Env) => Promise<View>> = {
  relay: async (env) => {
    const { options, databaseUrl } = optionsFromEnv(env);
    return {
      ...kafkaView(options.kafka),
      KAFKA_MAX_BATCH_SIZE: options.batchSize,
      KAFKA_BATCH_TIMEOUT_MS: options.batchTimeoutMs,
      KAFKA_COMPRESSION_TYPE: options.compression,
      KAFKA_MAX_IN_FLIGHT: options.maxInFlight,
      DATABASE_URL: databaseUrl,
      OUTBOX_SCHEMA: options.schema,
      ...registry(registryView(options.wire)),
    };
  },
  modules: async (env) => {
    const config = modulesConfigFromEnv(env);
    const bridge = createBridge({ env });
    const schema = bridge.schema;
    const databaseUrl = (bridge.pool as unknown as { options: { connectionString: string } }).options
      .connectionString;
    await bridge.stop();
    return {
      ...kafkaView(config.kafka),
      KAFKA_GROUP_ID: config.groupId,
      KAFKA_QUEUE_TOPIC: config.topics.queue,
      KAFKA_LOGS_TOPIC: config.topics.logs,
      KAFKA_NOTIFICATIONS_TOPIC: config.topics.notifications,
      KAFKA_MAX_BATCH_SIZE: config.maxBatchSize,
      KAFKA_BATCH_TIMEOUT_MS: config.batchTimeoutMs,
      KAFKA_COMPRESSION_TYPE: config.compression,
      KAFKA_MAX_IN_FLIGHT: config.maxInFlight,
      OUTBOX_SCHEMA: schema,
      DATABASE_URL: databaseUrl,
    };
  },
  consumers: async (env) => {
    const options = consumerOptionsFromEnv(env);
    return {
      ...kafkaView(options.kafka),
      KAFKA_GROUP_ID: options.groupId,
      KAFKA_MAX_BATCH_SIZE: options.maxBatchSize,
      OUTBOX_SCHEMA: options.schema,
    };
  },
  cli: async (env) => {
    const pool = openPool(env);
    const databaseUrl = (pool as unknown as { options: { connectionString: string } }).options
      .connectionString;
    await pool.end();
    return {
      ...kafkaView(kafkaSettings(env)),
      DATABASE_URL: databaseUrl,
      OUTBOX_SCHEMA: schemaOf({}, env),
      ...registry(registryAuth(env) ?? null),
    };
  },
};

type Outcome = { value: unknown } | { error: string; variable: string | undefined };

async function outcome(read: (env: Env) => Promise<View>, env: Env, name: VariableName): Promise<Outcome> {
  try {
    return { value: (await read(env))[name] };
  } catch (error) {
    if (error instanceof ConfigError) return { error: error.message, variable: error.variable };
    // The CLI reports a configuration error as a usage error (exit 1) with the same message.
    if (error instanceof CliError) return { error: error.message, variable: /^\S+/.exec(error.message)?.[0] };
    throw error;
  }
}

const invalid = (variable: VariableName) => ({ invalid: variable });
type Expected = unknown;

const tls = (fields: Record<string, unknown>) => ({ rejectUnauthorized: true, ...fields });
const sasl = {
  KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
  KAFKA_SASL_USERNAME: 'relay',
  KAFKA_SASL_PASSWORD: 's3cret',
};
const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

/** [variable, environment (over `base`), expected value of the variable or the variable an error names] */
const CASES: Array<[VariableName, Env, Expected]> = [
  ['KAFKA_BROKERS', { KAFKA_BROKERS: 'a:1, b:2' }, ['a:1', 'b:2']],
  ['KAFKA_BROKERS', { KAFKA_BROKERS: 'a:1,,b:2' }, invalid('KAFKA_BROKERS')],
  ['KAFKA_BROKERS', { KAFKA_BROKERS: 'a:1,' }, invalid('KAFKA_BROKERS')],
  ['KAFKA_BROKERS', { KAFKA_BROKERS: 'localhost' }, invalid('KAFKA_BROKERS')],
  ['KAFKA_BROKERS', { KAFKA_BROKERS: 'a:70000' }, invalid('KAFKA_BROKERS')],
  ['KAFKA_BROKERS', { KAFKA_BROKERS: '  ' }, invalid('KAFKA_BROKERS')],
  ['KAFKA_CLIENT_ID', { KAFKA_CLIENT_ID: 'billing' }, 'billing'],
  ['KAFKA_CLIENT_ID', {}, 'commercebridge'],
  ['KAFKA_CLIENT_ID', { KAFKA_CLIENT_ID: 'x'.repeat(256) }, invalid('KAFKA_CLIENT_ID')],
  ['KAFKA_GROUP_ID', { KAFKA_GROUP_ID: 'billing-workers' }, 'billing-workers'],
  ['KAFKA_GROUP_ID', {}, 'commercebridge-workers'],
  ['KAFKA_GROUP_ID', { KAFKA_GROUP_ID: 'g'.repeat(256) }, invalid('KAFKA_GROUP_ID')],
  ['KAFKA_ENABLE_SSL', { KAFKA_ENABLE_SSL: 'on' }, true],
  ['KAFKA_ENABLE_SSL', { KAFKA_ENABLE_SSL: 'TRUE' }, true],
  ['KAFKA_ENABLE_SSL', { KAFKA_ENABLE_SSL: '0' }, false],
  ['KAFKA_ENABLE_SSL', { KAFKA_ENABLE_SSL: 'maybe' }, invalid('KAFKA_ENABLE_SSL')],
  ['KAFKA_SSL_CA_FILE', { KAFKA_SSL_CA_FILE: caFile }, tls({ ca: CA })],
  ['KAFKA_SSL_CA_FILE', { KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') }, invalid('KAFKA_SSL_CA_FILE')],
  ['KAFKA_SSL_CA_FILE', { KAFKA_SSL_CA_FILE: caFile, KAFKA_ENABLE_SSL: 'off' }, invalid('KAFKA_ENABLE_SSL')],
  [
    'KAFKA_SSL_CERT_FILE',
    { KAFKA_SSL_CERT_FILE: certFile, KAFKA_SSL_KEY_FILE: keyFile },
    tls({ cert: CERT, key: KEY }),
  ],
  ['KAFKA_SSL_CERT_FILE', { KAFKA_SSL_CERT_FILE: certFile }, invalid('KAFKA_SSL_KEY_FILE')],
  ['KAFKA_SSL_KEY_FILE', { KAFKA_SSL_KEY_FILE: keyFile }, invalid('KAFKA_SSL_CERT_FILE')],
  [
    'KAFKA_SSL_KEY_PASSPHRASE',
    { KAFKA_SSL_CERT_FILE: certFile, KAFKA_SSL_KEY_FILE: keyFile, KAFKA_SSL_KEY_PASSPHRASE: 'pass phrase' },
    tls({ cert: CERT, key: KEY, passphrase: 'pass phrase' }),
  ],
  ['KAFKA_SSL_KEY_PASSPHRASE', { KAFKA_SSL_KEY_PASSPHRASE: 'pass phrase' }, invalid('KAFKA_SSL_KEY_FILE')],
  ['KAFKA_SSL_REJECT_UNAUTHORIZED', { KAFKA_SSL_REJECT_UNAUTHORIZED: 'no' }, { rejectUnauthorized: false }],
  [
    'KAFKA_SSL_REJECT_UNAUTHORIZED',
    { KAFKA_SSL_REJECT_UNAUTHORIZED: 'sure' },
    invalid('KAFKA_SSL_REJECT_UNAUTHORIZED'),
  ],
  ['KAFKA_SASL_MECHANISM', sasl, { mechanism: 'scram-sha-512', username: 'relay', password: 's3cret' }],
  [
    'KAFKA_SASL_MECHANISM',
    { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: ' p ' },
    { mechanism: 'plain', username: 'u', password: ' p ' },
  ],
  ['KAFKA_SASL_MECHANISM', { ...sasl, KAFKA_SASL_MECHANISM: 'gssapi' }, invalid('KAFKA_SASL_MECHANISM')],
  ['KAFKA_SASL_MECHANISM', { KAFKA_SASL_MECHANISM: 'plain' }, invalid('KAFKA_SASL_USERNAME')],
  [
    'KAFKA_SASL_USERNAME',
    { KAFKA_SASL_USERNAME: 'relay', KAFKA_SASL_PASSWORD: 's3cret' },
    invalid('KAFKA_SASL_MECHANISM'),
  ],
  [
    'KAFKA_SASL_PASSWORD',
    { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'relay' },
    invalid('KAFKA_SASL_PASSWORD'),
  ],
  [
    'KAFKA_SASL_PASSWORD',
    { ...sasl, KAFKA_SASL_PASSWORD: `s3cret${'x'.repeat(1020)}` },
    invalid('KAFKA_SASL_PASSWORD'),
  ],
  ['KAFKA_QUEUE_TOPIC', { KAFKA_QUEUE_TOPIC: 'worker-queue' }, 'worker-queue'],
  ['KAFKA_QUEUE_TOPIC', { KAFKA_QUEUE_TOPIC: 'bad topic' }, invalid('KAFKA_QUEUE_TOPIC')],
  ['KAFKA_LOGS_TOPIC', {}, 'logs.entries.v1'],
  ['KAFKA_LOGS_TOPIC', { KAFKA_LOGS_TOPIC: '..' }, invalid('KAFKA_LOGS_TOPIC')],
  ['KAFKA_NOTIFICATIONS_TOPIC', { KAFKA_NOTIFICATIONS_TOPIC: 'n'.repeat(249) }, 'n'.repeat(249)],
  [
    'KAFKA_NOTIFICATIONS_TOPIC',
    { KAFKA_NOTIFICATIONS_TOPIC: 'n'.repeat(250) },
    invalid('KAFKA_NOTIFICATIONS_TOPIC'),
  ],
  ['KAFKA_MAX_BATCH_SIZE', { KAFKA_MAX_BATCH_SIZE: '500' }, 500],
  ['KAFKA_MAX_BATCH_SIZE', { KAFKA_MAX_BATCH_SIZE: ' 10000 ' }, 10_000],
  ['KAFKA_MAX_BATCH_SIZE', {}, 100],
  ['KAFKA_MAX_BATCH_SIZE', { KAFKA_MAX_BATCH_SIZE: '50000' }, invalid('KAFKA_MAX_BATCH_SIZE')],
  ['KAFKA_MAX_BATCH_SIZE', { KAFKA_MAX_BATCH_SIZE: '0x10' }, invalid('KAFKA_MAX_BATCH_SIZE')],
  ['KAFKA_MAX_BATCH_SIZE', { KAFKA_MAX_BATCH_SIZE: '1e3' }, invalid('KAFKA_MAX_BATCH_SIZE')],
  ['KAFKA_MAX_BATCH_SIZE', { KAFKA_MAX_BATCH_SIZE: '+5' }, invalid('KAFKA_MAX_BATCH_SIZE')],
  ['KAFKA_MAX_BATCH_SIZE', { KAFKA_MAX_BATCH_SIZE: '0' }, invalid('KAFKA_MAX_BATCH_SIZE')],
  ['KAFKA_BATCH_TIMEOUT_MS', { KAFKA_BATCH_TIMEOUT_MS: '2000' }, 2000],
  ['KAFKA_BATCH_TIMEOUT_MS', { KAFKA_BATCH_TIMEOUT_MS: '100' }, 100],
  ['KAFKA_BATCH_TIMEOUT_MS', { KAFKA_BATCH_TIMEOUT_MS: '50' }, invalid('KAFKA_BATCH_TIMEOUT_MS')],
  ['KAFKA_BATCH_TIMEOUT_MS', { KAFKA_BATCH_TIMEOUT_MS: '1.5' }, invalid('KAFKA_BATCH_TIMEOUT_MS')],
  ['KAFKA_COMPRESSION_TYPE', { KAFKA_COMPRESSION_TYPE: 'SNAPPY' }, 'snappy'],
  ['KAFKA_COMPRESSION_TYPE', {}, 'none'],
  ['KAFKA_COMPRESSION_TYPE', { KAFKA_COMPRESSION_TYPE: 'lz4' }, invalid('KAFKA_COMPRESSION_TYPE')],
  ['KAFKA_MAX_IN_FLIGHT', { KAFKA_MAX_IN_FLIGHT: '1' }, 1],
  ['KAFKA_MAX_IN_FLIGHT', { KAFKA_MAX_IN_FLIGHT: '5' }, 5],
  ['KAFKA_MAX_IN_FLIGHT', { KAFKA_MAX_IN_FLIGHT: '6' }, invalid('KAFKA_MAX_IN_FLIGHT')],
  ['DATABASE_URL', { DATABASE_URL: 'postgresql://u:pw@db:5432/shop' }, 'postgresql://u:pw@db:5432/shop'],
  ['DATABASE_URL', { DATABASE_URL: 'garbage' }, invalid('DATABASE_URL')],
  ['DATABASE_URL', { DATABASE_URL: 'mysql://u:pw@db/shop' }, invalid('DATABASE_URL')],
  ['DATABASE_URL', { DATABASE_URL: '' }, invalid('DATABASE_URL')],
  ['OUTBOX_SCHEMA', { OUTBOX_SCHEMA: 'shop' }, 'shop'],
  ['OUTBOX_SCHEMA', {}, 'commercebridge'],
  ['OUTBOX_SCHEMA', { OUTBOX_SCHEMA: `_${'s'.repeat(55)}` }, `_${'s'.repeat(55)}`],
  ['OUTBOX_SCHEMA', { OUTBOX_SCHEMA: 'order-service' }, invalid('OUTBOX_SCHEMA')],
  ['OUTBOX_SCHEMA', { OUTBOX_SCHEMA: 's'.repeat(57) }, invalid('OUTBOX_SCHEMA')],
  [
    'SCHEMA_REGISTRY_URL',
    { SCHEMA_REGISTRY_URL: 'http://registry:8081/' },
    { url: 'http://registry:8081', headers: {} },
  ],
  ['SCHEMA_REGISTRY_URL', {}, null],
  [
    'SCHEMA_REGISTRY_URL',
    { SCHEMA_REGISTRY_URL: 'https://reg%40user:p%2Fw@registry/apis/ccompat/v7' },
    { url: 'https://registry/apis/ccompat/v7', headers: basic('reg@user', 'p/w') },
  ],
  ['SCHEMA_REGISTRY_URL', { SCHEMA_REGISTRY_URL: 'ftp://u:pw@registry' }, invalid('SCHEMA_REGISTRY_URL')],
  [
    'SCHEMA_REGISTRY_USERNAME',
    { SCHEMA_REGISTRY_URL: 'http://r:1', SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD: 'pw' },
    { url: 'http://r:1', headers: basic('u', 'pw') },
  ],
  [
    'SCHEMA_REGISTRY_PASSWORD',
    { SCHEMA_REGISTRY_URL: 'http://r:1', SCHEMA_REGISTRY_PASSWORD: 'pw' },
    invalid('SCHEMA_REGISTRY_USERNAME'),
  ],
  [
    'SCHEMA_REGISTRY_TOKEN',
    { SCHEMA_REGISTRY_URL: 'http://r:1', SCHEMA_REGISTRY_TOKEN: 'tok3n' },
    { url: 'http://r:1', headers: { authorization: 'Bearer tok3n' } },
  ],
  [
    'SCHEMA_REGISTRY_TOKEN',
    { SCHEMA_REGISTRY_URL: 'http://r:1', SCHEMA_REGISTRY_TOKEN: 'tok3n', SCHEMA_REGISTRY_USERNAME: 'u' },
    invalid('SCHEMA_REGISTRY_TOKEN'),
  ],
];

const SECRETS = ['s3cret', 'pw', 'tok3n', 'pass phrase', 'p%2Fw', KEY];

describe('every component reads a variable the same way', () => {
  it.each(CASES)('%s with %j', async (name, overrides, expected) => {
    const env = { ...base, ...overrides };
    const readers = Object.entries(components);
    const outcomes: Record<string, Outcome> = {};
    for (const [component, read] of readers) {
      // Only the components that read this variable take part.
      const view = await read(base);
      if (name in view) outcomes[component] = await outcome(read, env, name);
    }
    expect(Object.keys(outcomes).length, 'components reading the variable').toBeGreaterThan(0);
    const first = Object.values(outcomes)[0]!;
    for (const [component, result] of Object.entries(outcomes)) {
      expect(result, `${component} agrees with ${Object.keys(outcomes)[0]}`).toEqual(first);
    }
    if (typeof expected === 'object' && expected !== null && 'invalid' in expected) {
      const variable = (expected as { invalid: string }).invalid;
      expect(first).toMatchObject({ variable });
      const message = (first as { error: string }).error;
      expect(message.startsWith(variable)).toBe(true);
      for (const secret of SECRETS) expect(message).not.toContain(secret);
    } else {
      expect(first).toEqual({ value: expected });
    }
  });

  // Logging (COMMERCEBRIDGE_LOG_LEVEL) is read only where a process makes its default logger (the relay process and
  // the CLI): libraries take a `logger` and read no level.
  it('covers every variable of the table but the relay-only, bridge-only, CLI-only and logging ones', () => {
    const covered = new Set(CASES.map(([name]) => name));
    const shared = (Object.keys(VARIABLES) as VariableName[]).filter(
      (name) => !['Relay', 'Bridge', 'CLI', 'Logging'].includes(VARIABLES[name].group),
    );
    expect(shared.filter((name) => !covered.has(name))).toEqual([]);
  });
});
