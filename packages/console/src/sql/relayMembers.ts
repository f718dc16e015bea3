import { quoteIdent } from '@commercebridge/outbox';
import type { Queryable } from './queryable.ts';

export interface RelayMemberRow {
  relay_id: string;
  alive: boolean;
  started_at: Date;
}

/** The relays' member heartbeats (relay_members, created by the first relay that starts). */
export async function relayMembers(db: Queryable, schema: string): Promise<RelayMemberRow[]> {
  const { rows } = await db.query<RelayMemberRow>(
    `select relay_id, expires_at > clock_timestamp() as alive, started_at
       from ${quoteIdent(schema)}.relay_members
      order by relay_id`,
  );
  return rows;
}
