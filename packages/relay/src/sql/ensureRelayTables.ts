import { type Queryable, quoteIdent } from './ident.ts';

/**
 * The relay's own bookkeeping next to the outbox tables: the member table (who is alive, for the fair share
 * of slots) and one relay_slots row per slot. Idempotent, so every relay runs it at start. relay_members is
 * relay-internal and created here rather than in the outbox migrations, which own only the shared tables.
 */
export async function ensureRelayTables(db: Queryable, schema: string, slotCount: number): Promise<void> {
  const s = quoteIdent(schema);
  await db.query(
    `create table if not exists ${s}.relay_members (
       relay_id text primary key,
       expires_at timestamptz not null,
       started_at timestamptz not null default now()
     )`,
  );
  await db.query(
    `insert into ${s}.relay_slots (slot) select generate_series(0, $1::int - 1) on conflict (slot) do nothing`,
    [slotCount],
  );
}
