import { wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { quoteIdent, validateInteger, validateSchema } from '../options.ts';
import type { SlotBacklog } from '../types.ts';

export interface OutboxBacklogOptions {
  schema?: string;
  slotCount: number;
}

/** Count and age of the oldest unpublished event, for every slot 0..slotCount-1 (zero rows included). */
export async function outboxBacklog(tx: Transaction, options: OutboxBacklogOptions): Promise<SlotBacklog[]> {
  const executor = toExecutor(tx);
  const schema = validateSchema('/outboxBacklog/schema', options.schema);
  const slotCount = validateInteger('/outboxBacklog/slotCount', options.slotCount, 1, 1024);
  const text =
    'select s.slot, coalesce(b.unpublished, 0)::int as unpublished, ' +
    '(extract(epoch from (clock_timestamp() - b.oldest)) * 1000)::float8 as oldest_age_ms ' +
    'from generate_series(0, $1::int - 1) as s(slot) left join (' +
    'select bucket % $1::int as slot, count(*) as unpublished, min(occurred_at) as oldest ' +
    `from ${quoteIdent(schema)}.events where published_at is null group by 1` +
    ') b on b.slot = s.slot order by s.slot';
  try {
    const { rows } = await executor.query<{
      slot: number;
      unpublished: number;
      oldest_age_ms: number | null;
    }>(text, [slotCount]);
    return rows.map((row) => ({
      slot: row.slot,
      unpublished: row.unpublished,
      oldestAgeMs: row.oldest_age_ms === null ? null : Math.max(0, Math.round(row.oldest_age_ms)),
    }));
  } catch (error) {
    throw wrapDatabaseError('outboxBacklog', error);
  }
}
