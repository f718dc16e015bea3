import { OutboxError } from './errors.ts';
import { currentTransactionId } from './sql/currentTransactionId.ts';
import type { Executor } from './types.ts';

/**
 * How a write proves it runs inside the caller's transaction:
 * - the driver knows (pg's ReadyForQuery status): no extra statement; `null` guard;
 * - otherwise: the current transaction id, which the write statement compares with its own
 *   (`txid_current() = guard`), so in autocommit the write inserts nothing. `confirmGuard` then tells a
 *   write that inserted nothing because of the guard from one that skipped duplicates.
 */
export async function transactionGuard(executor: Executor, operation: string): Promise<string | null> {
  const known = executor.inTransaction?.();
  if (known === true) return null;
  if (known === false) throw notInTransaction(operation);
  return currentTransactionId(executor);
}

export async function confirmGuard(
  executor: Executor,
  guard: string | null,
  operation: string,
): Promise<void> {
  if (guard !== null && (await currentTransactionId(executor)) !== guard) throw notInTransaction(operation);
}

export function notInTransaction(operation: string): OutboxError {
  return new OutboxError(
    'OUTBOX_NOT_IN_TRANSACTION',
    `${operation} must run inside the caller's transaction: call it with a pg client after BEGIN, or with ` +
      'the tx of db.transaction(async (tx) => ...); nothing was written',
  );
}
