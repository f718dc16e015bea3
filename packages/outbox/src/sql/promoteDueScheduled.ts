import { wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { ADVISORY_LOCK_CLASSID, lockBucket, MIGRATION_LOCK_CLASSID } from '../lockBucket.ts';
import { notifyChannel, quoteIdent, validateBoolean, validateInteger, validateSchema } from '../options.ts';
import { statementName } from './statementName.ts';

/** objid range of the promotion gate under MIGRATION_LOCK_CLASSID: 1024 + lockBucket(schema) (migrate uses 0). */
const PROMOTION_GATE_BASE = 1024;

export interface PromoteDueScheduledOptions {
  schema?: string;
  limit: number;
  /** Notify the relay channel when something was promoted (Default: true). */
  notify?: boolean;
}

/**
 * Moves due scheduled events into `events`, in run_at order, in one statement (its own transaction when the
 * executor is in autocommit). Concurrent callers on one schema are gated by a transaction-scoped try-lock: one
 * moves rows, the others return 0 at once; the bucket locks are taken in ascending order before positions are
 * drawn, like any writer's. A promoted event's occurred_at is its run_at: a delayed event happens when it is
 * due, and the relay's backlog age then counts from that moment, not from when it was scheduled. An event id
 * that is already in `events` is dropped. Returns how many events were moved.
 */
export async function promoteDueScheduled(
  tx: Transaction,
  options: PromoteDueScheduledOptions,
): Promise<number> {
  const executor = toExecutor(tx);
  const schemaName = validateSchema('/promoteDueScheduled/schema', options.schema);
  const schema = quoteIdent(schemaName);
  const limit = validateInteger('/promoteDueScheduled/limit', options.limit, 1, 100_000);
  const notify = validateBoolean('/promoteDueScheduled/notify', options.notify, true);
  const text =
    // One promoter per schema at a time (a try-lock: the others promote nothing this round). With two at once,
    // the later-due row of a key could be taken by a promoter that commits first and get the lower position.
    `with gate as materialized (select pg_try_advisory_xact_lock(${MIGRATION_LOCK_CLASSID}, $3::int) as ok), ` +
    'due as materialized (' +
    `select id from ${schema}.scheduled where run_at <= now() and (select ok from gate) ` +
    'order by run_at, id limit $1 for update skip locked), ' +
    `moved as materialized (delete from ${schema}.scheduled s using due where s.id = due.id ` +
    'returning s.id, s.event_id, s.event_type, s.topic, s.partition_key, s.bucket, s.message_name, ' +
    's.schema_version, s.payload, s.headers, s.run_at, s.created_at), ' +
    `locks as materialized (select count(pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSID}, b)) as locked ` +
    'from (select distinct bucket::int as b from moved order by b) as ordered_buckets), ' +
    `inserted as (insert into ${schema}.events (event_id, event_type, topic, partition_key, bucket, ` +
    'message_name, schema_version, payload, headers, occurred_at) ' +
    'select m.event_id, m.event_type, m.topic, m.partition_key, m.bucket, m.message_name, m.schema_version, ' +
    'm.payload, m.headers, m.run_at from moved m, locks order by m.run_at, m.id ' +
    'on conflict (event_id) do nothing returning position), ' +
    "notified as (select pg_notify($2::text, '') from locks where $2::text is not null " +
    'and exists (select 1 from inserted)) ' +
    'select (select count(*) from moved)::int as moved, (select count(*) from notified)::int as notified';
  try {
    const channel = notify ? notifyChannel(schemaName) : null;
    const gateKey = PROMOTION_GATE_BASE + lockBucket(schemaName);
    const { rows } = await executor.query<{ moved: number }>(text, [limit, channel, gateKey], {
      name: statementName(text),
    });
    return rows[0]?.moved ?? 0;
  } catch (error) {
    throw wrapDatabaseError('promoteDueScheduled', error);
  }
}
