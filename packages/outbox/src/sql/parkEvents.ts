import { OutboxError, wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { ADVISORY_LOCK_CLASSID } from '../lockBucket.ts';
import { quoteIdent, validateInteger, validateSchema } from '../options.ts';
import { sharedEventColumns } from './parkedColumns.ts';
import { statementName } from './statementName.ts';

/** One row the relay sets aside. */
export interface ParkRequest {
  position: number;
  /** The reason: a relay error code (`RELAY_TOPIC_MISSING`, ...). Ignored for `behind` rows. */
  code: string;
  message: string;
  /** Failed attempts to publish it. */
  attempts: number;
  /**
   * Parked only because an earlier row of its partition key is parked (reason `RELAY_BEHIND_PARKED`): moved only
   * if such a row exists when the statement runs (one already parked, or a non-`behind` row of this call).
   */
  behind?: boolean;
}

export interface ParkEventsOptions {
  schema?: string;
  events: readonly ParkRequest[];
}

export interface ParkedMove {
  position: number;
  eventId: string;
  partitionKey: string;
  reasonCode: string;
  reasonMessage: string;
}

/** The reason code of a row parked behind an earlier parked row of its key. */
export const BEHIND_PARKED_CODE = 'RELAY_BEHIND_PARKED';

/**
 * Moves unpublished events from `events` into `events_parked`, in one statement: it takes the rows' bucket
 * locks (ascending, as every writer of those keys does), so no retry of the same keys runs at the same time,
 * then deletes the rows and inserts them with their position and every column, plus the reason. A `behind` row
 * whose key has no earlier parked row any more (it was retried meanwhile) is left in `events`, and so is a row
 * that is gone or already published. Returns the rows moved, in position order.
 *
 * Run it in the transaction that checked the slot's lease (the relay does); a caller that took the bucket locks
 * in an earlier statement of its transaction makes this statement see every retry committed before it.
 */
export async function parkEvents(tx: Transaction, options: ParkEventsOptions): Promise<ParkedMove[]> {
  const executor = toExecutor(tx);
  const schema = quoteIdent(validateSchema('/parkEvents/schema', options.schema));
  const events = options.events;
  if (!Array.isArray(events)) {
    throw new OutboxError('OUTBOX_INVALID_OPTION', '/parkEvents/events must be an array of rows to park');
  }
  if (events.length === 0) return [];
  events.forEach((event, i) => {
    validateInteger(`/parkEvents/events/${i}/position`, event.position, 1, Number.MAX_SAFE_INTEGER);
    validateInteger(`/parkEvents/events/${i}/attempts`, event.attempts, 0, 2_147_483_647);
  });
  const text =
    'with req as materialized (select r.position, r.code, r.message, r.attempts, r.behind ' +
    'from unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::bool[]) as r(position, code, message, ' +
    'attempts, behind)), ' +
    'cand as materialized (select r.position, r.code, r.message, r.attempts, r.behind, e.partition_key, e.bucket ' +
    `from req r join ${schema}.events e on e.position = r.position where e.published_at is null), ` +
    `locks as materialized (select count(pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSID}, b)) as locked ` +
    'from (select distinct bucket::int as b from cand order by b) as ordered_buckets), ' +
    // A behind row names the earliest parked row of its key before it (already parked, or parked by this call).
    'decided as materialized (select c.position, ' +
    `case when c.behind then '${BEHIND_PARKED_CODE}' else c.code end as code, ` +
    "case when c.behind then 'behind parked event ' || blocker.event_id::text else c.message end as message, " +
    'case when c.behind then 0 else c.attempts end as attempts ' +
    'from cand c cross join locks left join lateral (select b.event_id from (' +
    `select p.position, p.event_id from ${schema}.events_parked p ` +
    'where p.partition_key = c.partition_key and p.position < c.position ' +
    'union all select c2.position, e2.event_id from cand c2 ' +
    `join ${schema}.events e2 on e2.position = c2.position ` +
    'where not c2.behind and c2.partition_key = c.partition_key and c2.position < c.position' +
    ') b order by b.position limit 1) blocker on c.behind ' +
    'where not c.behind or blocker.event_id is not null), ' +
    `moved as materialized (delete from ${schema}.events e using decided d ` +
    `where e.position = d.position and e.published_at is null returning ${prefixed('e', sharedEventColumns)}), ` +
    `inserted as (insert into ${schema}.events_parked (${sharedEventColumns}, reason_code, reason_message, ` +
    `attempts) select ${prefixed('m', sharedEventColumns)}, d.code, d.message, d.attempts ` +
    'from moved m join decided d on d.position = m.position order by m.position ' +
    'returning position, event_id, partition_key, reason_code, reason_message) ' +
    'select position::text as position, event_id::text as event_id, partition_key, reason_code, reason_message ' +
    'from inserted order by position';
  const values = [
    events.map((event) => String(event.position)),
    events.map((event) => event.code),
    events.map((event) => event.message),
    events.map((event) => event.attempts),
    events.map((event) => event.behind === true),
  ];
  try {
    const { rows } = await executor.query<{
      position: string;
      event_id: string;
      partition_key: string;
      reason_code: string;
      reason_message: string;
    }>(text, values, { name: statementName(text) });
    return rows.map((row) => ({
      position: Number(row.position),
      eventId: row.event_id,
      partitionKey: row.partition_key,
      reasonCode: row.reason_code,
      reasonMessage: row.reason_message,
    }));
  } catch (error) {
    throw wrapDatabaseError('parkEvents', error);
  }
}

/** `a, b` → `x.a, x.b`. */
export function prefixed(alias: string, columns: string): string {
  return columns
    .split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');
}
