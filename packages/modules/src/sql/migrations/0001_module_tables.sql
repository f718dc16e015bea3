-- The modules' tables. Written with "if not exists" once, so that a schema whose tables were created by the
-- modules before they had migrations is adopted as it is; later migrations are plain DDL.

-- One row per job, written in the transaction that enqueues it (a job exists iff that transaction committed),
-- or by the ingester for a job card another producer wrote to the queue topic. The row is the authority on
-- who holds the job: status 'processing' with a holder and leased_until.
create table if not exists ${schema}.module_jobs (
  job_id text primary key,
  queue text not null,
  type text not null,
  priority int not null default 0,
  status text not null check (status in ('pending', 'processing', 'completed', 'failed', 'dead')),
  attempts int not null default 0,
  max_attempts int not null,
  run_at timestamptz,
  enqueued_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  leased_until timestamptz,
  completed_at timestamptz,
  first_failed_at timestamptz,
  last_error text,
  last_error_code text
);
create index if not exists module_jobs_status_idx on ${schema}.module_jobs (queue, status, updated_at);

create table if not exists ${schema}.module_logs (
  event_id uuid primary key,
  logged_at timestamptz not null,
  level text not null,
  level_rank smallint not null,
  service text not null,
  category text not null default '',
  host text not null default '',
  message text not null,
  metadata jsonb not null default '{}'
);
create index if not exists module_logs_time_idx on ${schema}.module_logs (logged_at desc);
create index if not exists module_logs_service_idx on ${schema}.module_logs (service, logged_at desc);
