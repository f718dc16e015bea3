// Relay options: each is checked with the rule of its environment variable (@commercebridge/config), so
// `RELAY_SLOT_COUNT=0` and `slotCount: 0` fail alike, the first naming the variable, the second the option path.
import { hostname } from 'node:os';
import {
  type Config,
  ConfigError,
  checkOption,
  checkSchemaName,
  createLogger,
  DEFAULT_CLIENT_ID,
  type Env,
  type KafkaSettings,
  type Logger,
  missing,
  parseKafkaSettings,
  type Rule,
  readConfig,
  requireDatabaseUrl,
  requireKafka,
  VARIABLES,
  type VariableName,
} from '@commercebridge/config';
import type { RelayHooks, RelayOptions, WireOptions } from './types.ts';

/** The option each environment variable sets; the option is checked with that variable's rule. */
const OPTION_VARIABLES = {
  slotCount: 'RELAY_SLOT_COUNT',
  batchSize: 'KAFKA_MAX_BATCH_SIZE',
  batchTimeoutMs: 'KAFKA_BATCH_TIMEOUT_MS',
  transactionMaxEvents: 'RELAY_TX_MAX_EVENTS',
  transactionMaxMs: 'RELAY_TX_MAX_MS',
  compression: 'KAFKA_COMPRESSION_TYPE',
  maxInFlight: 'KAFKA_MAX_IN_FLIGHT',
  leaseTtlMs: 'RELAY_LEASE_TTL_MS',
  pollIntervalMs: 'RELAY_POLL_INTERVAL_MS',
  notify: 'RELAY_NOTIFY',
  autoCreateTopics: 'RELAY_AUTO_CREATE_TOPICS',
  autoCreatePartitions: 'RELAY_AUTO_CREATE_PARTITIONS',
  delivery: 'RELAY_DELIVERY',
  shutdownTimeoutMs: 'RELAY_SHUTDOWN_TIMEOUT_MS',
  promoteIntervalMs: 'RELAY_PROMOTE_INTERVAL_MS',
  stallTimeoutMs: 'RELAY_STALL_TIMEOUT_MS',
  unpublishable: 'RELAY_UNPUBLISHABLE',
} as const satisfies Partial<Record<keyof RelayOptions, VariableName>>;

type Checked = { [K in keyof typeof OPTION_VARIABLES]-?: NonNullable<RelayOptions[K]> };

/** The defaults of the options, from the variable table. */
export const DEFAULTS = {
  schema: VARIABLES.OUTBOX_SCHEMA.default,
  clientId: DEFAULT_CLIENT_ID,
  metricsPort: VARIABLES.RELAY_METRICS_PORT.default,
  ...(Object.fromEntries(
    Object.entries(OPTION_VARIABLES).map(([option, name]) => [option, VARIABLES[name].default]),
  ) as Checked),
};

export interface ResolvedOptions extends Checked {
  schema: string;
  kafka: KafkaSettings & { clientId: string };
  relayId: string;
  transactionalIdPrefix: string;
  stateTopic: string;
  wire: WireOptions;
  metricsPort: number | null;
  hooks: RelayHooks;
  logger: Logger;
}

const rule = (name: VariableName) => VARIABLES[name].rule as Rule<unknown>;

/** Resolves programmatic options with their defaults; errors name the option path (`/relay/batchSize`). */
export function resolveOptions(options: RelayOptions): ResolvedOptions {
  const p = (name: string) => `/relay/${name}`;
  if (!options || typeof options !== 'object') {
    throw new ConfigError('/relay', '/relay must be an options object { database, kafka, ... }');
  }
  if (typeof options.database !== 'object' || options.database === null) {
    checkOption(
      { ...rule('DATABASE_URL'), text: `a pg.Pool or ${rule('DATABASE_URL').text}` },
      options.database,
      p('database'),
    );
  }
  const schema = checkSchemaName(options.schema, p('schema'));
  const checked = Object.fromEntries(
    Object.entries(OPTION_VARIABLES).map(([option, name]) => {
      const value = options[option as keyof typeof OPTION_VARIABLES];
      return [
        option,
        value === undefined ? VARIABLES[name].default : checkOption(rule(name), value, p(option)),
      ];
    }),
  ) as Checked;
  const wire = options.wire ?? { mode: 'headers' };
  const mode = checkOption(rule('RELAY_SCHEMA_MODE'), wire.mode, p('wire/mode'));
  const resolvedWire: WireOptions =
    wire.mode === 'registry'
      ? {
          ...wire,
          mode: 'registry',
          url: checkOption(rule('SCHEMA_REGISTRY_URL'), wire.url, p('wire/url')) as string,
        }
      : { mode: mode as 'headers' };
  const metricsPort = options.metricsPort ?? null;
  return {
    ...checked,
    schema,
    kafka: parseKafkaSettings(options.kafka, p('kafka')),
    relayId: checkOption(
      rule('RELAY_ID'),
      options.relayId ?? `${hostname()}-${process.pid}`,
      p('relayId'),
    ) as string,
    transactionalIdPrefix: checkOption(
      rule('RELAY_TRANSACTIONAL_ID_PREFIX'),
      options.transactionalIdPrefix ?? `${schema}.relay.`,
      p('transactionalIdPrefix'),
    ) as string,
    stateTopic: checkOption(
      rule('RELAY_STATE_TOPIC'),
      options.stateTopic ?? `${schema}.relay-state`,
      p('stateTopic'),
    ) as string,
    wire: resolvedWire,
    metricsPort:
      metricsPort === null
        ? null
        : (checkOption(rule('RELAY_METRICS_PORT'), metricsPort, p('metricsPort')) as number),
    hooks: options.hooks ?? {},
    logger: options.logger ?? createLogger(),
  };
}

