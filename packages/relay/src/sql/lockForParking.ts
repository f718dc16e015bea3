import { type Queryable, quoteIdent } from './ident.ts';

/**
 * The first statements of the transaction that parks events: the slot's lease row is locked FOR SHARE while
 * still ours (a relay that lost the slot parks nothing; a new owner's acquisition waits until this transaction
 * ends), then the rows' bucket locks are taken in ascending order, so the parking statement that follows sees
 * every retry of those keys committed before it. Returns false when the lease is not ours.
 */
export async function lockForParking(
  db: Queryable,
  schema: string,
  options: { slot: number; relayId: string; buckets: number[]; lockClassId: number },
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from ${quoteIdent(schema)}.relay_slots where slot = $1 and owner = $2 for share`,
    [options.slot, options.relayId],
  );
  if (rows.length === 0) return false;
  await db.query(
    'select count(pg_advisory_xact_lock($1::int, b)) from ' +
      '(select distinct b from unnest($2::int[]) as u(b) order by b) as ordered_buckets',
    [options.lockClassId, options.buckets],
  );
  return true;
}

/** Whether the outbox migration that adds events_parked (0004) has run on this schema. */
export async function hasParkedTable(db: Queryable, schema: string): Promise<boolean> {
  const { rows } = await db.query<{ found: string | null }>('select to_regclass($1)::text as found', [
    `${quoteIdent(schema)}.events_parked`,
  ]);
  return rows[0]?.found !== null && rows[0]?.found !== undefined;
}
