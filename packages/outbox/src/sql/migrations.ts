import { MIGRATION_LOCK_CLASSID } from '../lockBucket.ts';
import { quoteIdent } from '../options.ts';
import type { Executor } from '../types.ts';

/** Serializes migrate() calls on one database, until the end of the caller's transaction. */
export async function lockMigrations(executor: Executor): Promise<void> {
  await executor.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK_CLASSID}, 0)`);
}

export async function ensureMigrationsTable(
  executor: Executor,
  schema: string,
  table: string,
): Promise<void> {
  const name = quoteIdent(schema);
  await executor.query(`create schema if not exists ${name}`);
  await executor.query(
    `create table if not exists ${name}.${quoteIdent(table)} (version integer primary key, name text not null, ` +
      'checksum text not null, applied_at timestamptz not null default now())',
  );
}

export async function appliedMigrations(
  executor: Executor,
  schema: string,
  table: string,
): Promise<Array<{ version: number; name: string; checksum: string }>> {
  const { rows } = await executor.query<{ version: number; name: string; checksum: string }>(
    `select version, name, checksum from ${quoteIdent(schema)}.${quoteIdent(table)} order by version`,
  );
  return rows;
}

export async function recordMigration(
  executor: Executor,
  schema: string,
  table: string,
  migration: { version: number; name: string; checksum: string },
): Promise<void> {
  await executor.query(
    `insert into ${quoteIdent(schema)}.${quoteIdent(table)} (version, name, checksum) values ($1, $2, $3)`,
    [migration.version, migration.name, migration.checksum],
  );
}
