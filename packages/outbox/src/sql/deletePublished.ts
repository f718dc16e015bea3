import { quoteIdent } from '../options.ts';
import type { Executor } from '../types.ts';

/**
 * Deletes at most `batchSize` published events older than `olderThanMs`. The age is measured with the
 * database clock, the clock that wrote published_at (a client clock may be behind, or truncated to the
 * same millisecond). The `published_at is not null` filter
 * is part of the same statement that deletes, so an unpublished row is never a candidate. Events of streams
 * are kept: they are the event store's source of truth, not just a delivery queue.
 */
export async function deletePublished(
  executor: Executor,
  options: { schema: string; olderThanMs: number; batchSize: number },
): Promise<number> {
  const table = `${quoteIdent(options.schema)}.events`;
  const text =
    `with victims as (select position from ${table} where published_at is not null and published_at < clock_timestamp() - $1::bigint * interval '1 millisecond' and stream_id is null ` +
    'order by published_at limit $2 for update skip locked) ' +
    `delete from ${table} e using victims v where e.position = v.position and e.published_at is not null ` +
    'returning e.position';
  const { rows } = await executor.query(text, [options.olderThanMs, options.batchSize]);
  return rows.length;
}
