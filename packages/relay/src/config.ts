// The one place where relay options and environment variables are validated. Env variables are parsed once
// into RelayOptions (errors name the variable); options are then resolved with their defaults (errors name the
// option path). Either way a bad value fails before anything connects.
import { hostname } from 'node:os';
import { RelayError } from './errors.ts';
import type {
  Compression,
  Delivery,
  LogLevel,
  RelayHooks,
  RelayOptions,
  SaslMechanism,
  Unpublishable,
  WireOptions,
} from './types.ts';

export const DEFAULTS = {
  schema: 'commercebridge',
  clientId: 'commercebridge-relay',
  slotCount: 4,
  batchSize: 100,
  batchTimeoutMs: 5000,
  compression: 'none' as Compression,
  maxInFlight: 5,
  leaseTtlMs: 5000,
  pollIntervalMs: 1000,
  notify: true,
  metricsPort: 9464,
  autoCreateTopics: false,
  autoCreatePartitions: 3,
  delivery: 'exactly-once' as Delivery,
  shutdownTimeoutMs: 10_000,
  promoteIntervalMs: 1000,
  logLevel: 'info' as LogLevel,
  stallTimeoutMs: 30_000,
  unpublishable: 'block' as Unpublishable,
} as const;

export interface ResolvedOptions {
  schema: string;
  kafka: {
    brokers: string[];
    clientId: string;
    ssl: boolean;
    sasl: { mechanism: SaslMechanism; username: string; password: string } | undefined;
  };
  slotCount: number;
  relayId: string;
  transactionalIdPrefix: string;
  stateTopic: string;
  batchSize: number;
  batchTimeoutMs: number;
  compression: Compression;
  maxInFlight: number;
  wire: WireOptions;
  leaseTtlMs: number;
  pollIntervalMs: number;
  notify: boolean;
  metricsPort: number | null;
  autoCreateTopics: boolean;
  autoCreatePartitions: number;
  delivery: Delivery;
  shutdownTimeoutMs: number;
  promoteIntervalMs: number;
  logLevel: LogLevel;
  stallTimeoutMs: number;
  unpublishable: Unpublishable;
  hooks: RelayHooks;
}

const COMPRESSIONS = ['none', 'gzip', 'snappy'] as const;
const SASL = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
const DELIVERIES = ['exactly-once', 'at-least-once'] as const;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const SCHEMA_MODES = ['registry', 'headers'] as const;
const UNPUBLISHABLE = ['block', 'park'] as const;

function invalid(name: string, allowed: string, got: unknown): never {
  throw new RelayError('RELAY_CONFIG_INVALID', `${name} must be ${allowed} (got ${JSON.stringify(got)})`);
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(name, `an integer between ${min} and ${max}`, value);
  }
  return value;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(name, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

function bool(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') invalid(name, 'true or false', value);
  return value;
}

// Kafka topic names: legal characters and length per the broker's own rule.
function topicName(name: string, value: unknown): string {
  if (
    typeof value !== 'string' ||
    !/^[a-zA-Z0-9._-]{1,249}$/.test(value) ||
    value === '.' ||
    value === '..'
  ) {
    invalid(name, 'a Kafka topic name (letters, digits, ".", "_", "-"; at most 249 characters)', value);
  }
  return value;
}

function identifier(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/.test(value)) {
    invalid(
      name,
      'a Postgres identifier (letter or "_" first, then letters, digits, "_", at most 63)',
      value,
    );
  }
  return value;
}

function url(name: string, value: unknown, protocols: string[]): string {
  try {
    const parsed = new URL(String(value));
    if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
    return String(value);
  } catch {
    return invalid(name, `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`, value);
  }
}

function brokerList(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) invalid(name, 'a non-empty list of host:port', value);
  for (const broker of value) {
    if (typeof broker !== 'string' || !/^[^\s:,]+:\d{1,5}$/.test(broker)) {
      invalid(name, 'a list of host:port (e.g. "127.0.0.1:9092")', value);
    }
  }
  return value as string[];
}

