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
export { type ListParkedOptions, listParked } from './sql/listParked.ts';
export { type MarkPublishedOptions, markPublished } from './sql/markPublished.ts';
export { type OutboxBacklogOptions, outboxBacklog } from './sql/outboxBacklog.ts';
export {
  BEHIND_PARKED_CODE,
  type ParkEventsOptions,
  type ParkedMove,
  type ParkRequest,
  parkEvents,
} from './sql/parkEvents.ts';
export type { ParkedFilter } from './sql/parkedColumns.ts';
export { type ParkedCountsOptions, parkedCounts } from './sql/parkedCounts.ts';
export { type ParkedHead, type ParkedHeadsOptions, parkedHeads } from './sql/parkedHeads.ts';
export { type PromoteDueScheduledOptions, promoteDueScheduled } from './sql/promoteDueScheduled.ts';
export { type PurgeParkedOptions, type PurgeParkedResult, purgeParked } from './sql/purgeParked.ts';
export { type RetryParkedOptions, type RetryParkedResult, retryParked } from './sql/retryParked.ts';
export { type WriterHorizon, writerHorizon } from './sql/writerHorizon.ts';
export type { ClaimedEvent, Executor, ParkedEvent, QueryResult, SlotBacklog } from './types.ts';
