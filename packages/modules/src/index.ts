// Public API of @commercebridge/modules (the queue, logs and notifications modules): see README.md.
export { type Bridge, type BridgeOptions, createBridge } from './bridge.ts';
export {
  COMPRESSIONS,
  CONFIG_DEFAULTS,
  type Compression,
  DEFAULT_TOPICS,
  type ModulesConfig,
  type ModulesConfigOverrides,
  type ModuleTopics,
  modulesConfigFromConfig,
  modulesConfigFromEnv,
} from './config.ts';
export { MODULE_ERROR_CODES, ModuleError, type ModuleErrorCode } from './errors.ts';
export {
  type AggregateBucket,
  createLogs,
  LOG_LEVELS,
  type LogFilter,
  type LogInput,
  type LogLevelName,
  type LogRecord,
  type LogsModule,
  type LogsOptions,
  type LogsProjectionMode,
  levelRank,
  type QueryOptions,
} from './logs.ts';
export {
  createNotifications,
  type Notification,
  type NotificationInput,
  type NotificationsModule,
  type NotificationsOptions,
  type SubscribeFilter,
  typeMatches,
} from './notifications.ts';
export { createJobsAdmin } from './queue/inspect.ts';
export {
  createQueue,
  DEFAULT_LEASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_REAP_INTERVAL_MS,
  type QueueOptions,
} from './queue/queue.ts';
export type {
  CompleteOptions,
  FailResult,
  FetchOptions,
  Job,
  JobContext,
  JobHandler,
  JobInput,
  JobRecord,
  JobResult,
  JobsAdmin,
  PublishJobOptions,
  PublishJobResult,
  QueueModule,
  QueueRetryOptions,
  ReapResult,
  Worker,
  WorkerOptions,
} from './queue/types.ts';
export { JOB_STATUSES, type JobStatus, migrateModules, moduleMigrationStatus } from './sql.ts';
export {
  type EnsuredTopic,
  type EnsureTopicsOptions,
  ensureModuleTopics,
  MODULE_RETENTION_MS,
  type ModuleCatalog,
  moduleCatalog,
} from './topics.ts';
