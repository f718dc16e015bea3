-- 0001: the outbox / event log, event streams, scheduled messages, the inbox, relay slot leases.
-- ${schema} is replaced by the configured Postgres schema (escaped identifier).

create table ${schema}.settings (
  name text primary key,
  value text not null
);

-- The outbox and event log. A row is an event; it is "unpublished" until the relay has committed it to Kafka.
create table ${schema}.events (
  position bigint generated always as identity primary key,
  event_id uuid not null,
  event_type text not null,
  topic text not null,
  partition_key text not null,
  -- Lock bucket of the partition key: hash(partition_key) mod 1024. Writers of one bucket are serialized by
  -- pg_advisory_xact_lock, so within a bucket positions follow commit order. A relay slot owns the buckets
  -- with bucket % slot_count = slot.
  bucket smallint not null,
  message_name text not null,
  schema_version integer not null,
  payload bytea not null,
  -- Envelope headers (correlation-id, causation-id, traceparent, ...), string values.
  headers jsonb not null default '{}'::jsonb,
  stream_id text,
  stream_version bigint,
  occurred_at timestamptz not null default now(),
  published_at timestamptz,
  constraint events_event_id_key unique (event_id),
  constraint events_stream_version_key unique (stream_id, stream_version)
);
-- The relay's claim query reads unpublished rows in position order; this index holds only those rows.
create index events_unpublished_idx on ${schema}.events (position) include (bucket) where published_at is null;
create index events_published_at_idx on ${schema}.events (published_at) where published_at is not null;

-- Event streams (event sourcing): the current version of each stream, for optimistic concurrency.
create table ${schema}.streams (
  stream_id text primary key,
  version bigint not null,
  updated_at timestamptz not null default now()
);

-- Delayed messages, moved into events when due.
create table ${schema}.scheduled (
  id bigint generated always as identity primary key,
  event_id uuid not null unique,
  event_type text not null,
  topic text not null,
  partition_key text not null,
  bucket smallint not null,
  message_name text not null,
  schema_version integer not null,
  payload bytea not null,
  headers jsonb not null default '{}'::jsonb,
  run_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index scheduled_run_at_idx on ${schema}.scheduled (run_at, id);

-- The inbox: one row per (consumer group, event) handled; redelivered events are skipped.
create table ${schema}.inbox (
  consumer_group text not null,
  event_id uuid not null,
  topic text not null,
  kafka_partition integer not null,
  kafka_offset bigint not null,
  handled_at timestamptz not null default now(),
  primary key (consumer_group, event_id)
);
create index inbox_handled_at_idx on ${schema}.inbox (handled_at);

-- Relay slot leases: a slot is owned by one relay instance until its lease expires.
create table ${schema}.relay_slots (
  slot integer primary key,
  owner text,
  lease_expires_at timestamptz,
  updated_at timestamptz not null default now()
);
