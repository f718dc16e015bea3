import type { ClaimedEvent } from '../types.ts';

/** The columns of an `events` row as the relay reads them. */
export const eventSelectList =
  'position, event_id, event_type, topic, partition_key, bucket, message_name, schema_version, payload, headers, ' +
  'stream_id, stream_version, occurred_at';

export interface EventRow {
  position: string;
  event_id: string;
  event_type: string;
  topic: string;
  partition_key: string;
  bucket: number;
  message_name: string;
  schema_version: number;
  payload: Buffer;
  headers: Record<string, string>;
  stream_id: string | null;
  stream_version: string | null;
  occurred_at: Date;
}

export function toClaimedEvent(row: EventRow): ClaimedEvent {
  return {
    position: Number(row.position),
    eventId: row.event_id,
    eventType: row.event_type,
    topic: row.topic,
    partitionKey: row.partition_key,
    bucket: row.bucket,
    messageName: row.message_name,
    schemaVersion: row.schema_version,
    payload: row.payload,
    headers: row.headers,
    streamId: row.stream_id,
    streamVersion: row.stream_version === null ? null : Number(row.stream_version),
    occurredAt: row.occurred_at,
  };
}
