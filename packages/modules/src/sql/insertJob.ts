import type { Executor } from '@commercebridge/outbox';

export interface NewJob {
  jobId: string;
  queue: string;
  type: string;
  priority: number;
  maxAttempts: number;
  runAt: Date | null;
  payload: Uint8Array;
  payloadContentType: string;
  timeoutMs: number;
  orderingKey: string;
  batchId: string;
  labels: Record<string, string>;
}

/** Inserts a pending job; false when a job with this id exists (nothing is written). */
export async function insertJob(executor: Executor, s: string, job: NewJob): Promise<boolean> {
  const { rows } = await executor.query(
    `insert into ${s}.module_jobs (job_id, queue, type, priority, status, attempts, max_attempts, run_at, payload,
            payload_content_type, timeout_ms, ordering_key, batch_id, labels)
     values ($1, $2, $3, $4, 'pending', 0, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (job_id) do nothing returning job_id`,
    [
      job.jobId,
      job.queue,
      job.type,
      job.priority,
      job.maxAttempts,
      job.runAt,
      Buffer.from(job.payload),
      job.payloadContentType,
      job.timeoutMs,
      job.orderingKey,
      job.batchId,
      JSON.stringify(job.labels),
    ],
  );
  return rows.length > 0;
}

/**
 * Inserts the jobs of cards read from the queue topic that have no row yet (written by other producers), at
 * the attempt the card says; returns the ids inserted. Redelivered cards insert nothing.
 */
export async function ingestJobs(
  executor: Executor,
  s: string,
  jobs: Array<NewJob & { attempts: number; partition: number; offset: string }>,
): Promise<string[]> {
  if (jobs.length === 0) return [];
  const { rows } = await executor.query<{ job_id: string }>(
    `insert into ${s}.module_jobs (job_id, queue, type, priority, status, attempts, max_attempts, run_at, payload,
            payload_content_type, timeout_ms, ordering_key, batch_id, labels, source_partition, source_offset)
     select j.job_id, j.queue, j.type, j.priority, 'pending', j.attempts, j.max_attempts, j.run_at, p.payload,
            j.payload_content_type, j.timeout_ms, j.ordering_key, j.batch_id, j.labels, j.partition, j.off
       from jsonb_to_recordset($1::jsonb) as j(job_id text, queue text, type text, priority int, attempts int,
            max_attempts int, run_at timestamptz, payload_hex text, payload_content_type text, timeout_ms int,
            ordering_key text, batch_id text, labels jsonb, partition int, off bigint)
            cross join lateral (select decode(j.payload_hex, 'hex') as payload) p
     on conflict (job_id) do nothing returning job_id`,
    [
      JSON.stringify(
        jobs.map((job) => ({
          job_id: job.jobId,
          queue: job.queue,
          type: job.type,
          priority: job.priority,
          attempts: job.attempts,
          max_attempts: job.maxAttempts,
          run_at: job.runAt,
          payload_hex: Buffer.from(job.payload).toString('hex'),
          payload_content_type: job.payloadContentType,
          timeout_ms: job.timeoutMs,
          ordering_key: job.orderingKey,
          batch_id: job.batchId,
          labels: job.labels,
          partition: job.partition,
          off: job.offset,
        })),
      ),
    ],
  );
  return rows.map((r) => r.job_id);
}
