/**
 * Lock buckets. A partition key is hashed into one of LOCK_BUCKETS buckets; writers take a transaction-scoped
 * advisory lock per bucket, so the number of locks per transaction stays bounded (Postgres runs out of shared
 * lock memory at a few thousand distinct locks per transaction with its defaults).
 */
export const LOCK_BUCKETS = 1024;

/**
 * The classid of the two-int form `pg_advisory_xact_lock(classid, bucket)`. Fixed so that every writer of every
 * process agrees on it; the two-int lock space is separate from the one-bigint space, so user locks taken with
 * `pg_advisory_lock(bigint)` never collide with ours.
 */
export const ADVISORY_LOCK_CLASSID = 0x0cb0_0e7e;

/**
 * The classid of the package's own locks: objid 0 serializes `migrate()` calls; objid 1024 + lockBucket(schema)
 * gates `promoteDueScheduled` to one caller per schema at a time.
 */
export const MIGRATION_LOCK_CLASSID = 0x0cb0_0e7f;

const encoder = new TextEncoder();

/**
 * The lock bucket of a partition key: FNV-1a (32-bit) of its UTF-8 bytes, modulo 1024. Stored per row as
 * `events.bucket`; a relay slot `s` of `N` owns the rows with `bucket % N = s`. Never change this function:
 * rows already written carry its result.
 */
export function lockBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % LOCK_BUCKETS;
}
