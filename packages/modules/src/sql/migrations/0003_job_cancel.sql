-- Operators can cancel a job (CLI `jobs cancel`, the console): a cancelled job is never handed out again, and a
-- holder that still runs it loses its lease (its complete is stale).
alter table ${schema}.module_jobs drop constraint if exists module_jobs_status_check;
alter table ${schema}.module_jobs add constraint module_jobs_status_check
  check (status in ('pending', 'processing', 'completed', 'failed', 'dead', 'cancelled'));
