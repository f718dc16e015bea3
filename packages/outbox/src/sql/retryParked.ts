import { OutboxError, wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { ADVISORY_LOCK_CLASSID } from '../lockBucket.ts';
import { notifyChannel, quoteIdent, validateBoolean, validateInteger, validateSchema } from '../options.ts';
import { prefixed } from './parkEvents.ts';
import {
  type ParkedFilter,
  parkedFilterSql,
  parkedFilterValues,
  sharedEventColumns,
  validateParkedFilter,
} from './parkedColumns.ts';

export interface RetryParkedOptions extends ParkedFilter {
  schema?: string;
  /** Every parked row that matches the other conditions; without it, `ids` is required. */
  all?: boolean;
  /** At most this many rows, the lowest positions first. (Default: no limit) */
  limit?: number;
  /** Notify the relay channel when rows were moved back. (Default: true) */
  notify?: boolean;
}

export interface RetryParkedResult {
  /** Back in `events`, unpublished, at their original positions (ascending). */
  retried: Array<{ eventId: string; position: number }>;
  /** Left parked: an event with the same id is in `events` again (published anew meanwhile); purge these. */
  duplicates: Array<{ eventId: string; position: number }>;
}

/**
 * Moves parked events back into the outbox, in one statement: bucket locks (ascending), delete from
 * `events_parked`, insert into `events` with the original position and columns, NOTIFY. The relay then
 * publishes them like any unpublished row, in position order, so a key's parked rows go out in their original
 * order and before anything later of that key (which was parked behind them, or is still to come). Event ids are
 * kept: a consumer's inbox sees the same event id it would have seen had the event never been parked.
 */
export async function retryParked(tx: Transaction, options: RetryParkedOptions): Promise<RetryParkedResult> {
  const executor = toExecutor(tx);
  const schemaName = validateSchema('/retryParked/schema', options.schema);
  const schema = quoteIdent(schemaName);
  const filter = validateParkedFilter('/retryParked', options);
  const all = validateBoolean('/retryParked/all', options.all, false);
  if (!all && filter.ids === undefined) {
    throw new OutboxError(
      'OUTBOX_INVALID_OPTION',
      '/retryParked needs ids (the event ids to retry) or all: true (every parked event that matches code/topic)',
    );
  }
  const limit =
    options.limit === undefined ? null : validateInteger('/retryParked/limit', options.limit, 1, 10_000_000);
  const notify = validateBoolean('/retryParked/notify', options.notify, true);
  const text =
    'with selected as materialized (select p.position, p.bucket, p.event_id, ' +
    `exists (select 1 from ${schema}.events e where e.event_id = p.event_id) as duplicate ` +
    `from ${schema}.events_parked p where ${parkedFilterSql(1)} order by p.position limit $4), ` +
    `locks as materialized (select count(pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSID}, b)) as locked ` +
    'from (select distinct bucket::int as b from selected where not duplicate order by b) as ordered_buckets), ' +
    `moved as materialized (delete from ${schema}.events_parked p using selected s, locks ` +
    `where p.position = s.position and not s.duplicate returning ${prefixed('p', sharedEventColumns)}), ` +
    `inserted as (insert into ${schema}.events (${sharedEventColumns}) overriding system value ` +
    `select ${prefixed('m', sharedEventColumns)} from moved m order by m.position returning position, event_id), ` +
    "notified as (select pg_notify($5::text, '') from locks " +
    'where $5::text is not null and exists (select 1 from inserted)) ' +
    'select i.position::text as position, i.event_id::text as event_id, false as duplicate, ' +
    '(select count(*) from notified) as notified from inserted i ' +
    'union all select s.position::text, s.event_id::text, true, 0 from selected s where s.duplicate';
  try {
    const { rows } = await executor.query<{ position: string; event_id: string; duplicate: boolean }>(text, [
      ...parkedFilterValues(filter),
      limit,
      notify ? notifyChannel(schemaName) : null,
    ]);
    const pick = (duplicate: boolean) =>
      rows
        .filter((row) => row.duplicate === duplicate)
        .map((row) => ({ eventId: row.event_id, position: Number(row.position) }))
        .sort((a, b) => a.position - b.position);
    return { retried: pick(false), duplicates: pick(true) };
  } catch (error) {
    throw wrapDatabaseError('retryParked', error);
  }
}
