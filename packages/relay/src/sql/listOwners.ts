import { type Queryable, quoteIdent } from './ident.ts';

/** Current lease of every slot (status, tests). */
export async function listOwners(
  db: Queryable,
  schema: string,
): Promise<{ slot: number; owner: string | null; leaseExpiresAt: Date | null }[]> {
  const { rows } = await db.query<{ slot: number; owner: string | null; lease_expires_at: Date | null }>(
    `select slot, owner, lease_expires_at from ${quoteIdent(schema)}.relay_slots order by slot`,
  );
  return rows.map((row) => ({ slot: row.slot, owner: row.owner, leaseExpiresAt: row.lease_expires_at }));
}
