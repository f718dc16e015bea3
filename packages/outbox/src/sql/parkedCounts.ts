import { wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { quoteIdent, validateInteger, validateSchema } from '../options.ts';

export interface ParkedCountsOptions {
  schema?: string;
  slotCount: number;
}

/** Parked events of every relay slot 0..slotCount-1 (zero rows included). */
export async function parkedCounts(
  tx: Transaction,
  options: ParkedCountsOptions,
): Promise<Array<{ slot: number; parked: number }>> {
  const executor = toExecutor(tx);
  const schema = validateSchema('/parkedCounts/schema', options.schema);
  const slotCount = validateInteger('/parkedCounts/slotCount', options.slotCount, 1, 1024);
  const text =
    'select s.slot, coalesce(p.parked, 0)::int as parked from generate_series(0, $1::int - 1) as s(slot) ' +
    `left join (select bucket % $1::int as slot, count(*) as parked from ${quoteIdent(schema)}.events_parked ` +
    'group by 1) p on p.slot = s.slot order by s.slot';
  try {
    const { rows } = await executor.query<{ slot: number; parked: number }>(text, [slotCount]);
    return rows;
  } catch (error) {
    throw wrapDatabaseError('parkedCounts', error);
  }
}
