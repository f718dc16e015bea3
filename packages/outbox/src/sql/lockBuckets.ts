import { ADVISORY_LOCK_CLASSID } from '../lockBucket.ts';

/**
 * A CTE body that takes `pg_advisory_xact_lock(classid, bucket)` for each distinct bucket of the int[] parameter
 * `$<param>`, in ascending order (the subquery's ORDER BY feeds the aggregate in that order, and a sorted
 * subquery is never flattened), and yields one row. Statements select from it before drawing positions, so a
 * position is only handed out once the transaction owns the bucket.
 */
export function lockBucketsCte(param: number): string {
  return (
    `select count(pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSID}, b)) as locked ` +
    `from (select distinct b from unnest($${param}::int[]) as u(b) order by b) as ordered_buckets`
  );
}

/** Distinct buckets in ascending order. */
export function sortedBuckets(buckets: Iterable<number>): number[] {
  return [...new Set(buckets)].sort((a, b) => a - b);
}
