// Joining the caller's transaction, or running in one of our own: the modules write their rows and their
// outbox events through the same executor, so both commit or roll back together.
import { type Executor, fromDrizzle, fromPg, type Transaction } from '@commercebridge/outbox';
import type pg from 'pg';
import { databaseError } from './errors.ts';

/** An executor on the caller's transaction: a pg client, an outbox executor or a Drizzle transaction. */
export function asExecutor(tx: Transaction): Executor {
  const candidate = tx as { query?: unknown; execute?: unknown; inTransaction?: unknown };
  if (typeof candidate.query === 'function' && typeof candidate.inTransaction === 'function') {
    return tx as Executor;
  }
  if (typeof candidate.query === 'function') return fromPg(tx as pg.PoolClient, { prepare: false });
  return fromDrizzle(tx as Parameters<typeof fromDrizzle>[0]);
}

/** Runs `fn` in the caller's transaction when given, else in a transaction of its own on `pool`. */
export async function inTransaction<T>(
  pool: pg.Pool | undefined,
  tx: Transaction | undefined,
  operation: string,
  fn: (executor: Executor) => Promise<T>,
): Promise<T> {
  if (tx !== undefined) return fn(asExecutor(tx));
  if (pool === undefined) {
    throw databaseError(operation, new Error('no transaction given and no pool configured'));
  }
  const client = await pool.connect().catch((error: unknown) => {
    throw databaseError(operation, error);
  });
  try {
    await client.query('begin');
    const result = await fn(fromPg(client, { prepare: false }));
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    // Typed errors (OutboxError, ModuleError) already say what went wrong; only raw driver errors are wrapped.
    if (typeof (error as { retriable?: unknown } | null)?.retriable === 'boolean') throw error;
    throw databaseError(operation, error);
  } finally {
    client.release();
  }
}
