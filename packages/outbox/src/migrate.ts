import { createHash } from 'node:crypto';
import { OutboxError, wrapDatabaseError } from './errors.ts';
import { type PgQueryable, toExecutor } from './executor.ts';
import { migrationFiles } from './generated/migrations.ts';
import { quoteIdent, validateSchema } from './options.ts';
import { currentTransactionId } from './sql/currentTransactionId.ts';
import {
  appliedMigrations,
  ensureMigrationsTable,
  lockMigrations,
  recordMigration,
} from './sql/migrations.ts';
import type { Executor } from './types.ts';

const SCHEMA_PLACEHOLDER = '$' + '{schema}';

export interface Migration {
  version: number;
  name: string;
  /** sha256 of the file as shipped (before the schema is substituted). */
  checksum: string;
  sql: string;
}

/** A migration file as shipped: its name (`NNNN_name.sql`) and its text. */
export interface MigrationFile {
  readonly file: string;
  readonly sql: string;
}

/**
 * Migrations in version order (Default: this package's). The .sql files of src/sql/migrations are embedded in
 * the build (src/generated/migrations.ts), so no file is read at run time.
 */
export function listMigrations(files: readonly MigrationFile[] = migrationFiles): Migration[] {
  return files
    .filter(({ file }) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .toSorted((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map(({ file, sql }) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      checksum: createHash('sha256').update(sql).digest('hex'),
      sql,
    }));
}

/** A pool-like object: `connect()` hands out a client that is released afterwards. */
export interface PoolLike {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
}

export interface MigrateOptions {
  /** Migrate inside the caller's transaction (the caller commits). */
  executor?: Executor;
  /** Or: take a connection from this pool and migrate in a transaction of its own. */
  pool?: PoolLike;
  /** Postgres schema of the tables (Default: 'commercebridge'). */
  schema?: string;
}

/**
 * A set of numbered migrations with its own record table, so that another package (the modules) versions its
 * tables with the same mechanism. (Default: the outbox's own migrations, recorded in `migrations`.)
 */
export interface MigrationSet {
  table: string;
  files: readonly MigrationFile[];
}

const OUTBOX_MIGRATIONS: MigrationSet = { table: 'migrations', files: migrationFiles };

export interface MigrateResult {
  schema: string;
  applied: Array<{ version: number; name: string }>;
}

async function migrateIn(executor: Executor, schema: string, set: MigrationSet): Promise<MigrateResult> {
  // Concurrent migrate() calls queue here; the second one then sees the first one's rows and applies nothing.
  await lockMigrations(executor);
  await ensureMigrationsTable(executor, schema, set.table);
  const done = new Map(
    (await appliedMigrations(executor, schema, set.table)).map((row) => [row.version, row]),
  );
  const applied: MigrateResult['applied'] = [];
  for (const migration of listMigrations(set.files)) {
    const previous = done.get(migration.version);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new OutboxError(
          'OUTBOX_MIGRATION',
          `migration ${migration.version}_${migration.name} was changed after it was applied to schema ` +
            `"${schema}": add a new numbered migration instead of editing an applied one`,
        );
      }
      continue;
    }
    // Migration files write the schema as the placeholder ${schema}; it is replaced by the escaped identifier.
    await executor.query(migration.sql.replaceAll(SCHEMA_PLACEHOLDER, quoteIdent(schema)));
    await recordMigration(executor, schema, set.table, migration);
    applied.push({ version: migration.version, name: migration.name });
  }
  return { schema, applied };
}

/**
 * Applies the numbered migrations that are not applied yet, in order, in one transaction. Idempotent; safe to
 * call from many processes at once (an advisory lock serializes them).
 */
export async function migrate(
  options: MigrateOptions,
  set: MigrationSet = OUTBOX_MIGRATIONS,
): Promise<MigrateResult> {
  const schema = validateSchema('/migrate/schema', options.schema);
  if ((options.executor ? 1 : 0) + (options.pool ? 1 : 0) !== 1) {
    throw new OutboxError('OUTBOX_INVALID_OPTION', '/migrate needs exactly one of executor or pool');
  }
  try {
    if (options.executor) {
      const executor = options.executor;
      let inTransaction = executor.inTransaction?.();
      if (inTransaction === undefined) {
        const first = await currentTransactionId(executor);
        inTransaction = first === (await currentTransactionId(executor));
      }
      if (!inTransaction) {
        throw new OutboxError(
          'OUTBOX_NOT_IN_TRANSACTION',
          '/migrate/executor must be inside a transaction (begin first), or pass a pool instead',
        );
      }
      return await migrateIn(executor, schema, set);
    }
    const client = await options.pool!.connect();
    try {
      await client.query('begin');
      const result = await migrateIn(toExecutor(client), schema, set);
      await client.query('commit');
      client.release();
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      client.release(true);
      throw error;
    }
  } catch (error) {
    if (error instanceof OutboxError) throw error;
    throw new OutboxError('OUTBOX_MIGRATION', `migrating schema "${schema}" failed: ${String(error)}`, {
      cause: wrapDatabaseError('migrate', error),
    });
  }
}

export interface MigrationState {
  version: number;
  name: string;
  /** `applied`; `pending`; `changed`: applied, but the shipped file differs from what was applied. */
  state: 'applied' | 'pending' | 'changed';
}

/** Which migrations of a set are applied to `schema`, without changing anything. */
export async function migrationStatus(
  options: { pool: PoolLike; schema?: string },
  set: MigrationSet = OUTBOX_MIGRATIONS,
): Promise<MigrationState[]> {
  const schema = validateSchema('/migrationStatus/schema', options.schema);
  let client: Awaited<ReturnType<PoolLike['connect']>>;
  try {
    client = await options.pool.connect();
  } catch (error) {
    throw wrapDatabaseError('migration status', error);
  }
  try {
    const executor = toExecutor(client);
    const { rows } = await executor.query<{ present: boolean }>(
      'select to_regclass($1) is not null as present',
      [`${quoteIdent(schema)}.${quoteIdent(set.table)}`],
    );
    const done = new Map(
      rows[0]?.present
        ? (await appliedMigrations(executor, schema, set.table)).map((r) => [r.version, r])
        : [],
    );
    return listMigrations(set.files).map((m) => {
      const previous = done.get(m.version);
      const state =
        previous === undefined ? 'pending' : previous.checksum === m.checksum ? 'applied' : 'changed';
      return { version: m.version, name: m.name, state };
    });
  } catch (error) {
    throw wrapDatabaseError('migration status', error);
  } finally {
    client.release();
  }
}
