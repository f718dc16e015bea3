import { quoteIdent } from '../options.ts';
import type { Executor } from '../types.ts';
import { type EventInsert, envelopeColumnArrays } from './insertEvents.ts';
import { statementName } from './statementName.ts';

export interface ScheduledInsert extends EventInsert {
  runAt: Date;
}

/**
 * Inserts delayed events into `scheduled`. No bucket lock here: the position is drawn when the event is
 * promoted into `events` (promoteDueScheduled takes the lock then). Existing event ids are skipped.
 */
export async function insertScheduled(
  executor: Executor,
  events: readonly ScheduledInsert[],
  options: { schema: string; guardTransactionId: string | null },
): Promise<Array<{ event_id: string }>> {
  const text =
    `insert into ${quoteIdent(options.schema)}.scheduled (event_id, event_type, topic, partition_key, bucket, ` +
    'message_name, schema_version, payload, headers, run_at) ' +
    'select t.event_id, t.event_type, t.topic, t.partition_key, t.bucket, t.message_name, t.schema_version, ' +
    't.payload, t.headers::jsonb, t.run_at from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], ' +
    '$5::smallint[], $6::text[], $7::int[], $8::bytea[], $9::text[], $10::timestamptz[]) with ordinality as ' +
    't(event_id, event_type, topic, partition_key, bucket, message_name, schema_version, payload, headers, ' +
    'run_at, ord) where ($11::bigint is null or txid_current() = $11::bigint) order by t.ord ' +
    'on conflict (event_id) do nothing returning event_id::text as event_id';
  const values = [
    ...envelopeColumnArrays(events),
    events.map((event) => event.runAt.toISOString()),
    options.guardTransactionId,
  ];
  const { rows } = await executor.query<{ event_id: string }>(text, values, { name: statementName(text) });
  return rows;
}
