// The worker queue module: jobs enqueued through the outbox (a job exists iff its transaction committed),
// delivered by the relay to the queue topic, fetched in batches by workers (pull) or handled by typed
// handlers on createConsumer (push). A Postgres table records each job's status; completion is recorded
// there exactly once.
import { randomUUID } from 'node:crypto';
import { createOutbox, type Outbox, type Transaction } from '@commercebridge/outbox';
import { createWireCodec } from '@commercebridge/schemas';
import type { Consumer as KafkaConsumer, Producer } from 'kafkajs';
import type pg from 'pg';
import { backoffDelay } from '../backoff.ts';
import { createConsumer } from '../consumer.ts';
import { DLQ_HEADERS, dlqTopicOf, headerStrings } from '../dlq-headers.ts';
import type { Consumer, HandlerContext, Logger } from '../types.ts';
import type { ModulesConfig } from './config.ts';
import { databaseError, ModuleError } from './errors.ts';
import { kafkaClient } from './kafka.ts';
import { type JobStatus, q } from './sql.ts';
import type { ModuleCatalog } from './topics.ts';
import { inTransaction } from './tx.ts';

/** (Default: 5) attempts of a job, including the first, when the card does not say. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** (Default: 30000) how long a fetched job is leased to its worker when the card has no timeoutMs. */
export const DEFAULT_LEASE_MS = 30_000;

/** What a caller enqueues. `payload` is JSON-encoded unless it is already bytes. */
export interface JobInput {
  /** (Default: a new UUID) A repeated id enqueues nothing (status 'duplicate'). */
  jobId?: string;
  /** Name of the queue (worker ecosystem). (Default: the module's `queue`) */
  queue?: string;
  /** What the worker does, e.g. "engagement.recalculate". */
  type: string;
  payload?: unknown;
  /** (Default: 'application/json', or 'application/octet-stream' for bytes) */
  payloadContentType?: string;
  /** Higher is handed out first among the jobs a fetcher holds. (Default: 0) */
  priority?: number;
  /** (Default: the module's retry.maxAttempts) */
  maxAttempts?: number;
  /** Lease of one attempt, ms. (Default: the module's leaseMs) */
  timeoutMs?: number;
  /** Jobs with one key share a partition, so they are fetched in enqueue order. */
  orderingKey?: string;
  batchId?: string;
  labels?: Record<string, string>;
}

export interface PublishJobOptions {
  /** Join this transaction (pg client, outbox executor or Drizzle transaction); else one of its own. */
  tx?: Transaction;
  /** Run no earlier than this many ms from now (the outbox keeps it in `scheduled` until then). */
  delay?: number;
  runAt?: Date;
  /** Overrides the input's priority. */
  priority?: number;
}

export interface PublishJobResult {
  jobId: string;
  status: 'enqueued' | 'scheduled' | 'duplicate';
}

/** A job as a worker gets it. */
export interface Job {
  jobId: string;
  queue: string;
  type: string;
  /** The decoded JSON payload, or the bytes for other content types. */
  payload: unknown;
  payloadContentType: string;
  priority: number;
  /** Attempts made before this one (0 on the first). */
  attempts: number;
  maxAttempts: number;
  /** Lease of one attempt in ms (0: the module's leaseMs). */
  timeoutMs: number;
  enqueuedAt: string;
  runAt: string;
  orderingKey: string;
  batchId: string;
  labels: Record<string, string>;
  topic: string;
  partition: number;
  offset: string;
}

export interface JobRecord {
  jobId: string;
  queue: string;
  type: string;
  priority: number;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: Date | null;
  enqueuedAt: Date;
  updatedAt: Date;
  leasedUntil: Date | null;
  completedAt: Date | null;
  lastError: string | null;
  lastErrorCode: string | null;
}

export interface FailResult {
  status: 'retrying' | 'dead' | 'stale';
  /** Attempts made, this one included. */
  attempts: number;
  /** Delay before the next attempt, when retrying. */
  delayMs?: number;
}

export interface QueueRetryOptions {
  /** (Default: 5) */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each retry, with jitter. (Default: 1000) */
  initialDelayMs?: number;
  /** (Default: 60000) */
  maxDelayMs?: number;
}