/** Settings only the CLI reads. */
export interface CliSettings {
  /** Exit with 137 right after the n-th Kafka commit, before marking (crash tests). */
  exitAfterCommits: number | null;
}

/** `DATABASE_URL`, checked (a postgres:// URL). Throws ConfigError naming the variable. */
export function databaseUrlFromEnv(env: Env): string {
  return requireDatabaseUrl(readConfig(env));
}

/** The Kafka connection of the environment (KAFKA_BROKERS, KAFKA_SSL_*, KAFKA_SASL_*, ...). */
export function kafkaFromEnv(env: Env): KafkaSettings {
  return requireKafka(readConfig(env));
}

/**
 * The relay's options from a parsed configuration, on `given.database` (a pool, or a connection string): what
 * `commercebridge relay` and a bridge's embedded relay both run with. `given.schema` and `given.kafka` win over
 * OUTBOX_SCHEMA and the KAFKA_* connection; RELAY_ID wins over `given.relayId`. Errors name the variable.
 */
export function relayOptionsFromConfig(
  config: Config,
  given: Pick<RelayOptions, 'database'> & Partial<Pick<RelayOptions, 'schema' | 'kafka' | 'relayId'>>,
): ResolvedOptions {
  const { database } = given;
  const kafka = given.kafka ?? requireKafka(config);
  const v = config.env;
  // Registry mode when asked for, or by default when a registry is configured.
  const mode = v.RELAY_SCHEMA_MODE ?? (config.registry ? 'registry' : 'headers');
  let wire: WireOptions = { mode: 'headers' };
  if (mode === 'registry') {
    if (!config.registry) throw missing('SCHEMA_REGISTRY_URL', 'when RELAY_SCHEMA_MODE=registry');
    wire = { mode: 'registry', ...config.registry };
  }
  const options: RelayOptions = {
    database,
    schema: given.schema ?? v.OUTBOX_SCHEMA,
    kafka,
    relayId: v.RELAY_ID ?? given.relayId,
    transactionalIdPrefix: v.RELAY_TRANSACTIONAL_ID_PREFIX,
    stateTopic: v.RELAY_STATE_TOPIC,
    wire,
    // The CLI serves HTTP by default; programmatic relays only when asked.
    metricsPort: v.RELAY_METRICS_PORT,
    logger: createLogger({ level: v.COMMERCEBRIDGE_LOG_LEVEL }),
    ...(Object.fromEntries(
      Object.entries(OPTION_VARIABLES).map(([option, name]) => [option, v[name]]),
    ) as Checked),
  };
  return resolveOptions(options);
}

/** The relay's options from a parsed configuration (errors name the variable). */
export function optionsFromConfig(config: Config): {
  options: ResolvedOptions;
  cli: CliSettings;
  databaseUrl: string;
} {
  requireKafka(config);
  const databaseUrl = requireDatabaseUrl(config);
  const exitAfterCommits = config.env.RELAY_TEST_EXIT_AFTER_COMMITS ?? null;
  return {
    options: relayOptionsFromConfig(config, { database: databaseUrl }),
    cli: { exitAfterCommits },
    databaseUrl,
  };
}

/** The relay's options from environment variables: `optionsFromConfig(readConfig(env))`. */
export function optionsFromEnv(env: Env): ReturnType<typeof optionsFromConfig> {
  return optionsFromConfig(readConfig(env));
}
