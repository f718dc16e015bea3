import { wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { quoteIdent, validateInteger, validateSchema } from '../options.ts';
import type { ClaimedEvent } from '../types.ts';
import { type EventRow, eventSelectList, toClaimedEvent } from './eventColumns.ts';
import { statementName } from './statementName.ts';

export interface ClaimBatchOptions {
  schema?: string;
  slot: number;
  slotCount: number;
  limit: number;
  /**
   * Positions to leave out: rows in flight (sent in a Kafka transaction, not marked yet). Left out in the
   * statement, so the rows after them are read in the same snapshot as a claim from the start would read them.
   */
  exclude?: ReadonlyArray<number>;
  /**
   * Only rows at or above this position. The caller must know that every row of the slot below it is published
   * and that no row below it can still appear (see writerHorizon); the relay keeps such a floor per slot so that
   * the claim does not walk the index entries of rows already published but not vacuumed yet.
   */
  from?: number;
}

/**
 * The unpublished events of one relay slot, in position order. No cursor: every call starts from the oldest
 * unpublished row, so a row whose transaction committed late (with a lower position) is returned by the next
 * call; within a lock bucket it cannot be overtaken (see README, "Ordering").
 */
export async function claimBatch(tx: Transaction, options: ClaimBatchOptions): Promise<ClaimedEvent[]> {
  const executor = toExecutor(tx);
  const schema = validateSchema('/claimBatch/schema', options.schema);
  const slotCount = validateInteger('/claimBatch/slotCount', options.slotCount, 1, 1024);
  const slot = validateInteger('/claimBatch/slot', options.slot, 0, slotCount - 1);
  const limit = validateInteger('/claimBatch/limit', options.limit, 1, 100_000);
  const exclude = options.exclude ?? [];
  const from = options.from ?? 0;
  const values: unknown[] = [slotCount, slot, limit];
  let text =
    `select ${eventSelectList} from ${quoteIdent(schema)}.events ` +
    'where published_at is null and bucket % $1 = $2';
  if (exclude.length > 0) {
    values.push(exclude.map(String));
    // A hashed subplan: a few thousand positions cost one lookup per row, not a scan of the array.
    text += ` and position not in (select unnest($${values.length}::bigint[]))`;
  }
  if (from > 0) {
    values.push(String(from));
    text += ` and position >= $${values.length}::bigint`;
  }
  text += ' order by position limit $3';
  try {
    const { rows } = await executor.query<EventRow>(text, values, {
      name: statementName(text),
    });
    return rows.map(toClaimedEvent);
  } catch (error) {
    throw wrapDatabaseError('claimBatch', error);
  }
}
