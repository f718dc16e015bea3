// Inspection and operator actions: a job's status, lists, counts per status (also Prometheus gauges), redrive of
// dead jobs, retry and cancel by id. `createJobsAdmin` needs only the database.
import type pg from 'pg';
import { databaseError } from '../errors.ts';
import { cancelJobs, countJobs, listJobs, readJobs, redriveDead, retryJobs } from '../sql/inspectJobs.ts';
import { JOB_STATUSES, type JobStatus, q } from '../sql.ts';
import { recordOfRow } from './card.ts';
import type { QueueContext } from './context.ts';
import type { JobsAdmin, QueueModule } from './types.ts';

const wrap = (operation: string) => (error: unknown) => {
  throw databaseError(operation, error);
};

const zeroCounts = () =>
  Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;

function jobsAdmin(pool: pg.Pool, s: string): JobsAdmin {
  return {
    async status(jobId) {
      const [row] = await readJobs(pool, s, [jobId]).catch(wrap('job status'));
      return row ? recordOfRow(row) : undefined;
    },
    async list(filter = {}) {
      const rows = await listJobs(pool, s, {
        status: filter.status ?? null,
        queue: filter.queue ?? null,
        limit: filter.limit ?? 100,
      }).catch(wrap('list jobs'));
      return rows.map(recordOfRow);
    },
    async counts() {
      const rows = await countJobs(pool, s, null).catch(wrap('count jobs'));
      const out: Record<string, Record<JobStatus, number>> = {};
      for (const row of rows) {
        const counts = out[row.queue] ?? zeroCounts();
        counts[row.status] += row.n;
        out[row.queue] = counts;
      }
      return out;
    },
    retry: (jobIds) => retryJobs(pool, s, jobIds).catch(wrap('retry jobs')),
    cancel: (jobIds) => cancelJobs(pool, s, jobIds).catch(wrap('cancel jobs')),
  };
}

/** Operator actions on the jobs of every queue in `schema` (Default: commercebridge), from the database alone. */
export function createJobsAdmin(options: { pool: pg.Pool; schema?: string }): JobsAdmin {
  return jobsAdmin(options.pool, q(options.schema ?? 'commercebridge'));
}

export function createInspection(
  ctx: QueueContext,
): Pick<QueueModule, 'status' | 'list' | 'counts' | 'redrive' | 'retry' | 'cancel'> {
  const admin = jobsAdmin(ctx.pool, ctx.s);
  return {
    status: admin.status,
    list: admin.list,
    async counts(queue) {
      const rows = await countJobs(ctx.pool, ctx.s, queue ?? null).catch(wrap('count jobs'));
      const out = zeroCounts();
      for (const row of rows) out[row.status] += row.n;
      return out;
    },
    async redrive(jobIds) {
      const ids = await redriveDead(ctx.pool, ctx.s, jobIds ?? null, ctx.queue).catch(wrap('redrive jobs'));
      if (ids.length > 0) ctx.wake();
      return ids;
    },
    async retry(jobIds) {
      const ids = await admin.retry(jobIds);
      if (ids.length > 0) ctx.wake();
      return ids;
    },
    cancel: admin.cancel,
  };
}
