import type { SQL } from 'drizzle-orm';
import type { Executor, QueryOptions, QueryResult } from './types.ts';

/** The part of a pg `Client` / `PoolClient` the adapter uses. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
  getTransactionStatus?(): string | null;
}

export interface FromPgOptions {
  /**
   * Use named prepared statements for the package's statements (Default: true): each is parsed and planned
   * once per connection. Turn off behind a pooler that cannot keep prepared statements.
   */
  prepare?: boolean;
}

function statusToInTransaction(status: string | null | undefined): boolean | undefined {
  // 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block (pg's ReadyForQuery status).
  if (status === 'T' || status === 'E') return true;
  if (status === 'I') return false;
  return undefined;
}

/** An executor over a `pg` Client or PoolClient (a Pool works too, but never is inside a transaction). */
export function fromPg(client: PgQueryable, options: FromPgOptions = {}): Executor {
  const prepare = options.prepare ?? true;
  // A Pool hands each query to any connection; pg prepares a named statement on each one it meets.
  return {
    query: async <Row>(text: string, values?: readonly unknown[], queryOptions?: QueryOptions) => {
      const args = values ? [...values] : undefined;
      const result =
        prepare && queryOptions?.name
          ? await client.query({ name: queryOptions.name, text, values: args })
          : await client.query(text, args);
      return result as QueryResult<Row>;
    },
    inTransaction: () =>
      typeof client.getTransactionStatus === 'function'
        ? statusToInTransaction(client.getTransactionStatus())
        : undefined,
  };
}

/**
 * The part of a Drizzle database or transaction (node-postgres driver) the adapter uses. Structural and free of
 * drizzle-orm's types, so that an application without Drizzle needs nothing of it (drizzle-orm is an optional
 * peer dependency). The parameter is `never` so that Drizzle's `execute(query: SQLWrapper | string)` fits.
 */
export interface DrizzleExecutable {
  execute(query: never): Promise<unknown>;
}

type SqlTag = typeof import('drizzle-orm').sql;
let sqlTag: Promise<SqlTag> | undefined;

/** drizzle-orm's `sql`, loaded from the application's own drizzle-orm the first time a Drizzle transaction is used. */
function loadSqlTag(): Promise<SqlTag> {
  sqlTag ??= import('drizzle-orm').then(
    (drizzle) => drizzle.sql,
    (error: unknown) => {
      sqlTag = undefined;
      throw error;
    },
  );
  return sqlTag;
}

/** Splits `$1`-style placeholders into a Drizzle `SQL` with bound parameters. */
function toDrizzleSql(sql: SqlTag, text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    const index = Number(match[1]) - 1;
    chunks.push(sql.raw(text.slice(last, match.index)));
    // sql.param keeps an array one parameter (a template expression would spread it into a list).
    chunks.push(sql`${sql.param(values[index])}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/**
 * An executor over a Drizzle transaction (or database) of the node-postgres driver. Statements go through
 * `tx.execute`, so Drizzle's logger and session see them.
 */
export function fromDrizzle(tx: DrizzleExecutable): Executor {
  return {
    query: async <Row>(text: string, values: readonly unknown[] = []) => {
      const query = toDrizzleSql(await loadSqlTag(), text, values);
      const result = (await (tx as { execute(query: SQL): Promise<unknown> }).execute(query)) as
        | { rows?: Row[] }
        | Row[];
      return { rows: Array.isArray(result) ? result : (result.rows ?? []) };
    },
    inTransaction: () => {
      // Drizzle keeps the pg client of a node-postgres session in `session.client`; it is not public API, so
      // read it defensively and fall back to the SQL check when it is not there.
      const client = (tx as { session?: { client?: PgQueryable } }).session?.client;
      return typeof client?.getTransactionStatus === 'function'
        ? statusToInTransaction(client.getTransactionStatus())
        : undefined;
    },
  };
}

/** What the public functions accept as `tx`: an executor, a pg client, or a Drizzle transaction. */
export type Transaction = Executor | PgQueryable | DrizzleExecutable;

/** Wraps a pg client or a Drizzle transaction; an executor built by `fromPg`/`fromDrizzle` passes through. */
export function toExecutor(tx: Transaction): Executor {
  const candidate = tx as Partial<Executor & DrizzleExecutable>;
  if (typeof candidate.query === 'function' && typeof candidate.inTransaction === 'function')
    return tx as Executor;
  // A Drizzle transaction has `execute`; its `query` is the relational query builder, an object.
  if (typeof candidate.execute === 'function' && typeof candidate.query !== 'function') {
    return fromDrizzle(tx as DrizzleExecutable);
  }
  return fromPg(tx as PgQueryable);
}
