-- 0003: snapshots of aggregated stream state, one per (stream, snapshot name). The name identifies the evolve
-- function's version: renaming it ignores older snapshots. A snapshot is a cache, never the source of truth.
create table ${schema}.snapshots (
  stream_id text not null,
  name text not null,
  version bigint not null,
  state jsonb not null,
  created_at timestamptz not null default now(),
  primary key (stream_id, name)
);
