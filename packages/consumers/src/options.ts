import {
  type Config,
  ConfigError,
  checkSchemaName,
  createLogger,
  type Env,
  type KafkaSettings,
  parseKafkaSettings,
  readConfig,
  requireKafka,
  VARIABLES,
} from '@commercebridge/config';
import type { Catalog } from '@commercebridge/schemas';
import { ConsumerError } from './errors.ts';
import type { ConsumerOptions, Logger } from './types.ts';

export const DEFAULT_SCHEMA = VARIABLES.OUTBOX_SCHEMA.default;
export const DEFAULT_MAX_BATCH_SIZE = VARIABLES.KAFKA_MAX_BATCH_SIZE.default;
export const DEFAULT_PARTITIONS_CONCURRENTLY = 1;
export const DEFAULT_MAX_IN_FLIGHT = 1000;
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_INITIAL_DELAY_MS = 100;
export const DEFAULT_MAX_DELAY_MS = 5000;
export const DEFAULT_DLQ_PARTITIONS = 1;
export const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_WAIT_TIME_MS = 500;

export interface ResolvedConsumerOptions {
  groupId: string;
  kafka: KafkaSettings & { clientId: string };
  topics: string[];
  schema: string;
  transaction: 'batch' | 'message';
  maxBatchSize: number;
  partitionsConsumedConcurrently: number;
  maxInFlight: number;
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  retryUnknownErrors: boolean;
  createDlqTopics: boolean;
  dlqPartitions: number;
  fromBeginning: boolean;
  sessionTimeoutMs: number;
  maxWaitTimeMs: number;
  httpPort: number | null;
  logger: Logger;
}

function invalid(path: string, rule: string, got: unknown): ConsumerError {
  return new ConsumerError(
    'CONSUMER_INVALID_OPTION',
    `/consumer/${path} ${rule} (got ${JSON.stringify(got) ?? String(got)})`,
  );
}

function integer(path: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(path, `must be an integer between ${min} and ${max}`, value);
  }
  return value;
}

function httpPort(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65_535) {
    throw invalid('httpPort', 'must be a port from 0 (any free port) to 65535, or null (no server)', value);
  }
  return value;
}

/** The Kafka connection of options that take `kafka`, or the older top-level `brokers` and `clientId`. */
export function kafkaOf(
  options: { kafka?: KafkaSettings } & Partial<KafkaSettings>,
  path: string,
): KafkaSettings & { clientId: string } {
  const settings =
    options.kafka ?? (options.brokers === undefined ? undefined : { ...options, kafka: undefined });
  if (settings === undefined) {
    throw new ConfigError(
      `${path}/kafka`,
      `${path}/kafka is missing: pass kafka: { brokers: ['host:port'] } (consumerOptionsFromEnv(process.env) reads KAFKA_BROKERS)`,
    );
  }
  const { brokers, clientId, ssl, sasl } = settings;
  return parseKafkaSettings(
    { brokers, clientId: clientId ?? options.clientId, ssl, sasl },
    options.kafka ? `${path}/kafka` : path,
  );
}

/** What a consumer takes from the environment: spread it into `createConsumer({ ...fromEnv, ... })`. */
export interface ConsumerEnvOptions {
  kafka: KafkaSettings & { clientId: string };
  /** KAFKA_GROUP_ID */
  groupId: string;
  /** OUTBOX_SCHEMA */
  schema: string;
  /** KAFKA_MAX_BATCH_SIZE */
  maxBatchSize: number;
}

/** The consumer settings of a parsed configuration (KAFKA_*, OUTBOX_SCHEMA). */
export function consumerOptionsFromConfig(config: Config): ConsumerEnvOptions {
  return {
    kafka: requireKafka(config),
    groupId: config.env.KAFKA_GROUP_ID,
    schema: config.env.OUTBOX_SCHEMA,
    maxBatchSize: config.env.KAFKA_MAX_BATCH_SIZE,
  };
}

/**
 * The consumer settings of environment variables (pass `process.env`: the library reads no environment by
 * itself). Throws ConfigError naming the variable.
 */
export function consumerOptionsFromEnv(env: Env): ConsumerEnvOptions {
  return consumerOptionsFromConfig(readConfig(env));
}

