// The modules' configuration: the seeds' variables (KAFKA_BROKERS, KAFKA_GROUP_ID, KAFKA_QUEUE_TOPIC, ...) as
// @commercebridge/config parses them for every component. A bad value fails at start naming the variable.
import {
  COMPRESSIONS,
  type Compression,
  type Config,
  type Env,
  type KafkaSettings,
  parseKafkaSettings,
  readConfig,
  requireKafka,
  VARIABLES,
} from '@commercebridge/config';

export { COMPRESSIONS, type Compression };

/** Default topic names: the built-in catalog's. */
export const DEFAULT_TOPICS = {
  queue: VARIABLES.KAFKA_QUEUE_TOPIC.default,
  logs: VARIABLES.KAFKA_LOGS_TOPIC.default,
  notifications: VARIABLES.KAFKA_NOTIFICATIONS_TOPIC.default,
} as const;

export interface ModuleTopics {
  queue: string;
  logs: string;
  notifications: string;
}

export interface ModulesConfig {
  /** Connection of every Kafka client of the modules (TLS, SASL). */
  kafka: KafkaSettings;
  /** Base consumer group of this worker ecosystem. (Default: 'commercebridge-workers') */
  groupId: string;
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

export type ModulesConfigOverrides = Partial<Omit<ModulesConfig, 'topics'>> & {
  topics?: Partial<ModuleTopics>;
};

export const CONFIG_DEFAULTS = {
  groupId: VARIABLES.KAFKA_GROUP_ID.default,
  maxBatchSize: VARIABLES.KAFKA_MAX_BATCH_SIZE.default,
  batchTimeoutMs: VARIABLES.KAFKA_BATCH_TIMEOUT_MS.default,
  compression: VARIABLES.KAFKA_COMPRESSION_TYPE.default,
  maxInFlight: VARIABLES.KAFKA_MAX_IN_FLIGHT.default,
};

/** The modules' configuration from a parsed configuration; `overrides` (typed values) win. */
export function modulesConfigFromConfig(
  config: Config,
  overrides: ModulesConfigOverrides = {},
): ModulesConfig {
  const v = config.env;
  return {
    groupId: v.KAFKA_GROUP_ID,
    maxBatchSize: v.KAFKA_MAX_BATCH_SIZE,
    batchTimeoutMs: v.KAFKA_BATCH_TIMEOUT_MS,
    compression: v.KAFKA_COMPRESSION_TYPE,
    maxInFlight: v.KAFKA_MAX_IN_FLIGHT,
    ...overrides,
    kafka: overrides.kafka ? parseKafkaSettings(overrides.kafka, '/modules/kafka') : requireKafka(config),
    topics: {
      queue: v.KAFKA_QUEUE_TOPIC,
      logs: v.KAFKA_LOGS_TOPIC,
      notifications: v.KAFKA_NOTIFICATIONS_TOPIC,
      ...overrides.topics,
    },
  };
}

/**
 * Reads the modules' configuration from environment variables (pass `process.env`: the library reads no
 * environment by itself). Throws ConfigError (`CONFIG_INVALID`) naming the variable.
 */
export function modulesConfigFromEnv(env: Env, overrides: ModulesConfigOverrides = {}): ModulesConfig {
  return modulesConfigFromConfig(readConfig(env), overrides);
}
