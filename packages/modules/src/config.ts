// One validated configuration for the modules, read once from the environment variables of the seeds
// (KAFKA_BROKERS, KAFKA_CLIENT_ID, ...). A bad value fails at start with a message naming the variable.
import { ModuleError } from './errors.ts';

export type Compression = 'none' | 'gzip' | 'snappy';
export const COMPRESSIONS: readonly Compression[] = ['none', 'gzip', 'snappy'];

/** Default topic names: the built-in catalog's. */
export const DEFAULT_TOPICS = {
  queue: 'queue.jobs.v1',
  logs: 'logs.entries.v1',
  notifications: 'notifications.events.v1',
} as const;

export interface ModuleTopics {
  queue: string;
  logs: string;
  notifications: string;
}

export interface ModulesConfig {
  brokers: string[];
  /** (Default: 'commercebridge') */
  clientId: string;
  /** Base consumer group of this worker ecosystem. (Default: 'commercebridge-workers') */
  groupId: string;
  ssl: boolean;
  topics: ModuleTopics;
  /** Jobs per fetch and logs per produce request. (Default: 100) */
  maxBatchSize: number;
  /** Longest wait of `fetchBatch` for a first job, and the longest a log waits in the write buffer. (Default: 5000) */
  batchTimeoutMs: number;
  /** (Default: 'none') */
  compression: Compression;
  /** Produce requests in flight per connection, 1..5 (the idempotent producer allows at most 5). (Default: 5) */
  maxInFlight: number;
}

export const CONFIG_DEFAULTS = {
  clientId: 'commercebridge',
  groupId: 'commercebridge-workers',
  ssl: false,
  maxBatchSize: 100,
  batchTimeoutMs: 5000,
  compression: 'none' as Compression,
  maxInFlight: 5,
};

function invalid(name: string, expected: string, got: string): never {
  throw new ModuleError('MODULE_INVALID_CONFIG', `${name} must be ${expected} (got "${got}")`);
}

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) invalid(name, `an integer between ${min} and ${max}`, raw);
  const value = Number(raw.trim());
  if (value < min || value > max) invalid(name, `an integer between ${min} and ${max}`, raw);
  return value;
}

const TOPIC = /^[A-Za-z0-9._-]{1,200}$/;

function topic(name: string, raw: string): string {
  if (!TOPIC.test(raw))
    invalid(name, 'a Kafka topic name (letters, digits, ".", "_", "-"; at most 200)', raw);
  return raw;
}

function brokerList(name: string, raw: string): string[] {
  const brokers = raw
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) invalid(name, 'a comma-separated list of host:port', raw);
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) invalid(name, 'a comma-separated list of host:port', raw);
  }
  return brokers;
}

/**
 * Reads the modules' configuration from environment variables. `overrides` (already typed values) win over
 * the environment. Throws MODULE_INVALID_CONFIG naming the variable.
 */
export function modulesConfigFromEnv(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<ModulesConfig> = {},
): ModulesConfig {
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const brokersRaw = get('KAFKA_BROKERS');
  let brokers = overrides.brokers;
  if (brokers === undefined) {
    if (brokersRaw === undefined) invalid('KAFKA_BROKERS', 'set to a comma-separated list of host:port', '');
    brokers = brokerList('KAFKA_BROKERS', brokersRaw);
  }
  const ssl = get('KAFKA_ENABLE_SSL');
  if (ssl !== undefined && ssl !== 'true' && ssl !== 'false')
    invalid('KAFKA_ENABLE_SSL', 'true or false', ssl);
  const compression = get('KAFKA_COMPRESSION_TYPE');
  if (compression !== undefined && !COMPRESSIONS.includes(compression as Compression)) {
    invalid('KAFKA_COMPRESSION_TYPE', `one of ${COMPRESSIONS.join(', ')}`, compression);
  }
  const clientId = get('KAFKA_CLIENT_ID');
  const groupId = get('KAFKA_GROUP_ID');
  const raw = (name: string) => get(name);
  const config: ModulesConfig = {
    brokers,
    clientId: clientId ?? CONFIG_DEFAULTS.clientId,
    groupId: groupId ?? CONFIG_DEFAULTS.groupId,
    ssl: ssl === undefined ? CONFIG_DEFAULTS.ssl : ssl === 'true',
    topics: {
      queue: raw('KAFKA_QUEUE_TOPIC')
        ? topic('KAFKA_QUEUE_TOPIC', raw('KAFKA_QUEUE_TOPIC')!)
        : DEFAULT_TOPICS.queue,
      logs: raw('KAFKA_LOGS_TOPIC')
        ? topic('KAFKA_LOGS_TOPIC', raw('KAFKA_LOGS_TOPIC')!)
        : DEFAULT_TOPICS.logs,
      notifications: raw('KAFKA_NOTIFICATIONS_TOPIC')
        ? topic('KAFKA_NOTIFICATIONS_TOPIC', raw('KAFKA_NOTIFICATIONS_TOPIC')!)
        : DEFAULT_TOPICS.notifications,
    },
    maxBatchSize: raw('KAFKA_MAX_BATCH_SIZE')
      ? integer('KAFKA_MAX_BATCH_SIZE', raw('KAFKA_MAX_BATCH_SIZE')!, 1, 10_000)
      : CONFIG_DEFAULTS.maxBatchSize,
    batchTimeoutMs: raw('KAFKA_BATCH_TIMEOUT_MS')
      ? integer('KAFKA_BATCH_TIMEOUT_MS', raw('KAFKA_BATCH_TIMEOUT_MS')!, 1, 600_000)
      : CONFIG_DEFAULTS.batchTimeoutMs,
    compression: (compression as Compression | undefined) ?? CONFIG_DEFAULTS.compression,
    maxInFlight: raw('KAFKA_MAX_IN_FLIGHT')
      ? integer('KAFKA_MAX_IN_FLIGHT', raw('KAFKA_MAX_IN_FLIGHT')!, 1, 5)
      : CONFIG_DEFAULTS.maxInFlight,
  };
  return { ...config, ...overrides, topics: { ...config.topics, ...overrides.topics } };
}
