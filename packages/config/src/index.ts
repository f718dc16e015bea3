export {
  isKafkaAccessError,
  KAFKA_ACCESS_CODES,
  type KafkaAccessCode,
  KafkaAccessError,
  toKafkaAccessError,
} from './access.ts';
export { variablesMarkdown } from './docs.ts';
export { ConfigError, isConfigError } from './errors.ts';
export {
  type Compression,
  compressionType,
  createKafkaClient,
  DEFAULT_CLIENT_ID,
  type KafkaSettings,
  type KafkaTlsSettings,
  kafkaLogCreator,
  kafkaLogLevel,
  parseKafkaSettings,
  probeKafkaAccess,
  type SaslMechanism,
} from './kafka.ts';
export {
  createLogger,
  LOG_LEVELS,
  type LogFields,
  type LogFn,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  silentLogger,
} from './log.ts';
export { checkOption, checkSchemaName } from './options.ts';
export {
  type Config,
  type Env,
  missing,
  type RegistrySettings,
  readConfig,
  readEnv,
  requireDatabaseUrl,
  requireKafka,
} from './read.ts';
export { redact } from './redact.ts';
export type { Rule } from './rules.ts';
export * as rules from './rules.ts';
export { createTopicsAndWait, TOPIC_LEADERS_TIMEOUT_MS } from './topics.ts';
export {
  COMPRESSIONS,
  type Component,
  type EnvValues,
  type Group,
  SASL_MECHANISMS,
  VARIABLES,
  type ValueOf,
  type Variable,
  type VariableName,
} from './variables.ts';
