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
 * new: the others are in the inbox already (redeliveries) and must be skipped.
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
  const result = await client.query(
    `insert into ${qualified(schema, 'inbox')} (consumer_group, event_id, topic, kafka_partition, kafka_offset)
     select $1, r.event_id, $2, $3, r.kafka_offset
     from unnest($4::uuid[], $5::bigint[]) as r(event_id, kafka_offset)
     on conflict (consumer_group, event_id) do nothing
     returning event_id`,
    [group, topic, partition, rows.map((r) => r.eventId), rows.map((r) => r.offset)],
  );
  return new Set((result.rows as Array<{ event_id: string }>).map((r) => r.event_id));
}
