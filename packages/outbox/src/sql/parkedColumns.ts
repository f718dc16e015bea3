import { OutboxError } from '../errors.ts';
import { validateOptionalString, validateOptionalUuid } from '../options.ts';
import type { ParkedEvent } from '../types.ts';

/** The columns an `events` row and an `events_parked` row share, in table order (no published_at). */
export const sharedEventColumns =
  'position, event_id, event_type, topic, partition_key, bucket, message_name, schema_version, payload, headers, ' +
  'stream_id, stream_version, occurred_at';

/** A parked row as the listing reads it: the payload's size instead of its bytes. */
export const parkedSelectList =
  'position::text as position, event_id::text as event_id, event_type, topic, partition_key, bucket, ' +
  'message_name, schema_version, octet_length(payload) as payload_bytes, headers, stream_id, ' +
  'stream_version::text as stream_version, occurred_at, reason_code, reason_message, attempts, parked_at';

export interface ParkedRow {
  position: string;
  event_id: string;
  event_type: string;
  topic: string;
  partition_key: string;
  bucket: number;
  message_name: string;
  schema_version: number;
  payload_bytes: number;
  headers: Record<string, string>;
  stream_id: string | null;
  stream_version: string | null;
  occurred_at: Date;
  reason_code: string;
  reason_message: string;
  attempts: number;
  parked_at: Date;
}

export function toParkedEvent(row: ParkedRow): ParkedEvent {
  return {
    position: Number(row.position),
    eventId: row.event_id,
    eventType: row.event_type,
    topic: row.topic,
    partitionKey: row.partition_key,
    bucket: row.bucket,
    messageName: row.message_name,
    schemaVersion: row.schema_version,
    payloadBytes: row.payload_bytes,
    headers: row.headers,
    streamId: row.stream_id,
    streamVersion: row.stream_version === null ? null : Number(row.stream_version),
    occurredAt: row.occurred_at,
    reasonCode: row.reason_code,
    reasonMessage: row.reason_message,
    attempts: row.attempts,
    parkedAt: row.parked_at,
  };
}

/** The selection of `listParked`, `retryParked` and `purgeParked`: every given condition must hold. */
export interface ParkedFilter {
  /** Only these events (event ids). */
  ids?: readonly string[];
  /** Only rows parked with this reason code (e.g. `RELAY_TOPIC_MISSING`). */
  code?: string;
  /** Only rows of this topic. */
  topic?: string;
}

/**
 * The WHERE conditions of a filter over `events_parked` aliased `p`, with parameters from `$first` on:
 * ids (uuid[] or null), code (text or null), topic (text or null).
 */
export function parkedFilterSql(first: number): string {
  return (
    `($${first}::uuid[] is null or p.event_id = any($${first}::uuid[])) ` +
    `and ($${first + 1}::text is null or p.reason_code = $${first + 1}::text) ` +
    `and ($${first + 2}::text is null or p.topic = $${first + 2}::text)`
  );
}

export function parkedFilterValues(filter: ParkedFilter): unknown[] {
  return [filter.ids ? [...filter.ids] : null, filter.code ?? null, filter.topic ?? null];
}

/** Validates a filter; `path` names the option in the error (`/retryParked`). */
export function validateParkedFilter(path: string, filter: ParkedFilter): ParkedFilter {
  const result: ParkedFilter = {};
  if (filter.ids !== undefined) {
    if (!Array.isArray(filter.ids)) {
      throw new OutboxError('OUTBOX_INVALID_OPTION', `${path}/ids must be an array of event ids (UUIDs)`);
    }
    result.ids = filter.ids.map((id, i) => validateOptionalUuid(`${path}/ids/${i}`, id) as string);
    if (result.ids.some((id) => id === undefined)) {
      throw new OutboxError('OUTBOX_INVALID_OPTION', `${path}/ids must not contain empty entries`);
    }
  }
  const code = validateOptionalString(`${path}/code`, filter.code, 200);
  if (code !== undefined) result.code = code;
  const topic = validateOptionalString(`${path}/topic`, filter.topic, 249);
  if (topic !== undefined) result.topic = topic;
  return result;
}