/** Resolves programmatic options with their defaults; errors name the option path (`/relay/batchSize`). */
export function resolveOptions(options: RelayOptions): ResolvedOptions {
  const p = (name: string) => `/relay/${name}`;
  if (!options || typeof options !== 'object') invalid('/relay', 'an options object', options);
  if (typeof options.database !== 'string' && (typeof options.database !== 'object' || !options.database)) {
    invalid(p('database'), 'a pg.Pool or a postgres:// connection string', options.database);
  }
  if (typeof options.database === 'string')
    url(p('database'), options.database, ['postgres:', 'postgresql:']);
  const schema = identifier(p('schema'), options.schema ?? DEFAULTS.schema);
  const kafka = options.kafka;
  if (!kafka || typeof kafka !== 'object') invalid(p('kafka'), 'an object with brokers', kafka);
  let sasl: ResolvedOptions['kafka']['sasl'];
  if (kafka.sasl !== undefined) {
    const mechanism = oneOf(p('kafka/sasl/mechanism'), kafka.sasl.mechanism, SASL);
    if (typeof kafka.sasl.username !== 'string' || kafka.sasl.username === '') {
      invalid(p('kafka/sasl/username'), 'a non-empty string when SASL is enabled', kafka.sasl.username);
    }
    if (typeof kafka.sasl.password !== 'string') {
      invalid(p('kafka/sasl/password'), 'a string when SASL is enabled', '<not a string>');
    }
    sasl = { mechanism, username: kafka.sasl.username, password: kafka.sasl.password };
  }
  const wire = options.wire ?? { mode: 'headers' };
  const mode = oneOf(p('wire/mode'), wire.mode, SCHEMA_MODES);
  const resolvedWire: WireOptions =
    mode === 'registry'
      ? { mode, url: url(p('wire/url'), (wire as { url?: unknown }).url, ['http:', 'https:']) }
      : { mode };
  const slotCount = integer(p('slotCount'), options.slotCount ?? DEFAULTS.slotCount, 1, 1024);
  const leaseTtlMs = integer(p('leaseTtlMs'), options.leaseTtlMs ?? DEFAULTS.leaseTtlMs, 1000, 600_000);
  const relayId = options.relayId ?? `${hostname()}-${process.pid}`;
  if (typeof relayId !== 'string' || relayId === '' || relayId.length > 200) {
    invalid(p('relayId'), 'a non-empty string of at most 200 characters', relayId);
  }
  const transactionalIdPrefix = options.transactionalIdPrefix ?? `${schema}.relay.`;
  if (typeof transactionalIdPrefix !== 'string' || transactionalIdPrefix === '') {
    invalid(p('transactionalIdPrefix'), 'a non-empty string', transactionalIdPrefix);
  }
  const metricsPort = options.metricsPort === undefined ? null : options.metricsPort;
  return {
    schema,
    kafka: {
      brokers: brokerList(p('kafka/brokers'), kafka.brokers),
      clientId: (kafka.clientId ?? DEFAULTS.clientId) || DEFAULTS.clientId,
      ssl: bool(p('kafka/ssl'), kafka.ssl ?? false),
      sasl,
    },
    slotCount,
    relayId,
    transactionalIdPrefix,
    stateTopic: topicName(p('stateTopic'), options.stateTopic ?? `${schema}.relay-state`),
    batchSize: integer(p('batchSize'), options.batchSize ?? DEFAULTS.batchSize, 1, 10_000),
    batchTimeoutMs: integer(
      p('batchTimeoutMs'),
      options.batchTimeoutMs ?? DEFAULTS.batchTimeoutMs,
      100,
      600_000,
    ),
    compression: oneOf(p('compression'), options.compression ?? DEFAULTS.compression, COMPRESSIONS),
    // Idempotent producers keep per-partition order with at most 5 requests in flight.
    maxInFlight: integer(p('maxInFlight'), options.maxInFlight ?? DEFAULTS.maxInFlight, 1, 5),
    wire: resolvedWire,
    leaseTtlMs,
    pollIntervalMs: integer(
      p('pollIntervalMs'),
      options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
      10,
      600_000,
    ),
    notify: bool(p('notify'), options.notify ?? DEFAULTS.notify),
    metricsPort: metricsPort === null ? null : integer(p('metricsPort'), metricsPort, 0, 65_535),
    autoCreateTopics: bool(p('autoCreateTopics'), options.autoCreateTopics ?? DEFAULTS.autoCreateTopics),
    autoCreatePartitions: integer(
      p('autoCreatePartitions'),
      options.autoCreatePartitions ?? DEFAULTS.autoCreatePartitions,
      1,
      10_000,
    ),
    delivery: oneOf(p('delivery'), options.delivery ?? DEFAULTS.delivery, DELIVERIES),
    shutdownTimeoutMs: integer(
      p('shutdownTimeoutMs'),
      options.shutdownTimeoutMs ?? DEFAULTS.shutdownTimeoutMs,
      100,
      600_000,
    ),
    promoteIntervalMs: integer(
      p('promoteIntervalMs'),
      options.promoteIntervalMs ?? DEFAULTS.promoteIntervalMs,
      0,
      3_600_000,
    ),
    logLevel: oneOf(p('logLevel'), options.logLevel ?? DEFAULTS.logLevel, LOG_LEVELS),
    stallTimeoutMs: integer(
      p('stallTimeoutMs'),
      options.stallTimeoutMs ?? DEFAULTS.stallTimeoutMs,
      100,
      86_400_000,
    ),
    unpublishable: oneOf(p('unpublishable'), options.unpublishable ?? DEFAULTS.unpublishable, UNPUBLISHABLE),
    hooks: options.hooks ?? {},
  };
}

