import { OutboxError, wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { quoteIdent, validateInteger, validateSchema } from '../options.ts';
import { statementName } from './statementName.ts';

export interface ParkedHeadsOptions {
  schema?: string;
  slot: number;
  slotCount: number;
  /** Only these partition keys (Default: every key of the slot with a parked row). */
  keys?: readonly string[];
}

/** The earliest parked row of a partition key. */
export interface ParkedHead {
  partitionKey: string;
  position: number;
  eventId: string;
}

/**
 * For each partition key of a relay slot that has parked rows, its parked row with the lowest position. A row of
 * that key with a higher position must not be published before it (the relay parks it behind).
 */
export async function parkedHeads(tx: Transaction, options: ParkedHeadsOptions): Promise<ParkedHead[]> {
  const executor = toExecutor(tx);
  const schema = validateSchema('/parkedHeads/schema', options.schema);
  const slotCount = validateInteger('/parkedHeads/slotCount', options.slotCount, 1, 1024);
  const slot = validateInteger('/parkedHeads/slot', options.slot, 0, slotCount - 1);
  if (options.keys !== undefined && !Array.isArray(options.keys)) {
    throw new OutboxError('OUTBOX_INVALID_OPTION', '/parkedHeads/keys must be an array of partition keys');
  }
  const text =
    'select distinct on (partition_key) partition_key, position::text as position, event_id::text as event_id ' +
    `from ${quoteIdent(schema)}.events_parked where bucket % $1 = $2 ` +
    'and ($3::text[] is null or partition_key = any($3::text[])) order by partition_key, position';
  try {
    const { rows } = await executor.query<{ partition_key: string; position: string; event_id: string }>(
      text,
      [slotCount, slot, options.keys ? [...options.keys] : null],
      { name: statementName(text) },
    );
    return rows.map((row) => ({
      partitionKey: row.partition_key,
      position: Number(row.position),
      eventId: row.event_id,
    }));
  } catch (error) {
    throw wrapDatabaseError('parkedHeads', error);
  }
}
