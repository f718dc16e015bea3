-- 0004: events the relay set aside because it could not publish them (RELAY_UNPUBLISHABLE=park): its topic is
-- missing, the broker refuses the record, the payload cannot be encoded. A row moves here from events in one
-- transaction and keeps every column of the original, its position included, so that a retry puts it back in
-- its place: the relay then publishes it, in position order, before anything later of its key. A row whose key
-- has a parked row with a lower position is parked behind it, never published ahead of it.
create table ${schema}.events_parked (
  position bigint primary key,
  event_id uuid not null,
  event_type text not null,
  topic text not null,
  partition_key text not null,
  bucket smallint not null,
  message_name text not null,
  schema_version integer not null,
  payload bytea not null,
  headers jsonb not null default '{}'::jsonb,
  stream_id text,
  stream_version bigint,
  occurred_at timestamptz not null,
  -- Why: a RelayError code (RELAY_TOPIC_MISSING, RELAY_RECORD_REJECTED, RELAY_BEHIND_PARKED, ...) and its message.
  reason_code text not null,
  reason_message text not null,
  -- Failed attempts to publish it before it was parked (0: parked behind an earlier parked row of its key).
  attempts integer not null default 0,
  parked_at timestamptz not null default now(),
  constraint events_parked_event_id_key unique (event_id)
);
-- The relay's question for every row it claims while a key has parked rows: "is there a parked row of this key
-- with a lower position?"
create index events_parked_key_idx on ${schema}.events_parked (partition_key, position);
-- readStream reads a stream from events and events_parked together: a parked event stays in its stream.
create index events_parked_stream_idx on ${schema}.events_parked (stream_id, stream_version)
  where stream_id is not null;
