import { type Queryable, quoteIdent } from './ident.ts';

/**
 * Renews this relay's member row and returns the live members in a stable order (the fair share of slots is
 * computed from it). Rows dead for an hour are removed on the way.
 */
export async function heartbeatMember(
  db: Queryable,
  schema: string,
  relayId: string,
  ttlMs: number,
): Promise<string[]> {
  const s = quoteIdent(schema);
  await db.query(
    `insert into ${s}.relay_members (relay_id, expires_at) values ($1, now() + $2 * interval '1 millisecond')
     on conflict (relay_id) do update set expires_at = excluded.expires_at`,
    [relayId, ttlMs],
  );
  await db.query(`delete from ${s}.relay_members where expires_at < now() - interval '1 hour'`);
  const { rows } = await db.query<{ relay_id: string }>(
    `select relay_id from ${s}.relay_members where expires_at > now() order by relay_id`,
  );
  return rows.map((row) => row.relay_id);
}
