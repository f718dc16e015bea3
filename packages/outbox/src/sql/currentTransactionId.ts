import { wrapDatabaseError } from '../errors.ts';
import type { Executor } from '../types.ts';

/**
 * The id of the current top-level transaction (`txid_current()` assigns one if needed). Used when the driver
 * cannot tell whether the connection is inside a transaction: a later statement guarded by
 * `txid_current() = <this id>` only writes when both statements ran in the same transaction, which is never
 * the case in autocommit (each statement is its own transaction and gets a new id).
 */
export async function currentTransactionId(executor: Executor): Promise<string> {
  try {
    const { rows } = await executor.query<{ xid: string }>('select txid_current()::text as xid');
    return rows[0]!.xid;
  } catch (error) {
    throw wrapDatabaseError('transaction check', error);
  }
}