export interface QueueOptions {
  config: ModulesConfig;
  catalog: ModuleCatalog;
  pool: pg.Pool;
  /** (Default: 'commercebridge') */
  schema?: string;
  /** Default queue name of enqueued jobs. (Default: 'default') */
  queue?: string;
  /** Consumer group of the fetcher and of workers. (Default: config.groupId) */
  groupId?: string;
  retry?: QueueRetryOptions;
  leaseMs?: number;
  logger?: Logger;
}

export type JobHandler = (job: Job, ctx: HandlerContext<'job.enqueued'>) => Promise<void>;

export interface WorkerOptions {
  /** One handler per job type; a job of another type goes to the DLQ (not retriable). */
  handlers: Record<string, JobHandler>;
  /** (Default: the queue's groupId) */
  groupId?: string;
  /** Partitions handled at once. (Default: 1) */
  concurrency?: number;
}

interface Entry {
  job: Job;
  state: 'ready' | 'leased' | 'completing' | 'settled';
  leasedUntil: number;
  partition: PartitionState;
  offset: bigint;
  value: Buffer | null;
  headers: Record<string, string>;
  key: string | null;
  timestamp: string;
}

interface PartitionState {
  topic: string;
  partition: number;
  entries: Entry[];
}

interface JobRow {
  job_id: string;
  queue: string;
  type: string;
  priority: number;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: Date | null;
  enqueued_at: Date;
  updated_at: Date;
  leased_until: Date | null;
  completed_at: Date | null;
  last_error: string | null;
  last_error_code: string | null;
  first_failed_at: Date | null;
}

const JSON_TYPE = 'application/json';

function toRecord(row: JobRow): JobRecord {
  return {
    jobId: row.job_id,
    queue: row.queue,
    type: row.type,
    priority: row.priority,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    enqueuedAt: row.enqueued_at,
    updatedAt: row.updated_at,
    leasedUntil: row.leased_until,
    completedAt: row.completed_at,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
  };
}

interface CardFields {
  jobId: string;
  queue: string;
  type: string;
  payload: Uint8Array;
  payloadContentType: string;
  priority: number;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  enqueuedAt: string;
  timeoutMs: number;
  orderingKey: string;
  batchId: string;
  labels: Record<string, string>;
}

function cardOf(decoded: unknown): CardFields {
  const c = decoded as Partial<CardFields>;
  return {
    jobId: c.jobId ?? '',
    queue: c.queue ?? '',
    type: c.type ?? '',
    payload: c.payload ?? new Uint8Array(),
    payloadContentType: c.payloadContentType ?? '',
    priority: c.priority ?? 0,
    attempts: c.attempts ?? 0,
    maxAttempts: c.maxAttempts ?? 0,
    runAt: c.runAt ?? '',
    enqueuedAt: c.enqueuedAt ?? '',
    timeoutMs: c.timeoutMs ?? 0,
    orderingKey: c.orderingKey ?? '',
    batchId: c.batchId ?? '',
    labels: { ...(c.labels ?? {}) },
  };
}

function jobOf(card: CardFields, topic: string, partition: number, offset: string, maxAttempts: number): Job {
  let payload: unknown = card.payload;
  if (card.payloadContentType === JSON_TYPE) {
    payload = card.payload.length === 0 ? null : JSON.parse(Buffer.from(card.payload).toString('utf8'));
  }
  return {
    jobId: card.jobId,
    queue: card.queue,
    type: card.type,
    payload,
    payloadContentType: card.payloadContentType,
    priority: card.priority,
    attempts: card.attempts,
    maxAttempts: card.maxAttempts || maxAttempts,
    timeoutMs: card.timeoutMs,
    enqueuedAt: card.enqueuedAt,
    runAt: card.runAt,
    orderingKey: card.orderingKey,
    batchId: card.batchId,
    labels: card.labels,
    topic,
    partition,
    offset,
  };
}

export type QueueModule = ReturnType<typeof createQueue>;

