// The modules' tables and statements. Identifiers are quoted; values are always parameters.
import type pg from 'pg';
import { databaseError } from './errors.ts';

/** Advisory lock class of the modules' DDL (not the outbox's two classids, see docs/contracts.md). */
export const MODULES_LOCK_CLASSID = 0x0cb00e80;

export const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export function q(schema: string): string {
  return `"${schema.replaceAll('"', '""')}"`;
}

/**
 * Creates the modules' tables when missing (idempotent; the outbox tables come from the outbox's migrate()).
 * - jobs: one row per job, written in the transaction that enqueues it, so it exists iff the job does.
 *   `attempts` = attempts made so far = the `attempts` of the job card that is live on Kafka; an older card
 *   redelivered is recognised as stale by it.
 * - logs: the projection of log.written events, for queries; deleted after the retention.
 */
export async function ensureModuleTables(pool: pg.Pool, schema: string): Promise<void> {
  const s = q(schema);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1, 0)', [MODULES_LOCK_CLASSID]);
    await client.query(`
      create table if not exists ${s}.module_jobs (
        job_id text primary key,
        queue text not null,
        type text not null,
        priority int not null default 0,
        status text not null check (status in ('pending', 'processing', 'completed', 'failed', 'dead')),
        attempts int not null default 0,
        max_attempts int not null,
        run_at timestamptz,
        enqueued_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        leased_until timestamptz,
        completed_at timestamptz,
        first_failed_at timestamptz,
        last_error text,
        last_error_code text
      );
      create index if not exists module_jobs_status_idx on ${s}.module_jobs (queue, status, updated_at);
      create table if not exists ${s}.module_logs (
        event_id uuid primary key,
        logged_at timestamptz not null,
        level text not null,
        level_rank smallint not null,
        service text not null,
        category text not null default '',
        host text not null default '',
        message text not null,
        metadata jsonb not null default '{}'
      );
      create index if not exists module_logs_time_idx on ${s}.module_logs (logged_at desc);
      create index if not exists module_logs_service_idx on ${s}.module_logs (service, logged_at desc);
    `);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw databaseError('ensureModuleTables', error);
  } finally {
    client.release();
  }
}
