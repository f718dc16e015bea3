-- Jobs are handed out from this table (the ready set): the card's fields live on the row, a lease names its
-- holder, and `seq` orders jobs of one priority in enqueue order.
alter table ${schema}.module_jobs
  add column seq bigserial,
  add column holder text,
  add column leased_at timestamptz,
  add column payload bytea not null default '\x',
  add column payload_content_type text not null default 'application/json',
  add column timeout_ms int not null default 0,
  add column ordering_key text not null default '',
  add column batch_id text not null default '',
  add column labels jsonb not null default '{}',
  add column result jsonb,
  add column source_partition int,
  add column source_offset bigint;

-- Hand-out: the highest priority first, then enqueue order, among jobs that are due.
create index module_jobs_ready_idx on ${schema}.module_jobs (queue, priority desc, seq)
  where status in ('pending', 'failed');
-- The reaper: leases that ran out.
create index module_jobs_leases_idx on ${schema}.module_jobs (leased_until) where status = 'processing';