/** Settings only the CLI reads. */
export interface CliSettings {
  /** Exit with 137 right after the n-th Kafka commit, before marking (crash tests). */
  exitAfterCommits: number | null;
}

type Env = Record<string, string | undefined>;

function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function envInt(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = envValue(env, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) invalid(name, `an integer between ${min} and ${max}`, raw);
  return integer(name, Number(raw), min, max);
}

function envOnOff(env: Env, name: string): boolean | undefined {
  const raw = envValue(env, name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  return invalid(name, 'on or off (also true/false, 1/0)', raw);
}

function envOneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T | undefined {
  const raw = envValue(env, name);
  if (raw === undefined) return undefined;
  return oneOf(name, raw.toLowerCase(), allowed);
}

/**
 * Parses the relay's environment variables into options (errors name the variable), then resolves them, so
 * that a wrong value is reported under the name the operator typed.
 */
/** `DATABASE_URL`, validated (a postgres:// URL). Throws RELAY_INVALID_OPTION naming the variable. */
export function databaseUrlFromEnv(env: Env): string {
  const databaseUrl = envValue(env, 'DATABASE_URL');
  if (databaseUrl === undefined) invalid('DATABASE_URL', 'set to a postgres:// connection string', '');
  url('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);
  return databaseUrl;
}

/**
 * The Kafka client settings of the environment: `KAFKA_BROKERS`, `KAFKA_CLIENT_ID`, `KAFKA_ENABLE_SSL`,
 * `KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD`. Throws RELAY_INVALID_OPTION naming the
 * variable (never echoing the password).
 */
export function kafkaFromEnv(env: Env): RelayOptions['kafka'] {
  const brokersRaw = envValue(env, 'KAFKA_BROKERS');
  if (brokersRaw === undefined) invalid('KAFKA_BROKERS', 'set to a comma-separated list of host:port', '');
  const brokers = brokerList(
    'KAFKA_BROKERS',
    brokersRaw.split(',').map((b) => b.trim()),
  );
  const mechanism = envOneOf(env, 'KAFKA_SASL_MECHANISM', SASL);
  let sasl: RelayOptions['kafka']['sasl'];
  if (mechanism !== undefined) {
    const username = envValue(env, 'KAFKA_SASL_USERNAME');
    const password = env['KAFKA_SASL_PASSWORD'];
    if (username === undefined) invalid('KAFKA_SASL_USERNAME', 'set when KAFKA_SASL_MECHANISM is set', '');
    if (password === undefined || password === '') {
      invalid('KAFKA_SASL_PASSWORD', 'set when KAFKA_SASL_MECHANISM is set', '');
    }
    sasl = { mechanism, username, password };
  } else if (envValue(env, 'KAFKA_SASL_USERNAME') !== undefined) {
    invalid('KAFKA_SASL_MECHANISM', `one of ${SASL.join(', ')} when KAFKA_SASL_USERNAME is set`, '');
  }
  const kafka: RelayOptions['kafka'] = {
    brokers,
    clientId: envValue(env, 'KAFKA_CLIENT_ID'),
    ssl: envOnOff(env, 'KAFKA_ENABLE_SSL'),
    sasl,
  };
  for (const key of Object.keys(kafka) as (keyof RelayOptions['kafka'])[]) {
    if (kafka[key] === undefined) delete kafka[key];
  }
  return kafka;
}

export function optionsFromEnv(env: Env): {
  options: ResolvedOptions;
  cli: CliSettings;
  databaseUrl: string;
} {
  const kafka = kafkaFromEnv(env);
  const databaseUrl = databaseUrlFromEnv(env);

  const schemaMode = envOneOf(env, 'RELAY_SCHEMA_MODE', SCHEMA_MODES);
  const registryUrl = envValue(env, 'SCHEMA_REGISTRY_URL');
  // Registry mode when asked for, or by default when a registry is configured.
  const mode = schemaMode ?? (registryUrl ? 'registry' : 'headers');
  let wire: WireOptions = { mode: 'headers' };
  if (mode === 'registry') {
    if (registryUrl === undefined) {
      invalid('SCHEMA_REGISTRY_URL', 'set to the registry URL when RELAY_SCHEMA_MODE=registry', '');
    }
    wire = { mode: 'registry', url: url('SCHEMA_REGISTRY_URL', registryUrl, ['http:', 'https:']) };
  }

  const schema = envValue(env, 'OUTBOX_SCHEMA');
  if (schema !== undefined) identifier('OUTBOX_SCHEMA', schema);
  const stateTopic = envValue(env, 'RELAY_STATE_TOPIC');
  if (stateTopic !== undefined) topicName('RELAY_STATE_TOPIC', stateTopic);
  const relayId = envValue(env, 'RELAY_ID');
  if (relayId !== undefined && relayId.length > 200) invalid('RELAY_ID', 'at most 200 characters', relayId);
  const metricsPort = envInt(env, 'RELAY_METRICS_PORT', 0, 65_535);

  const options: RelayOptions = {
    database: databaseUrl,
    schema,
    kafka,
    slotCount: envInt(env, 'RELAY_SLOT_COUNT', 1, 1024),
    relayId,
    transactionalIdPrefix: envValue(env, 'RELAY_TRANSACTIONAL_ID_PREFIX'),
    stateTopic,
    batchSize: envInt(env, 'KAFKA_MAX_BATCH_SIZE', 1, 10_000),
    batchTimeoutMs: envInt(env, 'KAFKA_BATCH_TIMEOUT_MS', 100, 600_000),
    compression: envOneOf(env, 'KAFKA_COMPRESSION_TYPE', COMPRESSIONS),
    maxInFlight: envInt(env, 'KAFKA_MAX_IN_FLIGHT', 1, 5),
    wire,
    leaseTtlMs: envInt(env, 'RELAY_LEASE_TTL_MS', 1000, 600_000),
    pollIntervalMs: envInt(env, 'RELAY_POLL_INTERVAL_MS', 10, 600_000),
    notify: envOnOff(env, 'RELAY_NOTIFY'),
    // The CLI serves HTTP by default; programmatic relays only when asked.
    metricsPort: metricsPort ?? DEFAULTS.metricsPort,
    autoCreateTopics: envOnOff(env, 'RELAY_AUTO_CREATE_TOPICS'),
    autoCreatePartitions: envInt(env, 'RELAY_AUTO_CREATE_PARTITIONS', 1, 10_000),
    delivery: envOneOf(env, 'RELAY_DELIVERY', DELIVERIES),
    shutdownTimeoutMs: envInt(env, 'RELAY_SHUTDOWN_TIMEOUT_MS', 100, 600_000),
    promoteIntervalMs: envInt(env, 'RELAY_PROMOTE_INTERVAL_MS', 0, 3_600_000),
    logLevel: envOneOf(env, 'RELAY_LOG_LEVEL', LOG_LEVELS),
    stallTimeoutMs: envInt(env, 'RELAY_STALL_TIMEOUT_MS', 100, 86_400_000),
    unpublishable: envOneOf(env, 'RELAY_UNPUBLISHABLE', UNPUBLISHABLE),
  };
  // Drop unset values so that defaults apply.
  for (const key of Object.keys(options) as (keyof RelayOptions)[]) {
    if (options[key] === undefined) delete options[key];
  }
  const exitAfterCommits = envInt(env, 'RELAY_TEST_EXIT_AFTER_COMMITS', 1, Number.MAX_SAFE_INTEGER) ?? null;
  return { options: resolveOptions(options), cli: { exitAfterCommits }, databaseUrl };
}
