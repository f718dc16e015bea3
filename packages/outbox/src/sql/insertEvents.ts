import { ADVISORY_LOCK_CLASSID } from '../lockBucket.ts';
import { quoteIdent } from '../options.ts';
import type { Executor } from '../types.ts';
import { lockBucketsCte, sortedBuckets } from './lockBuckets.ts';
import { statementName } from './statementName.ts';

/** One event ready for insertion: validated and encoded. */
export interface EventInsert {
  eventId: string;
  eventType: string;
  topic: string;
  partitionKey: string;
  bucket: number;
  messageName: string;
  schemaVersion: number;
  payload: Uint8Array;
  headers: Record<string, string>;
  streamId: string | null;
  streamVersion: number | null;
}

/**
 * The per-column arrays of the envelope columns shared by `events` and `scheduled`, in the order event_id,
 * event_type, topic, partition_key, bucket, message_name, schema_version, payload, headers (for `unnest`).
 */
export function envelopeColumnArrays(events: readonly EventInsert[]): unknown[] {
  return [
    events.map((event) => event.eventId),
    events.map((event) => event.eventType),
    events.map((event) => event.topic),
    events.map((event) => event.partitionKey),
    events.map((event) => event.bucket),
    events.map((event) => event.messageName),
    events.map((event) => event.schemaVersion),
    events.map((event) =>
      Buffer.from(event.payload.buffer, event.payload.byteOffset, event.payload.byteLength),
    ),
    events.map((event) => JSON.stringify(event.headers)),
  ];
}

export interface InsertEventsOptions {
  schema: string;
  /** pg_notify(channel, '') once the rows are in; Postgres folds equal notifications of one transaction. */
  notifyChannel: string | null;
  /** When set, rows are only inserted if txid_current() equals it (see currentTransactionId). */
  guardTransactionId: string | null;
}

export interface InsertedEvent {
  position: string;
  event_id: string;
}

/**
 * One statement: lock the buckets in ascending order, insert the events in array order (so their positions
 * follow it), skip event ids that already exist, and notify. Returns the rows actually inserted.
 */
export async function insertEvents(
  executor: Executor,
  events: readonly EventInsert[],
  options: InsertEventsOptions,
): Promise<InsertedEvent[]> {
  if (events.length === 1) return insertOneEvent(executor, events[0]!, options);
  const table = `${quoteIdent(options.schema)}.events`;
  const text =
    `with locks as materialized (${lockBucketsCte(1)}), ` +
    `inserted as (insert into ${table} (event_id, event_type, topic, partition_key, bucket, message_name, ` +
    'schema_version, payload, headers, stream_id, stream_version) ' +
    'select t.event_id, t.event_type, t.topic, t.partition_key, t.bucket, t.message_name, t.schema_version, ' +
    't.payload, t.headers::jsonb, t.stream_id, t.stream_version from locks, unnest($2::uuid[], $3::text[], ' +
    '$4::text[], $5::text[], $6::smallint[], $7::text[], $8::int[], $9::bytea[], $10::text[], $11::text[], ' +
    '$12::bigint[]) with ordinality as t(event_id, event_type, topic, partition_key, bucket, message_name, ' +
    'schema_version, payload, headers, stream_id, stream_version, ord) ' +
    'where ($13::bigint is null or txid_current() = $13::bigint) ' +
    'order by t.ord on conflict (event_id) do nothing returning position, event_id), ' +
    "notified as (select pg_notify($14::text, '') from locks " +
    'where $14::text is not null and exists (select 1 from inserted)) ' +
    'select i.position::text as position, i.event_id::text as event_id, ' +
    '(select count(*) from notified) as notified from inserted i order by i.position';
  const values = [
    sortedBuckets(events.map((event) => event.bucket)),
    ...envelopeColumnArrays(events),
    events.map((event) => event.streamId),
    events.map((event) => (event.streamVersion === null ? null : String(event.streamVersion))),
    options.guardTransactionId,
    options.notifyChannel,
  ];
  const { rows } = await executor.query<InsertedEvent>(text, values, { name: statementName(text) });
  return rows;
}

/**
 * The single-event form of insertEvents (the common publish()): scalar parameters instead of arrays, which
 * Postgres parses and plans more cheaply. Same lock-then-insert order, same duplicate and guard handling.
 */
async function insertOneEvent(
  executor: Executor,
  event: EventInsert,
  options: InsertEventsOptions,
): Promise<InsertedEvent[]> {
  const table = `${quoteIdent(options.schema)}.events`;
  const text =
    `with locks as materialized (select pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSID}, $5::int) as locked), ` +
    `inserted as (insert into ${table} (event_id, event_type, topic, partition_key, bucket, message_name, ` +
    'schema_version, payload, headers, stream_id, stream_version) ' +
    'select $1::uuid, $2, $3, $4, $5::smallint, $6, $7::int, $8::bytea, $9::jsonb, $10, $11::bigint from locks ' +
    'where ($12::bigint is null or txid_current() = $12::bigint) ' +
    'on conflict (event_id) do nothing returning position, event_id), ' +
    "notified as (select pg_notify($13::text, '') from locks " +
    'where $13::text is not null and exists (select 1 from inserted)) ' +
    'select i.position::text as position, i.event_id::text as event_id, ' +
    '(select count(*) from notified) as notified from inserted i';
  const values = [
    event.eventId,
    event.eventType,
    event.topic,
    event.partitionKey,
    event.bucket,
    event.messageName,
    event.schemaVersion,
    Buffer.from(event.payload.buffer, event.payload.byteOffset, event.payload.byteLength),
    JSON.stringify(event.headers),
    event.streamId,
    event.streamVersion === null ? null : String(event.streamVersion),
    options.guardTransactionId,
    options.notifyChannel,
  ];
  const { rows } = await executor.query<InsertedEvent>(text, values, { name: statementName(text) });
  return rows;
}
