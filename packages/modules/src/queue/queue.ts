// The worker queue module. A job's row in Postgres (`module_jobs`) is written in the transaction that enqueues
// it, together with its card on the queue topic (through the outbox): the job exists iff that transaction
// committed. The rows are the ready set: fetchBatch leases due rows by priority, then enqueue order, with a
// holder and a lease end from the database clock, so a job is held by at most one worker at a time across all
// processes. A reaper ends leases that ran out (counting the attempt), a retry is a row due later, and the
// DLQ gets a job's card after its last attempt.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createKafkaClient, createLogger, probeKafkaAccess } from '@commercebridge/config';
import { dlqTopicOf, type Logger } from '@commercebridge/consumers';
import { createOutbox } from '@commercebridge/outbox';
import type { Producer } from 'kafkajs';
import type pg from 'pg';
import type { ModulesConfig } from '../config.ts';
import { databaseError, ModuleError } from '../errors.ts';
import { insertJob } from '../sql/insertJob.ts';
import { readJobs } from '../sql/inspectJobs.ts';
import { leaseJobs } from '../sql/leaseJobs.ts';
import { completeJob, extendLease as extendLeaseSql } from '../sql/settleJob.ts';
import { q } from '../sql.ts';
import type { ModuleCatalog } from '../topics.ts';
import { asExecutor, inTransaction } from '../tx.ts';
import { moduleCodec } from '../wire.ts';
import { type CardFields, JSON_TYPE, jobOfRow } from './card.ts';
import type { QueueContext } from './context.ts';
import { buryExpiredLastAttempts, failJob, holding, reapExpired, requeueExpiredLeases } from './failures.ts';
import { createIngester } from './ingest.ts';
import { createInspection } from './inspect.ts';
import { createQueueMetrics } from './metrics.ts';
import type {
  CompleteOptions,
  FetchOptions,
  Job,
  JobInput,
  JobResult,
  PublishJobOptions,
  PublishJobResult,
  QueueModule,
  QueueRetryOptions,
  WorkerOptions,
} from './types.ts';
import { createWorkerLoop } from './worker.ts';

/** (Default: 5) attempts of a job, including the first, when the card does not say. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** (Default: 30000) how long a fetched job is leased to its worker when the job has no timeoutMs. */
export const DEFAULT_LEASE_MS = 30_000;
/** (Default: 250) how often the reaper looks for leases that ran out: they are handed out again within this. */
export const DEFAULT_REAP_INTERVAL_MS = 250;
/** (Default: 200) how often a waiting fetchBatch looks for due jobs between wake-ups. */
export const DEFAULT_POLL_INTERVAL_MS = 200;

export interface QueueOptions {
  config: ModulesConfig;
  catalog: ModuleCatalog;
  pool: pg.Pool;
  /** (Default: 'commercebridge') */
  schema?: string;
  /** Default queue name of enqueued and fetched jobs. (Default: 'default') */
  queue?: string;
  /** Consumer group of the ingester. (Default: config.groupId) */
  groupId?: string;
  retry?: QueueRetryOptions;
  leaseMs?: number;
  reapIntervalMs?: number;
  pollIntervalMs?: number;
  /** Read the queue topic to create rows for cards of other producers, and to wake on new jobs. (Default: true) */
  ingest?: boolean;
  /** Where the queue logs, bound to `{ component: 'queue', queue }`. (Default: createLogger() of @commercebridge/config) */
  logger?: Logger;
}

function checkInteger(path: string, value: number, min: number, max = 2 ** 31 - 1): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ModuleError(
      'MODULE_INVALID_INPUT',
      `${path} must be an integer between ${min} and ${max} (got "${value}")`,
    );
  }
}

