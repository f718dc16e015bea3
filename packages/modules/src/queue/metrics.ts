// Prometheus gauges of the queue, read from the jobs table on each scrape, so they tell the truth of every
// worker (not only this process) and are right while no worker fetches: jobs per queue and status. A failed read
// leaves the gauge out of that scrape and is logged once until a read works again.
import { METRICS, type Sample, scrapedGauge, scrapeReader } from '@commercebridge/observability';
import { Registry } from 'prom-client';
import { countJobs } from '../sql/inspectJobs.ts';
import { JOB_STATUSES } from '../sql.ts';
import type { QueueContext } from './context.ts';

export function createQueueMetrics(ctx: QueueContext, registry = new Registry()): Registry {
  const read = scrapeReader(() => countJobs(ctx.pool, ctx.s, null), {
    failed: (error) =>
      ctx.logger?.warn(
        {
          error: (error as Error)?.message ?? String(error),
        },
        'queue metrics read failed; commercebridge_queue_jobs is left out until it works',
      ),
    recovered: () => ctx.logger?.info('queue metrics read works again'),
  });
  scrapedGauge(registry, METRICS.queueJobs).add(async () => {
    const rows = await read();
    if (!rows) return undefined;
    // Every status of every queue seen (and of this module's queue) is listed, 0 included.
    const counts = new Map<string, number>();
    const key = (queue: string, status: string) => `${queue}\u0000${status}`;
    for (const queue of new Set(rows.map((r) => r.queue).concat(ctx.queue))) {
      for (const status of JOB_STATUSES) counts.set(key(queue, status), 0);
    }
    for (const row of rows) {
      const k = key(row.queue, row.status);
      counts.set(k, (counts.get(k) ?? 0) + row.n);
    }
    return [...counts].map(([k, n]): Sample<'queue' | 'status'> => {
      const [queue, status] = k.split('\u0000') as [string, string];
      return [{ queue, status }, n];
    });
  });
  return registry;
}
