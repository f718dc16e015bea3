// The columns of a job's row as statements return them, and the status a row reads as.
import type { JobStatus } from '../sql.ts';

export interface JobRow {
  job_id: string;
  /** Enqueue order (text: a bigint). */
  seq: string;
  queue: string;
  type: string;
  priority: number;
  status: Exclude<JobStatus, 'scheduled'>;
  attempts: number;
  max_attempts: number;
  run_at: Date | null;
  enqueued_at: Date;
  updated_at: Date;
  holder: string | null;
  leased_at: Date | null;
  leased_until: Date | null;
  completed_at: Date | null;
  first_failed_at: Date | null;
  last_error: string | null;
  last_error_code: string | null;
  payload: Buffer;
  payload_content_type: string;
  timeout_ms: number;
  ordering_key: string;
  batch_id: string;
  labels: Record<string, string>;
  result: unknown;
  source_partition: number | null;
  source_offset: string | null;
  /** The row's status as it reads: a pending row whose run_at is ahead is 'scheduled'. */
  shown_status: JobStatus;
}

/** The select list of a job row (table alias `j`). */
export const JOB_COLUMNS = `j.job_id, j.seq::text as seq, j.queue, j.type, j.priority, j.status, j.attempts, j.max_attempts, j.run_at,
  j.enqueued_at, j.updated_at, j.holder, j.leased_at, j.leased_until, j.completed_at, j.first_failed_at, j.last_error,
  j.last_error_code, j.payload, j.payload_content_type, j.timeout_ms, j.ordering_key, j.batch_id, j.labels, j.result,
  j.source_partition, j.source_offset::text as source_offset, ${shownStatus('j')} as shown_status`;

/** SQL for the status a row reads as (alias `alias`). */
export function shownStatus(alias: string): string {
  return `case when ${alias}.status = 'pending' and ${alias}.run_at > now() then 'scheduled' else ${alias}.status end`;
}

/** The guard of every write by a holder: the job is still leased to it, for this attempt, and the lease runs. */
export const HELD_BY = `j.job_id = $1 and j.status = 'processing' and j.holder = $2 and j.attempts = $3
  and j.leased_until >= clock_timestamp()`;
