import { type Queryable, quoteIdent } from './ident.ts';

/**
 * Leases up to `limit` slots that are free, expired, or recorded under this relay id by an earlier process
 * (a restart with a fixed RELAY_ID takes its slots back at once instead of waiting for the lease to expire).
 * SKIP LOCKED keeps two relays acquiring at the same moment from taking the same slot.
 */
export async function acquireSlots(
  db: Queryable,
  schema: string,
  options: { relayId: string; held: number[]; limit: number; slotCount: number; ttlMs: number },
): Promise<number[]> {
  if (options.limit <= 0) return [];
  const s = quoteIdent(schema);
  const { rows } = await db.query<{ slot: number }>(
    `with candidates as (
       select slot from ${s}.relay_slots
       where slot < $3
         and (owner is null or lease_expires_at is null or lease_expires_at < now()
              or (owner = $1 and not (slot = any($4::int[]))))
       order by (owner = $1) desc nulls last, slot
       limit $2
       for update skip locked
     )
     update ${s}.relay_slots r
        set owner = $1, lease_expires_at = now() + $5 * interval '1 millisecond', updated_at = now()
       from candidates c
      where r.slot = c.slot
     returning r.slot`,
    [options.relayId, options.limit, options.slotCount, options.held, options.ttlMs],
  );
  return rows.map((row) => row.slot).sort((a, b) => a - b);
}
