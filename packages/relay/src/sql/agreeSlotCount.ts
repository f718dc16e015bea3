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

export const INSTANCE_SETTING = 'relay.instance';

/**
 * The id of this outbox (made on the first relay start, kept in `<schema>.settings`). State records carry it, so
 * a relay never takes positions recorded for another outbox as its own: a database recreated under the same
 * schema name, or two databases pointed at one Kafka cluster, find records in the state topic whose positions
 * name other rows.
 */
export async function outboxInstance(db: Queryable, schema: string): Promise<string> {
  const s = quoteIdent(schema);
  await db.query(
    `insert into ${s}.settings (name, value) values ($1, gen_random_uuid()::text) on conflict (name) do nothing`,
    [INSTANCE_SETTING],
  );
  const { rows } = await db.query<{ value: string }>(`select value from ${s}.settings where name = $1`, [
    INSTANCE_SETTING,
  ]);
  return rows[0]!.value;
}