/** The queue module (`bridge.integrations.kafka.module_queue`). */
export function createQueue(options: QueueOptions) {
  const { config, catalog, pool } = options;
  const schema = options.schema ?? 'commercebridge';
  const s = q(schema);
  const topic = catalog.events['job.enqueued'].topic;
  const dlqTopic = dlqTopicOf(topic);
  const groupId = options.groupId ?? config.groupId;
  const defaultQueue = options.queue ?? 'default';
  const retry = {
    maxAttempts: options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    initialDelayMs: options.retry?.initialDelayMs ?? 1000,
    maxDelayMs: options.retry?.maxDelayMs ?? 60_000,
  };
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const outbox: Outbox<ModuleCatalog> = createOutbox({ catalog, schema });
  const codec = createWireCodec(catalog, { mode: 'headers' });
  const kafka = kafkaClient(config, 'queue');

  // Pull-model state: the messages each partition's eachBatch call handed over, in offset order, until
  // every one of them is settled (completed, failed, or skipped as stale). Only then does that call return;
  // offsets are committed as the settled prefix grows, so an unsettled job is redelivered after a crash.
  const partitions = new Map<string, PartitionState>();
  const entryOfJob = new WeakMap<Job, Entry>();
  let changed: () => void = () => {};
  let changeSignal = new Promise<void>((resolve) => {
    changed = resolve;
  });
  const notify = () => {
    const resolve = changed;
    changeSignal = new Promise<void>((r) => {
      changed = r;
    });
    resolve();
  };
  let fetcher: KafkaConsumer | undefined;
  let starting: Promise<void> | undefined;
  let stopping = false;
  let producer: Producer | undefined;
  const workers: Consumer[] = [];

  const dlqProducer = async (): Promise<Producer> => {
    if (!producer) {
      const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await p.connect();
      producer = p;
    }
    return producer;
  };

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
    const jobId = input.jobId ?? randomUUID();
    const priority = publishOptions.priority ?? input.priority ?? 0;
    if (!Number.isInteger(priority) || Math.abs(priority) > 2 ** 31 - 1) {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        `/job/priority must be a 32-bit integer (got "${priority}")`,
      );
    }
    const maxAttempts = input.maxAttempts ?? retry.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        `/job/maxAttempts must be an integer >= 1 (got "${maxAttempts}")`,
      );
    }
    const isBytes = input.payload instanceof Uint8Array;
    const payload = isBytes
      ? (input.payload as Uint8Array)
      : Buffer.from(JSON.stringify(input.payload ?? null), 'utf8');
    const runAt = runAtOption ?? (delay ? new Date(Date.now() + delay) : undefined);
    const card: CardFields = {
      jobId,
      queue: input.queue ?? defaultQueue,
      type: input.type,
      payload,
      payloadContentType: input.payloadContentType ?? (isBytes ? 'application/octet-stream' : JSON_TYPE),
      priority,
      attempts: 0,
      maxAttempts,
      runAt: runAt ? runAt.toISOString() : '',
      enqueuedAt: new Date().toISOString(),
      timeoutMs: input.timeoutMs ?? 0,
      orderingKey: input.orderingKey ?? '',
      batchId: input.batchId ?? '',
      labels: input.labels ?? {},
    };
    return inTransaction(pool, publishOptions.tx, 'publishJob', async (executor) => {
      // The status row and the event are written in the same transaction: both exist or neither does.
      const { rows } = await executor.query(
        `insert into ${s}.module_jobs (job_id, queue, type, priority, status, attempts, max_attempts, run_at)
         values ($1, $2, $3, $4, 'pending', 0, $5, $6) on conflict (job_id) do nothing returning job_id`,
        [jobId, card.queue, card.type, priority, maxAttempts, runAt ?? null],
      );
      if (rows.length === 0) return { jobId, status: 'duplicate' as const };
      const result = await outbox.publish(executor, 'job.enqueued', card, runAt ? { runAt } : {});
      return {
        jobId,
        status: result.status === 'scheduled' ? ('scheduled' as const) : ('enqueued' as const),
      };
    });
  }

  async function jobRows(ids: string[]): Promise<Map<string, JobRow>> {
    if (ids.length === 0) return new Map();
    const { rows } = await pool
      .query<JobRow>(`select * from ${s}.module_jobs where job_id = any($1)`, [ids])
      .catch((error: unknown) => {
        throw databaseError('fetchBatch: read job status', error);
      });
    return new Map(rows.map((row) => [row.job_id, row]));
  }

  /** A job whose row says it is done, or whose card is older than the row's attempt, is skipped. */
  function isStale(row: JobRow | undefined, card: CardFields): boolean {
    if (!row) return false;
    return row.status === 'completed' || row.status === 'dead' || row.attempts > card.attempts;
  }

  function settledPrefix(state: PartitionState): Entry | undefined {
    let last: Entry | undefined;
    for (const entry of state.entries) {
      if (entry.state !== 'settled') break;
      last = entry;
    }
    return last;
  }

  async function startFetcher(): Promise<void> {
    const consumer = kafka.consumer({
      groupId,
      readUncommitted: false,
      maxWaitTimeInMs: 200,
      sessionTimeout: 30_000,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // Resolves on the first join; a crash before it (broker unreachable, no access to the group) rejects,
    // so fetchBatch fails instead of waiting forever.
    const joinedPromise = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
      consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 64,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale: batchIsStale, resolveOffset }) => {
        const stateKey = `${batch.topic}/${batch.partition}`;
        const state: PartitionState = { topic: batch.topic, partition: batch.partition, entries: [] };
        const decodedRows: Array<{ entry: Entry; card: CardFields }> = [];
        for (const message of batch.messages) {
          const headers = headerStrings(message.headers);
          const entryBase = {
            partition: state,
            offset: BigInt(message.offset),
            value: message.value,
            headers,
            key: message.key ? message.key.toString('utf8') : null,
            timestamp: message.timestamp,
            leasedUntil: 0,
          };
          let card: CardFields;
          try {
            if (!message.value) throw new Error('a tombstone is not a job');
            const decoded = await codec.fromWire(message.value, headers);
            if (decoded.type !== 'job.enqueued') throw new Error(`event type ${decoded.type} is not a job`);
            card = cardOf(decoded.payload);
          } catch (error) {
            // Undecodable: straight to the DLQ, like createConsumer does (attempts 0 = never ran).
            const entry: Entry = { ...entryBase, job: undefined as never, state: 'settled' };
            await sendToDlq(entry, 'CONSUMER_UNDECODABLE', (error as Error).message, 0, new Date());
            state.entries.push(entry);
            continue;
          }
          const job = jobOf(card, batch.topic, batch.partition, message.offset, retry.maxAttempts);
          const entry: Entry = { ...entryBase, job, state: 'ready' };
          entryOfJob.set(job, entry);
          state.entries.push(entry);
          decodedRows.push({ entry, card });
        }
        const rows = await jobRows(decodedRows.map((d) => d.card.jobId));
        for (const { entry, card } of decodedRows) {
          if (isStale(rows.get(card.jobId), card)) entry.state = 'settled';
        }
        partitions.set(stateKey, state);
        notify();
        let committed: bigint | undefined;
        try {
          for (;;) {
            const last = settledPrefix(state);
            if (last && (committed === undefined || last.offset > committed)) {
              resolveOffset(last.offset.toString());
              await consumer.commitOffsets([
                { topic: batch.topic, partition: batch.partition, offset: (last.offset + 1n).toString() },
              ]);
              committed = last.offset;
            }
            if (state.entries.every((e) => e.state === 'settled')) return;
            // A revoked partition or a stopping consumer: leave the rest to the next owner (redelivered).
            if (!isRunning() || batchIsStale() || stopping) return;
            await reconcile(state);
            await heartbeat();
            await Promise.race([changeSignal, new Promise((resolve) => setTimeout(resolve, 500))]);
          }
        } finally {
          if (partitions.get(stateKey) === state) partitions.delete(stateKey);
          for (const entry of state.entries) if (entry.state !== 'settled') entry.state = 'settled';
        }
      },
    });
    try {
      await joinedPromise;
    } catch (error) {
      await consumer.disconnect().catch(() => {});
      throw error;
    }
    fetcher = consumer;
  }

  /**
   * Leases that ran out make their jobs available again; jobs completed in a caller's transaction are
   * settled once that transaction's row is visible (or handed out again if it rolled back and the lease ran out).
   */
  async function reconcile(state: PartitionState): Promise<void> {
    const now = Date.now();
    const completing = state.entries.filter((e) => e.state === 'completing');
    if (completing.length > 0) {
      const rows = await jobRows(completing.map((e) => e.job.jobId));
      for (const entry of completing) {
        const row = rows.get(entry.job.jobId);
        if (row && (row.status === 'completed' || row.status === 'dead')) {
          entry.state = 'settled';
        } else if (entry.leasedUntil < now) entry.state = 'ready';
      }
    }
    for (const entry of state.entries) {
      if (entry.state === 'leased' && entry.leasedUntil < now) entry.state = 'ready';
    }
  }

  async function ensureFetcher(): Promise<void> {
    if (fetcher) return;
    if (stopping) throw new ModuleError('MODULE_NOT_STARTED', 'the queue module is stopped');
    starting ??= startFetcher().catch((cause: unknown) => {
      starting = undefined;
      throw new ModuleError('MODULE_KAFKA', `queue fetcher could not start: ${(cause as Error).message}`, {
        cause,
        retriable: true,
      });
    });
    await starting;
  }

  function available(): Entry[] {
    const now = Date.now();
    const out: Entry[] = [];
    for (const state of partitions.values()) {
      for (const entry of state.entries) {
        if (entry.state === 'ready' || (entry.state === 'leased' && entry.leasedUntil < now)) out.push(entry);
      }
    }
    // Highest priority first; among equals, per partition in offset order (so an ordering key keeps its order).
    return out.sort(
      (a, b) =>
        b.job.priority - a.job.priority ||
        a.partition.partition - b.partition.partition ||
        (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0),
    );
  }

  /**
   * Up to `max` leased jobs: waits up to `waitMs` (Default: KAFKA_BATCH_TIMEOUT_MS) for a first one. Starts the
   * fetcher (a read_committed consumer of the group) on first use.
   */
  async function fetchBatch(
    max: number = config.maxBatchSize,
    fetchOptions: { waitMs?: number } = {},
  ): Promise<Job[]> {
    if (!Number.isInteger(max) || max < 1) {
      throw new ModuleError('MODULE_INVALID_INPUT', `/fetchBatch/max must be an integer >= 1 (got "${max}")`);
    }
    await ensureFetcher();
    const deadline = Date.now() + (fetchOptions.waitMs ?? config.batchTimeoutMs);
    for (;;) {
      const chosen = available().slice(0, max);
      if (chosen.length > 0) {
        const now = Date.now();
        for (const entry of chosen) {
          entry.state = 'leased';
          entry.leasedUntil = now + (entry.job.timeoutMs || leaseMs);
        }
        const { rows } = await pool
          .query<{ job_id: string }>(
            `update ${s}.module_jobs j set status = 'processing', updated_at = now(),
                    leased_until = now() + make_interval(secs => l.lease_ms::double precision / 1000)
               from unnest($1::text[], $2::int[], $3::int[]) as l(job_id, attempts, lease_ms)
              where j.job_id = l.job_id and j.attempts = l.attempts
                and j.status in ('pending', 'processing', 'failed')
             returning j.job_id`,
            [
              chosen.map((e) => e.job.jobId),
              chosen.map((e) => e.job.attempts),
              chosen.map((e) => e.job.timeoutMs || leaseMs),
            ],
          )
          .catch((error: unknown) => {
            for (const entry of chosen) entry.state = 'ready';
            throw databaseError('fetchBatch: lease jobs', error);
          });
        const leased = new Set(rows.map((r) => r.job_id));
        // A job without a row (enqueued by another producer) is leased too: complete() creates its row. A row
        // that refused the lease is finished, or belongs to a newer attempt: this message is stale.
        const refused = await jobRows(chosen.filter((e) => !leased.has(e.job.jobId)).map((e) => e.job.jobId));
        const jobs: Job[] = [];
        for (const entry of chosen) {
          if (leased.has(entry.job.jobId) || !refused.has(entry.job.jobId)) jobs.push(entry.job);
          else entry.state = 'settled'; // completed or dead meanwhile (a duplicate delivery)
        }
        notify();
        if (jobs.length > 0) return jobs;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return [];
      await Promise.race([changeSignal, new Promise((resolve) => setTimeout(resolve, Math.min(left, 250)))]);
    }
  }

  function fetchedEntry(job: Job, operation: string): Entry {
    // A settled entry is still accepted: after a rebalance the worker may finish a job whose partition moved;
    // the row's guard (attempts, status) keeps the outcome single, the new owner skips its copy as stale.
    const entry = entryOfJob.get(job);
    if (!entry) {
      throw new ModuleError(
        'MODULE_JOB_NOT_LEASED',
        `${operation}: job ${job?.jobId} was not fetched by this queue module (pass the Job object fetchBatch returned)`,
      );
    }
    return entry;
  }

  /**
   * Records completion exactly once: the status row moves to 'completed' only from the attempt that is live,
   * in `tx` (with the worker's own writes) or in a transaction of its own. Returns false for a duplicate.
   */
  async function complete(job: Job, completeOptions: { tx?: Transaction } = {}): Promise<boolean> {
    const entry = entryOfJob.get(job);
    const done = await inTransaction(pool, completeOptions.tx, 'complete', async (executor) => {
      const { rows } = await executor.query(
        `insert into ${s}.module_jobs as j (job_id, queue, type, priority, status, attempts, max_attempts, completed_at)
         values ($1, $3, $4, $5, 'completed', $2, $6, now())
         on conflict (job_id) do update set status = 'completed', completed_at = now(), updated_at = now(),
                leased_until = null
          where j.attempts = $2 and j.status in ('pending', 'processing', 'failed')
         returning j.job_id`,
        [job.jobId, job.attempts, job.queue, job.type, job.priority, job.maxAttempts],
      );
      return rows.length > 0;
    });
    if (entry && entry.state !== 'settled') {
      // In the caller's transaction the row is not visible before its commit: settle once it is.
      entry.state = completeOptions.tx ? 'completing' : 'settled';
      notify();
    }
    return done;
  }

  async function sendToDlq(
    entry: Entry,
    code: string,
    message: string,
    attempts: number,
    firstFailure: Date,
    retriable = false,
  ) {
    const p = await dlqProducer();
    const now = new Date().toISOString();
    await p.send({
      topic: dlqTopic,
      acks: -1,
      messages: [
        {
          key: entry.key,
          value: entry.value,
          headers: {
            ...entry.headers,
            [DLQ_HEADERS.errorCode]: code,
            [DLQ_HEADERS.errorMessage]: message.slice(0, 4000),
            [DLQ_HEADERS.errorRetriable]: String(retriable),
            [DLQ_HEADERS.attempts]: String(attempts),
            [DLQ_HEADERS.originalTopic]: entry.partition.topic,
            [DLQ_HEADERS.originalPartition]: String(entry.partition.partition),
            [DLQ_HEADERS.originalOffset]: entry.offset.toString(),
            [DLQ_HEADERS.originalTimestamp]: entry.timestamp,
            [DLQ_HEADERS.consumerGroup]: groupId,
            [DLQ_HEADERS.firstFailureAt]: firstFailure.toISOString(),
            [DLQ_HEADERS.lastFailureAt]: now,
          },
        },
      ],
    });
  }

  /**
   * A failed attempt: retried later (re-published through the outbox with attempts + 1 and a backoff delay)
   * while attempts remain and the error is not marked `retriable: false`; else dead: the job goes to
   * `<queue topic>.dlq` with the reason and its row to 'dead'.
   */
  async function fail(job: Job, error: unknown): Promise<FailResult> {
    const entry = fetchedEntry(job, 'fail');
    const err = error as { message?: unknown; code?: unknown; retriable?: unknown } | undefined;
    const message = typeof err?.message === 'string' ? err.message : String(error);
    const code = typeof err?.code === 'string' ? err.code : 'JOB_FAILED';
    const attempts = job.attempts + 1;
    const fatal = err?.retriable === false;
    const result = await failAttempt(job, attempts, code, message, fatal, async (firstFailure) => {
      // Retriable = the error itself was (the attempts ran out), for a redrive decision.
      await sendToDlq(entry, code, message, attempts, firstFailure, !fatal);
    });
    entry.state = 'settled';
    notify();
    return result;
  }

  async function failAttempt(
    job: Job,
    attempts: number,
    code: string,
    message: string,
    fatal: boolean,
    toDlq: (firstFailure: Date) => Promise<void>,
  ): Promise<FailResult> {
    if (!fatal && attempts < job.maxAttempts) {
      const delayMs = backoffDelay(attempts, retry.initialDelayMs, retry.maxDelayMs);
      const runAt = new Date(Date.now() + delayMs);
      const retried = await inTransaction(pool, undefined, 'fail', async (executor) => {
        const { rows } = await executor.query(
          `update ${s}.module_jobs set status = 'failed', attempts = $2, run_at = $3, updated_at = now(),
                  leased_until = null, first_failed_at = coalesce(first_failed_at, now()),
                  last_error = $4, last_error_code = $5
            where job_id = $1 and attempts = $6 and status in ('pending', 'processing', 'failed')
           returning job_id`,
          [job.jobId, attempts, runAt, message, code, job.attempts],
        );
        if (rows.length === 0) return false;
        await outbox.publish(
          executor,
          'job.enqueued',
          {
            ...cardOfJob(job),
            attempts,
            runAt: runAt.toISOString(),
          },
          { runAt },
        );
        return true;
      });
      return retried ? { status: 'retrying', attempts, delayMs } : { status: 'stale', attempts };
    }
    const { rows } = await pool
      .query<{ first_failed_at: Date | null; status: JobStatus; attempts: number }>(
        `select first_failed_at, status, attempts from ${s}.module_jobs where job_id = $1`,
        [job.jobId],
      )
      .catch((e: unknown) => {
        throw databaseError('fail: read job', e);
      });
    const row = rows[0];
    if (row && (row.attempts !== job.attempts || row.status === 'completed' || row.status === 'dead')) {
      return { status: 'stale', attempts };
    }
    // DLQ first, then the row: a crash in between writes the DLQ entry again on redelivery (at least once),
    // never loses it.
    await toDlq(row?.first_failed_at ?? new Date());
    await pool
      .query(
        `update ${s}.module_jobs set status = 'dead', attempts = $2, updated_at = now(), leased_until = null,
                first_failed_at = coalesce(first_failed_at, now()), last_error = $3, last_error_code = $4
          where job_id = $1 and attempts = $5 and status in ('pending', 'processing', 'failed')`,
        [job.jobId, attempts, message, code, job.attempts],
      )
      .catch((e: unknown) => {
        throw databaseError('fail: mark dead', e);
      });
    return { status: 'dead', attempts };
  }

  function cardOfJob(job: Job): CardFields {
    const payload =
      job.payloadContentType === JSON_TYPE
        ? Buffer.from(JSON.stringify(job.payload), 'utf8')
        : (job.payload as Uint8Array);
    return {
      jobId: job.jobId,
      queue: job.queue,
      type: job.type,
      payload,
      payloadContentType: job.payloadContentType,
      priority: job.priority,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      runAt: job.runAt,
      enqueuedAt: job.enqueuedAt,
      timeoutMs: job.timeoutMs,
      orderingKey: job.orderingKey,
      batchId: job.batchId,
      labels: job.labels,
    };
  }

  async function status(jobId: string): Promise<JobRecord | undefined> {
    const rows = await jobRows([jobId]);
    const row = rows.get(jobId);
    return row ? toRecord(row) : undefined;
  }

  async function list(
    filter: { status?: JobStatus; queue?: string; limit?: number } = {},
  ): Promise<JobRecord[]> {
    const { rows } = await pool
      .query<JobRow>(
        `select * from ${s}.module_jobs
          where ($1::text is null or status = $1) and ($2::text is null or queue = $2)
          order by updated_at desc limit $3`,
        [filter.status ?? null, filter.queue ?? null, filter.limit ?? 100],
      )
      .catch((e: unknown) => {
        throw databaseError('list jobs', e);
      });
    return rows.map(toRecord);
  }

  async function counts(queue?: string): Promise<Record<JobStatus, number>> {
    const { rows } = await pool
      .query<{ status: JobStatus; n: number }>(
        `select status, count(*)::int as n from ${s}.module_jobs where ($1::text is null or queue = $1) group by status`,
        [queue ?? null],
      )
      .catch((e: unknown) => {
        throw databaseError('count jobs', e);
      });
    const out: Record<JobStatus, number> = { pending: 0, processing: 0, completed: 0, failed: 0, dead: 0 };
    for (const row of rows) out[row.status] = row.n;
    return out;
  }

  /**
   * Push model: typed handlers per job type on createConsumer (inbox dedup, in-process retries with backoff,
   * DLQ). The status row is completed in the inbox transaction; failures are recorded on the row.
   */
  function createWorker(workerOptions: WorkerOptions): Consumer {
    const consumerRetry = {
      maxAttempts: retry.maxAttempts,
      initialDelayMs: retry.initialDelayMs,
      maxDelayMs: retry.maxDelayMs,
    };
    const consumer = createConsumer({
      catalog,
      groupId: workerOptions.groupId ?? groupId,
      topics: [topic],
      pool,
      schema,
      brokers: config.brokers,
      clientId: `${config.clientId}-worker`,
      codec,
      partitionsConsumedConcurrently: workerOptions.concurrency ?? 1,
      maxBatchSize: config.maxBatchSize,
      retry: consumerRetry,
      logger: options.logger,
      handlers: {
        'job.enqueued': async (payload, ctx) => {
          const card = cardOf(payload);
          const job = jobOf(card, ctx.topic, ctx.partition, ctx.offset, retry.maxAttempts);
          const { rows } = await ctx.client.query<JobRow>(
            `select * from ${s}.module_jobs where job_id = $1`,
            [job.jobId],
          );
          // In-process retries keep the card's attempts, so only a finished row makes the message stale here.
          if (rows[0] && (rows[0].status === 'completed' || rows[0].status === 'dead')) return;
          const handler = workerOptions.handlers[job.type];
          try {
            if (!handler) {
              throw new ModuleError('MODULE_INVALID_INPUT', `no handler for job type "${job.type}"`, {
                retriable: false,
              });
            }
            await handler(job, ctx);
          } catch (error) {
            const err = error as { message?: unknown; code?: unknown; retriable?: unknown };
            const last = err?.retriable === false || ctx.attempt >= consumerRetry.maxAttempts;
            // Its own connection: the inbox transaction's savepoint is rolled back with the failure.
            await pool
              .query(
                `update ${s}.module_jobs set status = $2, attempts = $3, updated_at = now(),
                        first_failed_at = coalesce(first_failed_at, now()), last_error = $4, last_error_code = $5
                  where job_id = $1 and status not in ('completed', 'dead')`,
                [
                  job.jobId,
                  last ? 'dead' : 'failed',
                  job.attempts + ctx.attempt,
                  typeof err?.message === 'string' ? err.message : String(error),
                  typeof err?.code === 'string' ? err.code : 'JOB_FAILED',
                ],
              )
              .catch(() => {});
            throw error;
          }
          await ctx.client.query(
            `insert into ${s}.module_jobs as j (job_id, queue, type, priority, status, attempts, max_attempts, completed_at)
             values ($1, $2, $3, $4, 'completed', $5, $6, now())
             on conflict (job_id) do update set status = 'completed', completed_at = now(), updated_at = now()`,
            [job.jobId, job.queue, job.type, job.priority, job.attempts, job.maxAttempts],
          );
        },
      },
    });
    workers.push(consumer);
    return consumer;
  }

  /** Jobs the fetcher holds and has not settled (for tests and metrics). */
  function buffered(): number {
    let n = 0;
    for (const state of partitions.values()) n += state.entries.filter((e) => e.state !== 'settled').length;
    return n;
  }

  async function stop(): Promise<void> {
    stopping = true;
    notify();
    await Promise.all(workers.map((w) => w.stop()));
    if (starting) await starting.catch(() => {});
    await fetcher?.disconnect();
    await producer?.disconnect();
    fetcher = undefined;
    producer = undefined;
  }

  return {
    topic,
    dlqTopic,
    groupId,
    publishJob,
    fetchBatch,
    complete,
    fail,
    status,
    list,
    counts,
    createWorker,
    buffered,
    /** Starts the pull fetcher now instead of on the first fetchBatch. */
    start: ensureFetcher,
    stop,
  };
}
