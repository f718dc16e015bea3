// Writes by a job's holder: each one is guarded by HELD_BY, so a holder whose lease ran out (or was taken over)
// changes nothing. Each returns whether it applied.
import type { Executor } from '@commercebridge/outbox';
import { HELD_BY, JOB_COLUMNS, type JobRow } from './jobRow.ts';

export interface Holding {
  jobId: string;
  holder: string;
  attempts: number;
}

function held(h: Holding): unknown[] {
  return [h.jobId, h.holder, h.attempts];
}

export async function completeJob(
  executor: Executor,
  s: string,
  h: Holding,
  result: unknown,
): Promise<boolean> {
  const { rows } = await executor.query(
    `update ${s}.module_jobs j set status = 'completed', completed_at = now(), updated_at = now(),
            leased_until = null, result = $4::jsonb
      where ${HELD_BY} returning j.job_id`,
    [...held(h), result === undefined ? null : JSON.stringify(result)],
  );
  return rows.length > 0;
}

/** Ends the attempt as failed; the job is due again at `runAt` (attempts + 1). */
export async function retryJob(
  executor: Executor,
  s: string,
  h: Holding,
  failure: { runAt: Date; message: string; code: string },
): Promise<boolean> {
  const { rows } = await executor.query(
    `update ${s}.module_jobs j set status = 'failed', attempts = j.attempts + 1, run_at = $4, updated_at = now(),
            holder = null, leased_until = null, first_failed_at = coalesce(j.first_failed_at, now()),
            last_error = $5, last_error_code = $6
      where ${HELD_BY} returning j.job_id`,
    [...held(h), failure.runAt, failure.message, failure.code],
  );
  return rows.length > 0;
}

/** Locks the row while the holder still holds it (before the DLQ is written); undefined when it does not. */
export async function lockHeldJob(executor: Executor, s: string, h: Holding): Promise<JobRow | undefined> {
  const { rows } = await executor.query<JobRow>(
    `select ${JOB_COLUMNS} from ${s}.module_jobs j where ${HELD_BY} for update`,
    held(h),
  );
  return rows[0];
}

/** Marks a job dead after its last attempt (the row is locked by the caller). */
export async function markDead(
  executor: Executor,
  s: string,
  jobId: string,
  failure: { message: string; code: string },
): Promise<void> {
  await executor.query(
    `update ${s}.module_jobs set status = 'dead', attempts = attempts + 1, updated_at = now(), holder = null,
            leased_until = null, first_failed_at = coalesce(first_failed_at, now()), last_error = $2,
            last_error_code = $3
      where job_id = $1`,
    [jobId, failure.message, failure.code],
  );
}

/** Extends a running lease to `ms` from now; the new end, or undefined when the lease is not held any more. */
export async function extendLease(
  executor: Executor,
  s: string,
  h: Holding,
  ms: number,
): Promise<Date | undefined> {
  const { rows } = await executor.query<{ leased_until: Date }>(
    `update ${s}.module_jobs j set leased_until = clock_timestamp() + make_interval(secs => $4 / 1000.0),
            updated_at = now()
      where ${HELD_BY} returning j.leased_until`,
    [...held(h), ms],
  );
  return rows[0]?.leased_until;
}
