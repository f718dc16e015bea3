// Job cards (the queue topic's JobCard message) and the Job a worker gets, both ways.

import type { NewJob } from '../sql/insertJob.ts';
import type { JobRow } from '../sql/jobRow.ts';
import type { Job, JobRecord } from './types.ts';

export const JSON_TYPE = 'application/json';

export interface CardFields {
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
  hasRow: boolean;
}

/** A decoded JobCard with protobuf's defaults filled in. */
export function cardOf(decoded: unknown): CardFields {
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
    hasRow: c.hasRow ?? false,
  };
}

/** The row of a card another producer wrote (defaults: the module's queue and attempts). */
export function newJobOfCard(card: CardFields, defaults: { queue: string; maxAttempts: number }): NewJob {
  const runAt = card.runAt ? new Date(card.runAt) : null;
  return {
    jobId: card.jobId,
    queue: card.queue || defaults.queue,
    type: card.type,
    priority: card.priority,
    maxAttempts: card.maxAttempts || defaults.maxAttempts,
    runAt: runAt && !Number.isNaN(runAt.getTime()) ? runAt : null,
    payload: card.payload,
    payloadContentType: card.payloadContentType || JSON_TYPE,
    timeoutMs: card.timeoutMs,
    orderingKey: card.orderingKey,
    batchId: card.batchId,
    labels: card.labels,
  };
}

function decodePayload(bytes: Uint8Array, contentType: string): unknown {
  if (contentType !== JSON_TYPE) return bytes;
  return bytes.length === 0 ? null : JSON.parse(Buffer.from(bytes).toString('utf8'));
}

/** The job a holder gets from a leased row. */
export function jobOfRow(row: JobRow, topic: string): Job {
  return {
    jobId: row.job_id,
    queue: row.queue,
    type: row.type,
    payload: decodePayload(row.payload, row.payload_content_type),
    payloadContentType: row.payload_content_type,
    priority: row.priority,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    timeoutMs: row.timeout_ms,
    enqueuedAt: row.enqueued_at,
    runAt: row.run_at,
    orderingKey: row.ordering_key,
    batchId: row.batch_id,
    labels: row.labels,
    holder: row.holder ?? '',
    leasedAt: row.leased_at ?? new Date(0),
    leasedUntil: row.leased_until ?? new Date(0),
    topic,
  };
}

/** The card of a row, as written to the DLQ. */
export function cardOfRow(row: JobRow, attempts: number): CardFields {
  return {
    jobId: row.job_id,
    queue: row.queue,
    type: row.type,
    payload: row.payload,
    payloadContentType: row.payload_content_type,
    priority: row.priority,
    attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at ? row.run_at.toISOString() : '',
    enqueuedAt: row.enqueued_at.toISOString(),
    timeoutMs: row.timeout_ms,
    orderingKey: row.ordering_key,
    batchId: row.batch_id,
    labels: row.labels,
    hasRow: true,
  };
}

export function recordOfRow(row: JobRow): JobRecord {
  return {
    jobId: row.job_id,
    queue: row.queue,
    type: row.type,
    priority: row.priority,
    status: row.shown_status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    enqueuedAt: row.enqueued_at,
    updatedAt: row.updated_at,
    holder: row.status === 'processing' ? row.holder : null,
    leasedUntil: row.status === 'processing' ? row.leased_until : null,
    completedAt: row.completed_at,
    result: row.result ?? undefined,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
  };
}
