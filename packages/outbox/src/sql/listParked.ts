import { wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { quoteIdent, validateInteger, validateSchema } from '../options.ts';
import type { ParkedEvent } from '../types.ts';
import {
  type ParkedFilter,
  type ParkedRow,
  parkedFilterSql,
  parkedFilterValues,
  parkedSelectList,
  toParkedEvent,
  validateParkedFilter,
} from './parkedColumns.ts';

export interface ListParkedOptions extends ParkedFilter {
  schema?: string;
  /** At most this many rows, the lowest positions first. (Default: 1000) */
  limit?: number;
}

/** The parked events that match the filter, in position order (the order a retry publishes them in). */
export async function listParked(tx: Transaction, options: ListParkedOptions = {}): Promise<ParkedEvent[]> {
  const executor = toExecutor(tx);
  const schema = validateSchema('/listParked/schema', options.schema);
  const filter = validateParkedFilter('/listParked', options);
  const limit = validateInteger('/listParked/limit', options.limit ?? 1000, 1, 1_000_000);
  const text =
    `select ${parkedSelectList} from ${quoteIdent(schema)}.events_parked p ` +
    `where ${parkedFilterSql(1)} order by p.position limit $4`;
  try {
    const { rows } = await executor.query<ParkedRow>(text, [...parkedFilterValues(filter), limit]);
    return rows.map(toParkedEvent);
  } catch (error) {
    throw wrapDatabaseError('listParked', error);
  }
}
