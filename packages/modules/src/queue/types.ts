/**
 * Terminology
 * - job: a unit of work; its row in `module_jobs` is the authority on its state, its card (JobCard) is the
 *   record of its enqueue on the queue topic.
 * - lease: a job handed to one holder until `leased_until` (database clock). Only the holder of a running
 *   lease can complete, fail or extend it; a lease that runs out is ended by the reaper and counts an attempt.
 * - holder: the id of the queue module (worker) that leased the job (`host/pid/random`).
 * - attempt: one lease of a job; `attempts` counts the attempts that ended without completing.
 * - ready set: the due, unleased rows, handed out by priority, then enqueue order.
 */
import type { Transaction } from '@commercebridge/outbox';
import type pg from 'pg';
import type { Registry } from 'prom-client';
import type { JobStatus } from '../sql.ts';

/** What a caller enqueues. `payload` is JSON-encoded unless it is already bytes. */
export interface JobInput {
  /** (Default: a new UUID) A repeated id enqueues nothing (status 'duplicate'). */
  jobId?: string;
  /** Name of the queue (worker pool) the job goes to. (Default: the module's `queue`) */
  queue?: string;
  /** What the worker does, e.g. "engagement.recalculate". */
  type: string;
  payload?: unknown;
  /** (Default: 'application/json', or 'application/octet-stream' for bytes) */
  payloadContentType?: string;
  /** Higher is handed out first, across all partitions and workers. (Default: 0) */
  priority?: number;
  /** Attempts, including the first. (Default: the module's retry.maxAttempts) */
  maxAttempts?: number;
  /** Lease of one attempt, ms. (Default: the module's leaseMs) */
  timeoutMs?: number;
  /** Jobs with one key share a Kafka partition (their cards stay in order on the topic). */
  orderingKey?: string;
  batchId?: string;
  labels?: Record<string, string>;
}

export interface PublishJobOptions {
  /** Join this transaction (pg client, outbox executor or Drizzle transaction); else one of its own. */
  tx?: Transaction;
  /** Hand out no earlier than this many ms from now (status 'scheduled' until then). */
  delay?: number;
  runAt?: Date;
  /** Overrides the input's priority. */
  priority?: number;
}

export interface PublishJobResult {
  jobId: string;
  status: 'enqueued' | 'scheduled' | 'duplicate';
}

/** A job as its holder gets it from fetchBatch. */
export interface Job {
  jobId: string;
  queue: string;
  type: string;
  /** The decoded JSON payload, or the bytes for other content types. */
  payload: unknown;
  payloadContentType: string;
  priority: number;
  /** Attempts that ended without completing before this one (0 on the first). */
  attempts: number;
  maxAttempts: number;
  /** Lease of one attempt in ms (0: the module's leaseMs). */
  timeoutMs: number;
  enqueuedAt: Date;
  runAt: Date | null;
  orderingKey: string;
  batchId: string;
  labels: Record<string, string>;
  /** Who holds this lease (the fetching module's workerId). */
  holder: string;
  /** When the lease began and when it runs out (database clock); extendLease moves leasedUntil. */
  leasedAt: Date;
  leasedUntil: Date;
  /** The queue topic. */
  topic: string;
}

export interface JobRecord {
  jobId: string;
  queue: string;
  type: string;
  priority: number;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  /** When a scheduled job becomes due, or when a failed job is retried. */
  runAt: Date | null;
  enqueuedAt: Date;
  updatedAt: Date;
  /** Set while processing. */
  holder: string | null;
  leasedUntil: Date | null;
  completedAt: Date | null;
  /** What complete(job, { result }) recorded. */
  result: unknown;
  lastError: string | null;
  lastErrorCode: string | null;
}

export interface FailResult {
  /** 'stale': the caller did not hold the job any more (its lease ran out or another holder has it); nothing changed. */
  status: 'retrying' | 'dead' | 'stale';
  /** Attempts made, this one included. */
  attempts: number;
  /** Delay before the next attempt, when retrying. */
  delayMs?: number;
}

export interface CompleteOptions {
  /** Complete in this transaction, with the worker's own writes: both commit or neither does. */
  tx?: Transaction;
  /** JSON result: stored on the row (`result()`) and published as a `job.completed` event through the outbox. */
  result?: unknown;
}

export interface JobResult {
  status: 'completed' | 'dead' | 'cancelled';
  result: unknown;
  lastError: string | null;
}

export interface QueueRetryOptions {
  /** (Default: 5) */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each retry, with jitter. (Default: 1000) */
  initialDelayMs?: number;
  /** (Default: 60000) */
  maxDelayMs?: number;
}

export interface FetchOptions {
  /** How long to wait for a first job. (Default: KAFKA_BATCH_TIMEOUT_MS) */
  waitMs?: number;
  /** (Default: the module's queue) */
  queue?: string;
}

