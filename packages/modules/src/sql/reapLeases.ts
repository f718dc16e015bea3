// The reaper's statements: leases that ran out end the attempt (it counts), and the job is due again at once,
// or, after its last attempt, dead.
import type { Executor } from '@commercebridge/outbox';
import type pg from 'pg';
import { JOB_COLUMNS, type JobRow } from './jobRow.ts';

export const LEASE_EXPIRED_CODE = 'JOB_LEASE_EXPIRED';

/** Expired leases with attempts left: back to 'failed', due now. Returns the job ids. */
export async function requeueExpired(pool: pg.Pool, s: string, limit: number): Promise<string[]> {
  const { rows } = await pool.query<{ job_id: string }>(
    `with expired as (
       select job_id from ${s}.module_jobs
        where status = 'processing' and leased_until < clock_timestamp() and attempts + 1 < max_attempts
        limit $1 for update skip locked
     )
     update ${s}.module_jobs j
        set status = 'failed', attempts = j.attempts + 1, run_at = now(), updated_at = now(), holder = null,
            leased_until = null, first_failed_at = coalesce(j.first_failed_at, now()),
            last_error = 'lease expired: held by ' || j.holder || ' until ' || j.leased_until || ' without completing',
            last_error_code = '${LEASE_EXPIRED_CODE}'
       from expired where j.job_id = expired.job_id
     returning j.job_id`,
    [limit],
  );
  return rows.map((r) => r.job_id);
}

/** Expired leases of last attempts, locked (in the caller's transaction) until they are marked dead. */
export async function lockExpiredLast(executor: Executor, s: string, limit: number): Promise<JobRow[]> {
  const { rows } = await executor.query<JobRow>(
    `select ${JOB_COLUMNS} from ${s}.module_jobs j
      where j.status = 'processing' and j.leased_until < clock_timestamp() and j.attempts + 1 >= j.max_attempts
      limit $1 for update skip locked`,
    [limit],
  );
  return rows;
}
