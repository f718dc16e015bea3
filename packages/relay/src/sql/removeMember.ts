import { type Queryable, quoteIdent } from './ident.ts';

export async function removeMember(db: Queryable, schema: string, relayId: string): Promise<void> {
  await db.query(`delete from ${quoteIdent(schema)}.relay_members where relay_id = $1`, [relayId]);
}
