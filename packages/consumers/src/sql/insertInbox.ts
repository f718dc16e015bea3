import { qualified } from './ident.ts';

export interface InboxRow {
  eventId: string;
  offset: string;
}

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Records events of one partition as handled by `group`, in one statement. Returns the event ids that were
 * new: the others are in the inbox already (redeliveries) and must be skipped. The statement returns only the
 * ids it did not insert (usually none), so a chunk's round trip carries no result rows to parse.
 */
export async function insertInbox(
  client: Queryable,
  schema: string,
  group: string,
  topic: string,
  partition: number,
  rows: readonly InboxRow[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const ids = rows.map((r) => r.eventId);
  const result = await client.query(
    `with input as (
       select * from unnest($4::uuid[], $5::bigint[]) as r(event_id, kafka_offset)
     ), inserted as (
       insert into ${qualified(schema, 'inbox')} (consumer_group, event_id, topic, kafka_partition, kafka_offset)
       select $1, event_id, $2, $3, kafka_offset from input
       on conflict (consumer_group, event_id) do nothing
       returning event_id
     )
     select distinct i.event_id from input i where not exists (select 1 from inserted n where n.event_id = i.event_id)`,
    [group, topic, partition, ids, rows.map((r) => r.offset)],
  );
  const fresh = new Set(ids);
  for (const row of result.rows as Array<{ event_id: string }>) fresh.delete(row.event_id);
  return fresh;
}
