import { qualified } from './ident.ts';

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rowCount?: number | null; rows: unknown[] }>;
}

/** For a replay with `reprocess`: forgets the group's inbox rows at or after the new start offsets. */
export async function deleteInboxFromOffsets(
  client: Queryable,
  schema: string,
  group: string,
  topic: string,
  partitions: ReadonlyArray<{ partition: number; offset: string }>,
): Promise<number> {
  if (partitions.length === 0) return 0;
  const result = await client.query(
    `delete from ${qualified(schema, 'inbox')} i
     using unnest($3::int[], $4::bigint[]) as p(kafka_partition, from_offset)
     where i.consumer_group = $1 and i.topic = $2
       and i.kafka_partition = p.kafka_partition and i.kafka_offset >= p.from_offset`,
    [group, topic, partitions.map((p) => p.partition), partitions.map((p) => p.offset)],
  );
  return result.rowCount ?? 0;
}
