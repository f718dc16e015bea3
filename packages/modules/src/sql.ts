// The modules' tables: numbered migrations in sql/migrations, applied with the outbox's migration mechanism and
// recorded in their own table (`module_migrations`), so the two packages version their tables independently.
import { type MigrateResult, type MigrationState, migrate, migrationStatus } from '@commercebridge/outbox';
import type pg from 'pg';
import { databaseError } from './errors.ts';
import { migrationFiles } from './generated/migrations.ts';

/** Statuses stored on a job's row. `scheduled` is not stored: it is a `pending` row whose run_at is ahead. */
export const STORED_JOB_STATUSES = [
  'pending',
  'processing',
  'completed',
  'failed',
  'dead',
  'cancelled',
] as const;
/**
 * What a job's status reads as: `scheduled` (delayed), `pending`, `processing`, `completed`, `failed` (waiting
 * for its retry), `dead` (attempts spent or not retriable), `cancelled` (by an operator).
 */
export const JOB_STATUSES = ['scheduled', ...STORED_JOB_STATUSES] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

// src/sql/migrations/*.sql, embedded in the build (src/generated/migrations.ts): no file is read at run time.
const MODULE_MIGRATIONS = { table: 'module_migrations', files: migrationFiles };

export function q(schema: string): string {
  return `"${schema.replaceAll('"', '""')}"`;
}

/**
 * Applies the modules' migrations (jobs, logs) that are not applied yet; idempotent and safe to run from many
 * processes at once. The outbox's own tables come from the outbox's migrate().
 */
export async function migrateModules(pool: pg.Pool, schema: string): Promise<MigrateResult> {
  try {
    return await migrate({ pool, schema }, MODULE_MIGRATIONS);
  } catch (error) {
    throw databaseError('migrate the module tables', error);
  }
}

/** Which module migrations are applied to `schema`, without changing anything. */
export async function moduleMigrationStatus(pool: pg.Pool, schema: string): Promise<MigrationState[]> {
  return migrationStatus({ pool, schema }, MODULE_MIGRATIONS);
}
