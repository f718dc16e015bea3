// Prometheus gauges of the queue, read from the jobs table on each scrape, so they tell the truth of every
// worker (not only this process): jobs per queue and status, and the age of the oldest due job per queue.
import { Gauge, Registry } from 'prom-client';
import { countJobs } from '../sql/inspectJobs.ts';
import { JOB_STATUSES } from '../sql.ts';
import type { QueueContext } from './context.ts';

export function createQueueMetrics(ctx: QueueContext, registry = new Registry()): Registry {
  new Gauge({
    name: 'commercebridge_queue_jobs',
    help: 'Jobs per queue and status (scheduled, pending, processing, completed, failed, dead), from the jobs table',
    labelNames: ['queue', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await countJobs(ctx.pool, ctx.s, null);
      const queues = new Set(rows.map((r) => r.queue).concat(ctx.queue));
      for (const queue of queues) for (const status of JOB_STATUSES) this.set({ queue, status }, 0);
      for (const row of rows) this.inc({ queue: row.queue, status: row.status }, row.n);
    },
  });
  return registry;
}
