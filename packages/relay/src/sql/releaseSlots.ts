import { type Queryable, quoteIdent } from './ident.ts';

/** Gives slots up at once (graceful stop, rebalance), so another relay need not wait for the lease to expire. */
export async function releaseSlots(
  db: Queryable,
  schema: string,
  options: { relayId: string; slots: number[] },
): Promise<void> {
  if (options.slots.length === 0) return;
  await db.query(
    `update ${quoteIdent(schema)}.relay_slots set owner = null, lease_expires_at = null, updated_at = now()
      where owner = $1 and slot = any($2::int[])`,
    [options.relayId, options.slots],
  );
}
