import type pg from 'pg';
import type { JobStatus } from '../sql.ts';
import { JOB_COLUMNS, type JobRow, shownStatus } from './jobRow.ts';

export async function readJobs(pool: pg.Pool, s: string, ids: string[]): Promise<JobRow[]> {
  const { rows } = await pool.query<JobRow>(
    `select ${JOB_COLUMNS} from ${s}.module_jobs j where j.job_id = any($1)`,
    [ids],
  );
  return rows;
}

export async function listJobs(
  pool: pg.Pool,
  s: string,
  filter: { status: JobStatus | null; queue: string | null; limit: number },
): Promise<JobRow[]> {
  const { rows } = await pool.query<JobRow>(
    `select ${JOB_COLUMNS} from ${s}.module_jobs j
      where ($1::text is null or ${shownStatus('j')} = $1) and ($2::text is null or j.queue = $2)
      order by j.updated_at desc limit $3`,
    [filter.status, filter.queue, filter.limit],
  );
  return rows;
}

export async function countJobs(
  pool: pg.Pool,
  s: string,
  queue: string | null,
): Promise<Array<{ queue: string; status: JobStatus; n: number }>> {
  const { rows } = await pool.query<{ queue: string; status: JobStatus; n: number }>(
    `select j.queue, ${shownStatus('j')} as status, count(*)::int as n from ${s}.module_jobs j
      where ($1::text is null or j.queue = $1) group by 1, 2`,
    [queue],
  );
  return rows;
}

/** Dead jobs back to pending with their attempts reset; returns the ids. */
export async function redriveDead(
  pool: pg.Pool,
  s: string,
  ids: string[] | null,
  queue: string,
): Promise<string[]> {
  const { rows } = await pool.query<{ job_id: string }>(
    `update ${s}.module_jobs set status = 'pending', attempts = 0, run_at = null, updated_at = now(),
            first_failed_at = null
      where status = 'dead' and queue = $2 and ($1::text[] is null or job_id = any($1)) returning job_id`,
    [ids, queue],
  );
  return rows.map((r) => r.job_id);
}

/**
 * Jobs back to pending now: dead and cancelled ones with their attempts reset, failed (waiting for a retry)
 * and scheduled ones keeping theirs. Returns the ids changed.
 */
export async function retryJobs(pool: pg.Pool, s: string, ids: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ job_id: string }>(
    `update ${s}.module_jobs set
            attempts = case when status in ('dead', 'cancelled') then 0 else attempts end,
            first_failed_at = case when status in ('dead', 'cancelled') then null else first_failed_at end,
            status = 'pending', run_at = null, holder = null, leased_until = null, updated_at = now()
      where job_id = any($1) and (status in ('dead', 'cancelled', 'failed') or (status = 'pending' and run_at > now()))
      returning job_id`,
    [ids],
  );
  return rows.map((r) => r.job_id);
}

/** Jobs not finished yet (pending, scheduled, failed, processing) to cancelled. Returns the ids changed. */
export async function cancelJobs(pool: pg.Pool, s: string, ids: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ job_id: string }>(
    `update ${s}.module_jobs set status = 'cancelled', holder = null, leased_until = null, updated_at = now()
      where job_id = any($1) and status in ('pending', 'failed', 'processing') returning job_id`,
    [ids],
  );
  return rows.map((r) => r.job_id);
}
