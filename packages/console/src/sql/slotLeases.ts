import { quoteIdent } from '@commercebridge/outbox';
import type { Queryable } from './queryable.ts';

export interface SlotLeaseRow {
  slot: number;
  owner: string | null;
  lease_live: boolean;
  lease_expires_at: Date | null;
  lease_expires_in_ms: number | null;
  lease_age_ms: number | null;
}

/**
 * Each slot's lease from the relay's relay_slots table, with ages on the database clock (the clock the relays
 * lease with). updated_at moves when a relay takes or renews a lease (and when it gives the slot up).
 */
export async function slotLeases(db: Queryable, schema: string): Promise<SlotLeaseRow[]> {
  const { rows } = await db.query<SlotLeaseRow>(
    `select slot, owner,
            coalesce(owner is not null and lease_expires_at > clock_timestamp(), false) as lease_live,
            lease_expires_at,
            (extract(epoch from (lease_expires_at - clock_timestamp())) * 1000)::float8 as lease_expires_in_ms,
            case when owner is null then null
                 else (extract(epoch from (clock_timestamp() - updated_at)) * 1000)::float8 end as lease_age_ms
       from ${quoteIdent(schema)}.relay_slots
      order by slot`,
  );
  return rows;
}