/** Validates the options at the boundary; every error names the option and the fix. */
export function resolveConsumerOptions<C extends Catalog>(
  options: ConsumerOptions<C>,
): ResolvedConsumerOptions {
  if (typeof options !== 'object' || options === null)
    throw invalid('', 'must be an options object', options);
  const { catalog, groupId, handlers, pool, codec } = options;
  if (typeof catalog !== 'object' || catalog === null || typeof catalog.events !== 'object') {
    throw invalid(
      'catalog',
      'must be an event catalog (defineCatalog or the built-in `catalog`)',
      typeof catalog,
    );
  }
  if (typeof groupId !== 'string' || groupId.length === 0) {
    throw invalid('groupId', 'must be a non-empty string', groupId);
  }
  if (typeof handlers !== 'object' || handlers === null)
    throw invalid('handlers', 'must be an object', handlers);
  const handled = Object.keys(handlers);
  if (handled.length === 0) throw invalid('handlers', 'must have at least one event type', handled);
  for (const type of handled) {
    if (!(type in catalog.events)) {
      throw invalid(
        `handlers/${type}`,
        `is not an event type of the catalog (known: ${Object.keys(catalog.events).join(', ')})`,
        type,
      );
    }
    if (typeof (handlers as Record<string, unknown>)[type] !== 'function') {
      throw invalid(
        `handlers/${type}`,
        'must be an async function (event, ctx)',
        typeof (handlers as Record<string, unknown>)[type],
      );
    }
  }
  if (
    typeof pool !== 'object' ||
    pool === null ||
    typeof (pool as { connect?: unknown }).connect !== 'function'
  ) {
    throw invalid('pool', 'must be a pg.Pool', typeof pool);
  }
  if (typeof codec !== 'object' || codec === null || typeof codec.fromWire !== 'function') {
    throw invalid('codec', 'must be a wire codec: createWireCodec(catalog, { mode })', typeof codec);
  }
  let topics = options.topics;
  if (topics === undefined) {
    const events = catalog.events as Record<string, { topic: string }>;
    topics = [...new Set(handled.map((type) => events[type]!.topic))];
  } else if (
    !Array.isArray(topics) ||
    topics.length === 0 ||
    topics.some((t) => typeof t !== 'string' || !t)
  ) {
    throw invalid(
      'topics',
      'must be a non-empty list of topic names, or left out to use the catalog',
      topics,
    );
  }
  const transaction = options.transaction ?? 'batch';
  if (transaction !== 'batch' && transaction !== 'message') {
    throw invalid('transaction', 'must be "batch" or "message"', transaction);
  }
  const partitionsConsumedConcurrently = integer(
    'partitionsConsumedConcurrently',
    options.partitionsConsumedConcurrently,
    DEFAULT_PARTITIONS_CONCURRENTLY,
    1,
    1000,
  );
  const poolMax = (pool as { options?: { max?: number } }).options?.max;
  if (typeof poolMax === 'number' && poolMax < partitionsConsumedConcurrently) {
    throw invalid(
      'partitionsConsumedConcurrently',
      `needs as many pool connections: raise the pool's max to ${partitionsConsumedConcurrently} or more (pool max is ${poolMax})`,
      partitionsConsumedConcurrently,
    );
  }
  const retry = options.retry ?? {};
  const initialDelayMs = integer(
    'retry/initialDelayMs',
    retry.initialDelayMs,
    DEFAULT_INITIAL_DELAY_MS,
    0,
    600_000,
  );
  const maxDelayMs = integer('retry/maxDelayMs', retry.maxDelayMs, DEFAULT_MAX_DELAY_MS, 0, 600_000);
  if (maxDelayMs < initialDelayMs) {
    throw invalid(
      'retry/maxDelayMs',
      `must be at least retry/initialDelayMs (${initialDelayMs})`,
      maxDelayMs,
    );
  }
  const sessionTimeoutMs = integer(
    'sessionTimeoutMs',
    options.sessionTimeoutMs,
    DEFAULT_SESSION_TIMEOUT_MS,
    6000,
    300_000,
  );
  const maxBatchSize = integer('maxBatchSize', options.maxBatchSize, DEFAULT_MAX_BATCH_SIZE, 1, 10_000);
  return {
    groupId,
    kafka: kafkaOf(options, '/consumer'),
    topics,
    schema: checkSchemaName(options.schema, '/consumer/schema'),
    transaction,
    maxBatchSize: transaction === 'message' ? 1 : maxBatchSize,
    partitionsConsumedConcurrently,
    maxInFlight: integer('maxInFlight', options.maxInFlight, DEFAULT_MAX_IN_FLIGHT, 1, 10_000_000),
    maxAttempts: integer('retry/maxAttempts', retry.maxAttempts, DEFAULT_MAX_ATTEMPTS, 1, 100),
    initialDelayMs,
    maxDelayMs,
    retryUnknownErrors: options.retryUnknownErrors ?? true,
    createDlqTopics: options.createDlqTopics ?? true,
    dlqPartitions: integer('dlqPartitions', options.dlqPartitions, DEFAULT_DLQ_PARTITIONS, 1, 10_000),
    fromBeginning: options.fromBeginning ?? true,
    sessionTimeoutMs,
    maxWaitTimeMs: integer('maxWaitTimeMs', options.maxWaitTimeMs, DEFAULT_MAX_WAIT_TIME_MS, 0, 60_000),
    httpPort: httpPort(options.httpPort),
    logger: options.logger ?? createLogger(),
  };
}
