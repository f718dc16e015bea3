import type pg from 'pg';
import { JOB_COLUMNS, type JobRow } from './jobRow.ts';

/**
 * Leases up to `max` due jobs of `queue` to `holder`, the highest priority first, then in enqueue order.
 * A job is taken only when it is not leased (pending, or failed and due): a lease that ran out is first ended
 * by the reaper (which counts the attempt). Rows another transaction is leasing are skipped, not waited for.
 * Each lease runs for the job's timeout_ms, else `leaseMs`, from the database clock.
 */
export async function leaseJobs(
  pool: pg.Pool,
  s: string,
  options: { queue: string; holder: string; max: number; leaseMs: number },
): Promise<JobRow[]> {
  const { rows } = await pool.query<JobRow>(
    `with picked as (
       select job_id from ${s}.module_jobs
        where queue = $1 and status in ('pending', 'failed') and (run_at is null or run_at <= now())
        order by priority desc, seq
        limit $2
        for update skip locked
     )
     update ${s}.module_jobs j
        set status = 'processing', holder = $3, leased_at = clock_timestamp(), updated_at = now(),
            leased_until = clock_timestamp() + make_interval(secs => coalesce(nullif(j.timeout_ms, 0), $4) / 1000.0)
       from picked where j.job_id = picked.job_id
     returning ${JOB_COLUMNS}`,
    [options.queue, options.max, options.holder, options.leaseMs],
  );
  // The order of hand-out: update ... returning keeps no order.
  return rows.sort((a, b) => b.priority - a.priority || compareSeq(a.seq, b.seq));
}

function compareSeq(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