/** The queue module (`bridge.integrations.kafka.module_queue`). */
export function createQueue(options: QueueOptions): QueueModule {
  const { config, catalog, pool } = options;
  const s = q(options.schema ?? 'commercebridge');
  const topic = catalog.events['job.enqueued'].topic;
  const retry = {
    maxAttempts: options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    initialDelayMs: options.retry?.initialDelayMs ?? 1000,
    maxDelayMs: options.retry?.maxDelayMs ?? 60_000,
  };
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const reapIntervalMs = options.reapIntervalMs ?? DEFAULT_REAP_INTERVAL_MS;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const logger = (options.logger ?? createLogger()).child({
    component: 'queue',
    queue: options.queue ?? 'default',
  });
  const kafka = createKafkaClient(config.kafka, { logger });
  let producer: Promise<Producer> | undefined;
  let waiters: Array<() => void> = [];
  const ctx: QueueContext = {
    pool,
    s,
    catalog,
    outbox: createOutbox({ catalog, schema: options.schema ?? 'commercebridge' }),
    codec: moduleCodec(catalog),
    kafka,
    topic,
    dlqTopic: dlqTopicOf(topic),
    groupId: options.groupId ?? config.groupId,
    queue: options.queue ?? 'default',
    workerId: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
    leaseMs,
    retry,
    logger,
    dlqProducer() {
      producer ??= (async () => {
        const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
        await p.connect();
        return p;
      })().catch((error: unknown) => {
        producer = undefined;
        throw error;
      });
      return producer;
    },
    wake() {
      const woken = waiters;
      waiters = [];
      for (const resolve of woken) resolve();
    },
  };
  const ingester = options.ingest === false ? undefined : createIngester(ctx);
  const inspection = createInspection(ctx);
  let reaper: NodeJS.Timeout | undefined;
  // The two halves of the reaper run on their own, so a slow DLQ write does not delay the requeue of others.
  const reaping: Array<Promise<unknown> | undefined> = [undefined, undefined];
  let stopped = false;

  function reap() {
    return reapExpired(ctx);
  }

  /** (Default: 5000) wait before the ingester tries to join again after a failure. */
  const INGESTER_RETRY_MS = 5_000;
  let ingesting: Promise<void> | undefined;

  /** Runs the ingester in the background, retrying: hand-out comes from the rows and never waits for Kafka. */
  function startIngester(): void {
    if (!ingester || ingesting || stopped) return;
    ingesting = ingester.start().catch((error: unknown) => {
      ctx.logger?.warn(
        {
          error: (error as Error).message,
          retryInMs: INGESTER_RETRY_MS,
        },
        'queue ingester could not join its group; retrying',
      );
      setTimeout(() => {
        ingesting = undefined;
        startIngester();
      }, INGESTER_RETRY_MS).unref();
    });
  }

  async function start(): Promise<void> {
    if (stopped) throw new ModuleError('MODULE_NOT_STARTED', 'the queue module is stopped');
    if (reaper) return;
    // A wrong password, an untrusted CA or a principal that may not write dead letters fails the start here,
    // instead of a background loop retrying it; a broker that is down does not (hand-out needs no Kafka).
    await probeKafkaAccess(config.kafka, { write: true });
    const passes = [() => requeueExpiredLeases(ctx), () => buryExpiredLastAttempts(ctx)];
    reaper = setInterval(() => {
      passes.forEach((pass, i) => {
        reaping[i] ??= pass()
          .catch((error: unknown) => {
            ctx.logger?.warn({ error: (error as Error).message }, 'queue reaper pass failed; retrying');
          })
          .finally(() => {
            reaping[i] = undefined;
          });
      });
    }, reapIntervalMs);
    reaper.unref();
    // Connected ahead of the first dead letter, off the reaper's path (a failure is retried on first use).
    ctx.dlqProducer().catch(() => {});
    startIngester();
  }

  async function publishJob(
    input: JobInput,
    publishOptions: PublishJobOptions = {},
  ): Promise<PublishJobResult> {
    if (typeof input?.type !== 'string' || input.type === '') {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        '/job/type must be a non-empty string, e.g. "order.process"',
      );
    }
    const { delay, runAt: runAtOption } = publishOptions;
    if (delay !== undefined && (!Number.isFinite(delay) || delay < 0)) {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        `/publishJob/delay must be a number of ms >= 0 (got "${delay}")`,
      );
    }
    if (runAtOption !== undefined && !(runAtOption instanceof Date && !Number.isNaN(runAtOption.getTime()))) {
      throw new ModuleError('MODULE_INVALID_INPUT', '/publishJob/runAt must be a valid Date');
    }
    const priority = publishOptions.priority ?? input.priority ?? 0;
    checkInteger('/job/priority', priority, -(2 ** 31 - 1));
    const maxAttempts = input.maxAttempts ?? retry.maxAttempts;
    checkInteger('/job/maxAttempts', maxAttempts, 1);
    const timeoutMs = input.timeoutMs ?? 0;
    checkInteger('/job/timeoutMs', timeoutMs, 0);
    const isBytes = input.payload instanceof Uint8Array;
    const payload = isBytes
      ? (input.payload as Uint8Array)
      : Buffer.from(JSON.stringify(input.payload ?? null), 'utf8');
    const runAt = runAtOption ?? (delay ? new Date(Date.now() + delay) : undefined);
    const card: CardFields = {
      jobId: input.jobId ?? randomUUID(),
      queue: input.queue ?? ctx.queue,
      type: input.type,
      payload,
      payloadContentType: input.payloadContentType ?? (isBytes ? 'application/octet-stream' : JSON_TYPE),
      priority,
      attempts: 0,
      maxAttempts,
      runAt: runAt ? runAt.toISOString() : '',
      enqueuedAt: new Date().toISOString(),
      timeoutMs,
      orderingKey: input.orderingKey ?? '',
      batchId: input.batchId ?? '',
      labels: input.labels ?? {},
      hasRow: true,
    };
    const result = await inTransaction(pool, publishOptions.tx, 'publishJob', async (executor) => {
      // The row and the card are written in one transaction: both exist or neither does.
      const inserted = await insertJob(executor, s, { ...card, runAt: runAt ?? null });
      if (!inserted) return { jobId: card.jobId, status: 'duplicate' as const };
      await ctx.outbox.publish(executor, 'job.enqueued', card);
      return {
        jobId: card.jobId,
        status: runAt && runAt.getTime() > Date.now() ? ('scheduled' as const) : ('enqueued' as const),
      };
    });
    // A fetchBatch of this process wakes at once (others: on the card, or at their next poll).
    if (!publishOptions.tx) ctx.wake();
    return result;
  }

  async function fetchBatch(
    max: number = config.maxBatchSize,
    fetchOptions: FetchOptions = {},
  ): Promise<Job[]> {
    checkInteger('/fetchBatch/max', max, 1, 10_000);
    await start();
    const deadline = Date.now() + (fetchOptions.waitMs ?? config.batchTimeoutMs);
    const queueName = fetchOptions.queue ?? ctx.queue;
    for (;;) {
      // Registered before the query, so a wake-up during it is not lost.
      const woken = new Promise<void>((resolve) => waiters.push(resolve));
      const rows = await leaseJobs(pool, s, { queue: queueName, holder: ctx.workerId, max, leaseMs }).catch(
        (error: unknown) => {
          throw databaseError('fetchBatch: lease jobs', error);
        },
      );
      if (rows.length > 0) return rows.map((row) => jobOfRow(row, topic));
      const left = deadline - Date.now();
      if (left <= 0 || stopped) return [];
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        woken,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.min(left, pollIntervalMs));
        }),
      ]);
      clearTimeout(timer);
    }
  }

  function checkJob(job: Job, operation: string): void {
    if (
      typeof job?.jobId !== 'string' ||
      typeof job.holder !== 'string' ||
      typeof job.attempts !== 'number'
    ) {
      throw new ModuleError(
        'MODULE_JOB_NOT_LEASED',
        `${operation}: pass the Job object fetchBatch returned (got ${JSON.stringify(job)?.slice(0, 200)})`,
      );
    }
  }

  function leaseLost(job: Job, operation: string): ModuleError {
    return new ModuleError(
      'MODULE_LEASE_LOST',
      `${operation}: job ${job.jobId} is not held by ${job.holder} any more (its lease ran out at ` +
        `${job.leasedUntil.toISOString()} or it was settled); nothing was changed: roll back its side effects`,
    );
  }

  async function complete(job: Job, completeOptions: CompleteOptions = {}): Promise<boolean> {
    checkJob(job, 'complete');
    const { tx, result } = completeOptions;
    return inTransaction(pool, tx, 'complete', async (executor) => {
      if (await completeJob(executor, s, holding(job), result)) {
        if (result !== undefined) {
          await ctx.outbox.publish(executor, 'job.completed', {
            jobId: job.jobId,
            queue: job.queue,
            type: job.type,
            attempts: job.attempts,
            result: Buffer.from(JSON.stringify(result), 'utf8'),
            resultContentType: JSON_TYPE,
            completedAt: new Date().toISOString(),
            orderingKey: job.orderingKey,
          });
        }
        return true;
      }
      if (tx === undefined) return false;
      // In the caller's transaction: a duplicate completion of this attempt is no news; a lost lease must roll
      // the caller's writes back.
      const { rows } = await asExecutor(tx).query<{ status: string; attempts: number }>(
        `select status, attempts from ${s}.module_jobs where job_id = $1`,
        [job.jobId],
      );
      const row = rows[0];
      if (row?.status === 'completed' && row.attempts === job.attempts) return false;
      throw leaseLost(job, 'complete');
    });
  }

  async function extendLease(job: Job, ms: number = job.timeoutMs || leaseMs): Promise<Date> {
    checkJob(job, 'extendLease');
    checkInteger('/extendLease/ms', ms, 1);
    const until = await inTransaction(pool, undefined, 'extendLease', (executor) =>
      extendLeaseSql(executor, s, holding(job), ms),
    );
    if (!until) throw leaseLost(job, 'extendLease');
    job.leasedUntil = until;
    return until;
  }

  async function result(jobId: string, resultOptions: { timeoutMs?: number } = {}): Promise<JobResult> {
    const deadline = Date.now() + (resultOptions.timeoutMs ?? 30_000);
    for (;;) {
      const [row] = await readJobs(pool, s, [jobId]).catch((error: unknown) => {
        throw databaseError('result: read job', error);
      });
      if (row && (row.status === 'completed' || row.status === 'dead' || row.status === 'cancelled')) {
        return { status: row.status, result: row.result ?? undefined, lastError: row.last_error };
      }
      if (Date.now() >= deadline) {
        throw new ModuleError(
          'MODULE_TIMEOUT',
          `result: job ${jobId} was ${row ? row.shown_status : 'not found'} after ${resultOptions.timeoutMs ?? 30_000} ms ` +
            '(pass a longer timeoutMs, or check that workers run)',
          { retriable: true },
        );
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(pollIntervalMs, Math.max(1, deadline - Date.now()))),
      );
    }
  }

  const workers: Array<{ stop(): Promise<void> }> = [];
  const queueModule: QueueModule = {
    topic,
    dlqTopic: ctx.dlqTopic,
    groupId: ctx.groupId,
    queue: ctx.queue,
    workerId: ctx.workerId,
    metrics: createQueueMetrics(ctx),
    publishJob,
    fetchBatch,
    complete,
    fail: (job, error) => {
      checkJob(job, 'fail');
      return failJob(ctx, job, error);
    },
    extendLease,
    result,
    ...inspection,
    reap,
    createWorker(workerOptions: WorkerOptions) {
      const worker = createWorkerLoop(queueModule, pool, workerOptions, { leaseMs, logger });
      workers.push(worker);
      return worker;
    },
    start,
    async stop() {
      stopped = true;
      ctx.wake();
      await Promise.all(workers.map((w) => w.stop()));
      clearInterval(reaper);
      await Promise.all(reaping);
      await ingester?.stop();
      const p = producer;
      producer = undefined;
      if (p) await (await p.catch(() => undefined))?.disconnect();
    },
  };
  return queueModule;
}
