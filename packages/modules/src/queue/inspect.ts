// Inspection: a job's status, lists, counts per status (also Prometheus gauges), redrive of dead jobs.
import { databaseError } from '../errors.ts';
import { countJobs, listJobs, readJobs, redriveDead } from '../sql/inspectJobs.ts';
import { JOB_STATUSES, type JobStatus } from '../sql.ts';
import { recordOfRow } from './card.ts';
import type { QueueContext } from './context.ts';
import type { QueueModule } from './types.ts';

export function createInspection(
  ctx: QueueContext,
): Pick<QueueModule, 'status' | 'list' | 'counts' | 'redrive'> {
  const wrap = (operation: string) => (error: unknown) => {
    throw databaseError(operation, error);
  };
  return {
    async status(jobId) {
      const [row] = await readJobs(ctx.pool, ctx.s, [jobId]).catch(wrap('job status'));
      return row ? recordOfRow(row) : undefined;
    },
    async list(filter = {}) {
      const rows = await listJobs(ctx.pool, ctx.s, {
        status: filter.status ?? null,
        queue: filter.queue ?? null,
        limit: filter.limit ?? 100,
      }).catch(wrap('list jobs'));
      return rows.map(recordOfRow);
    },
    async counts(queue) {
      const rows = await countJobs(ctx.pool, ctx.s, queue ?? null).catch(wrap('count jobs'));
      const out = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
      for (const row of rows) out[row.status] += row.n;
      return out;
    },
    async redrive(jobIds) {
      const ids = await redriveDead(ctx.pool, ctx.s, jobIds ?? null, ctx.queue).catch(wrap('redrive jobs'));
      if (ids.length > 0) ctx.wake();
      return ids;
    },
  };
}
