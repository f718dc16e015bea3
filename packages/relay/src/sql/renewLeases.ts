import { type Queryable, quoteIdent } from './ident.ts';

/**
 * Extends the leases this relay still holds and returns those slots; a slot missing from the answer was taken
 * by another relay (owner changed), so its worker must stop. A lease that expired but was not taken by anyone
 * is still ours: nobody else initialized its transactional id.
 */
export async function renewLeases(
  db: Queryable,
  schema: string,
  options: { relayId: string; slots: number[]; ttlMs: number },
): Promise<number[]> {
  if (options.slots.length === 0) return [];
  const { rows } = await db.query<{ slot: number }>(
    `update ${quoteIdent(schema)}.relay_slots
        set lease_expires_at = now() + $3 * interval '1 millisecond', updated_at = now()
      where owner = $1 and slot = any($2::int[])
      returning slot`,
    [options.relayId, options.slots, options.ttlMs],
  );
  return rows.map((row) => row.slot);
}
