// Public API of @commercebridge/outbox: see README.md.
export { type CleanupOptions, cleanup } from './cleanup.ts';
export { ConcurrencyError, OUTBOX_ERROR_CODES, OutboxError, type OutboxErrorCode } from './errors.ts';
export { fromDrizzle, fromPg, type Transaction } from './executor.ts';
export { ADVISORY_LOCK_CLASSID, LOCK_BUCKETS, lockBucket, MIGRATION_LOCK_CLASSID } from './lockBucket.ts';
export {
  listMigrations,
  type MigrateOptions,
  type MigrateResult,
  type MigrationFile,
  type MigrationSet,
  type MigrationState,
  migrate,
  migrationStatus,
} from './migrate.ts';
export { DEFAULT_SCHEMA, notifyChannel, quoteIdent, validateSchema } from './options.ts';
export {
  type AggregateOptions,
  type AppendedEvent,
  type AppendOptions,
  type AppendResult,
  createOutbox,
  type InlineProjection,
  type Outbox,
  type OutboxOptions,
  type PublishResult,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamEvent,
} from './outbox.ts';
export type { ExpectedVersion } from './sql/appendToStream.ts';
export { type ClaimBatchOptions, claimBatch } from './sql/claimBatch.ts';
export { type MarkPublishedOptions, markPublished } from './sql/markPublished.ts';
export { type OutboxBacklogOptions, outboxBacklog } from './sql/outboxBacklog.ts';
export { type PromoteDueScheduledOptions, promoteDueScheduled } from './sql/promoteDueScheduled.ts';
export type { ClaimedEvent, Executor, QueryResult, SlotBacklog } from './types.ts';
