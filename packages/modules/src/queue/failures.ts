// Retries and the DLQ: a failed attempt is retried with backoff while attempts remain, else the job is dead and
// its card goes to `<queue topic>.dlq` with the reason. The reaper does the same for leases that ran out.
import { backoffDelay, DLQ_HEADERS } from '@commercebridge/consumers';
import { encodeEvent } from '@commercebridge/schemas';
import { databaseError } from '../errors.ts';
import type { JobRow } from '../sql/jobRow.ts';
import { LEASE_EXPIRED_CODE, lockExpiredLast, requeueExpired } from '../sql/reapLeases.ts';
import { type Holding, lockHeldJob, markDead, retryJob } from '../sql/settleJob.ts';
import { inTransaction } from '../tx.ts';
import { cardOfRow } from './card.ts';
import type { QueueContext } from './context.ts';
import type { FailResult, Job, ReapResult } from './types.ts';

interface DeadLetter {
  row: JobRow;
  code: string;
  message: string;
  /** Whether the error itself was retriable (the attempts ran out), for a redrive decision. */
  retriable: boolean;
}

/**
 * Writes the DLQ entries (acks=all) before the rows are marked dead, with the rows locked: a crash in between
 * writes the entry again on the next attempt (at least once), never loses it.
 */
async function sendToDlq(ctx: QueueContext, letters: DeadLetter[]): Promise<void> {
  if (letters.length === 0) return;
  const producer = await ctx.dlqProducer();
  const now = new Date().toISOString();
  const messages = await Promise.all(
    letters.map(async ({ row, code, message, retriable }) => {
      const attempts = row.attempts + 1;
      const { bytes } = encodeEvent(ctx.catalog, 'job.enqueued', cardOfRow(row, attempts));
      const wire = await ctx.codec.toWire('job.enqueued', bytes);
      return {
        key: row.ordering_key || row.job_id,
        value: Buffer.from(wire.value),
        headers: {
          ...wire.headers,
          [DLQ_HEADERS.errorCode]: code,
          [DLQ_HEADERS.errorMessage]: message.slice(0, 4000),
          [DLQ_HEADERS.errorRetriable]: String(retriable),
          [DLQ_HEADERS.attempts]: String(attempts),
          [DLQ_HEADERS.originalTopic]: ctx.topic,
          [DLQ_HEADERS.originalPartition]: row.source_partition === null ? '' : String(row.source_partition),
          [DLQ_HEADERS.originalOffset]: row.source_offset ?? '',
          [DLQ_HEADERS.originalTimestamp]: String(row.enqueued_at.getTime()),
          [DLQ_HEADERS.consumerGroup]: ctx.groupId,
          [DLQ_HEADERS.firstFailureAt]: (row.first_failed_at ?? new Date()).toISOString(),
          [DLQ_HEADERS.lastFailureAt]: now,
        },
      };
    }),
  );
  await producer.send({ topic: ctx.dlqTopic, acks: -1, messages });
}

function describe(error: unknown): { message: string; code: string; fatal: boolean } {
  const err = error as { message?: unknown; code?: unknown; retriable?: unknown } | undefined;
  return {
    message: typeof err?.message === 'string' ? err.message : String(error),
    code: typeof err?.code === 'string' ? err.code : 'JOB_FAILED',
    fatal: err?.retriable === false,
  };
}

export function holding(job: Job): Holding {
  return { jobId: job.jobId, holder: job.holder, attempts: job.attempts };
}

/** Ends the holder's attempt as failed: a retry after a backoff, or dead. 'stale' when not held any more. */
export async function failJob(ctx: QueueContext, job: Job, error: unknown): Promise<FailResult> {
  const { message, code, fatal } = describe(error);
  const attempts = job.attempts + 1;
  if (!fatal && attempts < job.maxAttempts) {
    const delayMs = backoffDelay(attempts, ctx.retry.initialDelayMs, ctx.retry.maxDelayMs);
    const retried = await inTransaction(ctx.pool, undefined, 'fail', (executor) =>
      retryJob(executor, ctx.s, holding(job), { runAt: new Date(Date.now() + delayMs), message, code }),
    );
    return retried ? { status: 'retrying', attempts, delayMs } : { status: 'stale', attempts };
  }
  const dead = await inTransaction(ctx.pool, undefined, 'fail', async (executor) => {
    const row = await lockHeldJob(executor, ctx.s, holding(job));
    if (!row) return false;
    await sendToDlq(ctx, [{ row, code, message, retriable: !fatal }]);
    await markDead(executor, ctx.s, row.job_id, { message, code });
    return true;
  });
  return dead ? { status: 'dead', attempts } : { status: 'stale', attempts };
}

/** Expired leases with attempts left end their attempt and are due again at once. */
export async function requeueExpiredLeases(ctx: QueueContext, limit = 1000): Promise<string[]> {
  const requeued = await requeueExpired(ctx.pool, ctx.s, limit).catch((error: unknown) => {
    throw databaseError('reap expired leases', error);
  });
  if (requeued.length > 0) ctx.wake();
  return requeued;
}

/** Expired leases of last attempts: the DLQ, then `dead` (rows locked in between). */
export async function buryExpiredLastAttempts(ctx: QueueContext, limit = 500): Promise<string[]> {
  return inTransaction(ctx.pool, undefined, 'reap expired last attempts', async (executor) => {
    const rows = await lockExpiredLast(executor, ctx.s, limit);
    const letters = rows.map((row) => ({
      row,
      code: LEASE_EXPIRED_CODE,
      message: `lease expired on the last attempt: held by ${row.holder} until ${row.leased_until?.toISOString()} without completing`,
      retriable: true,
    }));
    await sendToDlq(ctx, letters);
    for (const letter of letters) {
      await markDead(executor, ctx.s, letter.row.job_id, { message: letter.message, code: letter.code });
    }
    return rows.map((row) => row.job_id);
  });
}

/** One reaper pass: expired leases end their attempt; last attempts go to the DLQ. */
export async function reapExpired(ctx: QueueContext): Promise<ReapResult> {
  const requeued = await requeueExpiredLeases(ctx);
  const dead = await buryExpiredLastAttempts(ctx);
  return { requeued, dead };
}