/** What a job handler of createWorker gets besides the job. */
export interface JobContext {
  /** A pg client in the transaction that completes the job: write side effects here. */
  client: pg.PoolClient;
  /** Aborted when the lease is lost (it ran out, or the worker stops). */
  signal: AbortSignal;
  /** Extends the lease (Default: the job's lease length); the worker also does it on its own while the handler runs. */
  extendLease(ms?: number): Promise<Date>;
}

/** Returns the job's result (JSON), or undefined. */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<unknown>;

export interface WorkerOptions {
  /** One handler per job type; a job of another type goes to the DLQ (not retriable). */
  handlers: Record<string, JobHandler>;
  /** Jobs run at once. (Default: 1) */
  concurrency?: number;
  /** (Default: the module's queue) */
  queue?: string;
  /** Renew leases while handlers run, every third of the lease. (Default: true) */
  heartbeat?: boolean;
}

/** A pull loop running handlers: `start`, `stop` (waits for running handlers). */
export interface Worker {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Jobs running now. */
  readonly running: number;
}

export interface ReapResult {
  /** Expired leases handed back (attempt counted). */
  requeued: string[];
  /** Expired last attempts dead-lettered. */
  dead: string[];
}

export interface QueueModule {
  readonly topic: string;
  readonly dlqTopic: string;
  readonly groupId: string;
  /** The default queue name. */
  readonly queue: string;
  /** The holder id of this module's leases. */
  readonly workerId: string;
  /** Prometheus registry with `commercebridge_queue_jobs{queue,status}` (read from the table on each scrape). */
  readonly metrics: Registry;
  publishJob(input: JobInput, options?: PublishJobOptions): Promise<PublishJobResult>;
  /** Up to `max` jobs leased to this module, waiting up to `waitMs` for a first one. */
  fetchBatch(max?: number, options?: FetchOptions): Promise<Job[]>;
  /**
   * Completes a held job. False when it was already completed by this attempt, or (without `tx`) when the
   * lease is not held any more; with `tx`, a lost lease throws MODULE_LEASE_LOST so the caller's transaction
   * rolls back and its side effects are not applied twice.
   */
  complete(job: Job, options?: CompleteOptions): Promise<boolean>;
  /** Ends the attempt: retried with backoff while attempts remain and the error is retriable, else dead (DLQ). */
  fail(job: Job, error: unknown): Promise<FailResult>;
  /** Extends the lease to `ms` (Default: the job's lease length) from now; throws MODULE_LEASE_LOST when lost. */
  extendLease(job: Job, ms?: number): Promise<Date>;
  /** Waits for a job to be completed or dead. Throws MODULE_TIMEOUT after `timeoutMs` (Default: 30000). */
  result(jobId: string, options?: { timeoutMs?: number }): Promise<JobResult>;
  status(jobId: string): Promise<JobRecord | undefined>;
  list(filter?: { status?: JobStatus; queue?: string; limit?: number }): Promise<JobRecord[]>;
  counts(queue?: string): Promise<Record<JobStatus, number>>;
  /** Dead jobs (all of the queue, or these ids) back to pending with their attempts reset. */
  redrive(jobIds?: string[]): Promise<string[]>;
  /** See JobsAdmin.retry. */
  retry(jobIds: readonly string[]): Promise<string[]>;
  /** See JobsAdmin.cancel. */
  cancel(jobIds: readonly string[]): Promise<string[]>;
  /** One pass of the reaper (it also runs on its own every reapIntervalMs once the module started). */
  reap(): Promise<ReapResult>;
  createWorker(options: WorkerOptions): Worker;
  /** Starts the reaper, and the ingester in the background, now instead of on the first fetchBatch. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What an operator does with jobs, from the database alone (no Kafka): the CLI's `jobs` and the console use it. */
export interface JobsAdmin {
  status(jobId: string): Promise<JobRecord | undefined>;
  list(filter?: { status?: JobStatus; queue?: string; limit?: number }): Promise<JobRecord[]>;
  /** Counts by status, per queue. */
  counts(): Promise<Record<string, Record<JobStatus, number>>>;
  /**
   * Back to pending now: dead and cancelled jobs with their attempts reset, failed (waiting for a retry) and
   * scheduled ones keeping theirs. Returns the ids changed (others were running, completed or unknown).
   */
  retry(jobIds: readonly string[]): Promise<string[]>;
  /**
   * Cancels jobs not finished yet (pending, scheduled, failed, processing): they are never handed out again, and
   * a holder still running one finds its lease lost when it completes. Returns the ids changed.
   */
  cancel(jobIds: readonly string[]): Promise<string[]>;
}
