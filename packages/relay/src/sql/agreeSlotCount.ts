import { type Queryable, quoteIdent } from './ident.ts';

export const SLOT_COUNT_SETTING = 'relay.slot_count';

/**
 * Stores the slot count on first start and returns the stored one: all relays of a schema must agree on it
 * because slot = bucket % N decides which rows a slot (and its Kafka transactional id) owns.
 */
export async function agreeSlotCount(db: Queryable, schema: string, slotCount: number): Promise<number> {
  const s = quoteIdent(schema);
  await db.query(`insert into ${s}.settings (name, value) values ($1, $2) on conflict (name) do nothing`, [
    SLOT_COUNT_SETTING,
    String(slotCount),
  ]);
  const { rows } = await db.query<{ value: string }>(`select value from ${s}.settings where name = $1`, [
    SLOT_COUNT_SETTING,
  ]);
  return Number(rows[0]?.value);
}
