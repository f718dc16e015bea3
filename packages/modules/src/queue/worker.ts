// createWorker: a pull loop over fetchBatch that runs typed handlers, each in a transaction that also completes
// the job, renewing the lease while the handler runs. Push and pull are one mechanism, with one guard.
import type { Logger } from '@commercebridge/consumers';
import type pg from 'pg';
import { ModuleError } from '../errors.ts';
import type { Job, QueueModule, Worker, WorkerOptions } from './types.ts';

/** (Default: 1000) how long one fetch of the loop waits for jobs before it checks whether it should stop. */
const WORKER_FETCH_WAIT_MS = 1000;

export function createWorkerLoop(
  queue: QueueModule,
  pool: pg.Pool,
  options: WorkerOptions,
  defaults: { leaseMs: number; logger: Logger },
): Worker {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ModuleError(
      'MODULE_INVALID_INPUT',
      `/createWorker/concurrency must be an integer >= 1 (got "${concurrency}")`,
    );
  }
  const active = new Set<Promise<void>>();
  let loop: Promise<void> | undefined;
  let stopping = false;
  const stopController = new AbortController();

  async function run(job: Job): Promise<void> {
    const lease = new AbortController();
    const onStop = () => lease.abort(new Error('the worker is stopping'));
    stopController.signal.addEventListener('abort', onStop);
    const leaseMs = job.timeoutMs || defaults.leaseMs;
    const timer =
      options.heartbeat === false
        ? undefined
        : setInterval(
            () => {
              queue.extendLease(job).catch((error: unknown) => lease.abort(error));
            },
            Math.max(50, Math.floor(leaseMs / 3)),
          );
    const client = await pool.connect();
    try {
      await client.query('begin');
      const handler = options.handlers[job.type];
      if (!handler) {
        throw new ModuleError('MODULE_INVALID_INPUT', `no handler for job type "${job.type}"`, {
          retriable: false,
        });
      }
      const result = await handler(job, {
        client,
        signal: lease.signal,
        extendLease: (ms) => queue.extendLease(job, ms),
      });
      clearInterval(timer);
      await queue.complete(job, { tx: client, result });
      await client.query('commit');
    } catch (error) {
      clearInterval(timer);
      await client.query('rollback').catch(() => {});
      if ((error as ModuleError)?.code === 'MODULE_LEASE_LOST') {
        defaults.logger?.warn({ jobId: job.jobId }, 'job lease lost; its writes were rolled back');
      } else {
        await queue.fail(job, error).catch((failError: unknown) => {
          defaults.logger?.error(
            {
              jobId: job.jobId,
              error: (failError as Error).message,
            },
            'recording a job failure failed; the lease will run out',
          );
        });
      }
    } finally {
      clearInterval(timer);
      stopController.signal.removeEventListener('abort', onStop);
      client.release();
    }
  }

  async function pull(): Promise<void> {
    while (!stopping) {
      const free = concurrency - active.size;
      if (free === 0) {
        await Promise.race(active);
        continue;
      }
      let jobs: Job[];
      try {
        jobs = await queue.fetchBatch(free, {
          waitMs: WORKER_FETCH_WAIT_MS,
          ...(options.queue ? { queue: options.queue } : {}),
        });
      } catch (error) {
        if (stopping) return;
        defaults.logger?.error({ error: (error as Error).message }, 'fetching jobs failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      for (const job of jobs) {
        const task = run(job).finally(() => active.delete(task));
        active.add(task);
      }
    }
  }

  return {
    get running() {
      return active.size;
    },
    async start() {
      if (loop) return;
      await queue.start();
      loop = pull();
    },
    async stop() {
      stopping = true;
      await loop;
      await Promise.allSettled([...active]);
      stopController.abort();
    },
  };
}
