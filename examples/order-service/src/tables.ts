// The order service's own tables (its read models), next to the framework's. The framework's tables come from
// `commercebridge migrate`; a real service would keep these in its own migrations too.
import { quoteIdent } from '@commercebridge/outbox';
import type pg from 'pg';

export function tableNames(appSchema: string) {
  const s = quoteIdent(appSchema);
  return { schema: s, orders: `${s}.orders`, engagement: `${s}.customer_engagement` };
}

export async function createTables(pool: pg.Pool, appSchema: string): Promise<void> {
  const t = tableNames(appSchema);
  await pool.query(`
    create schema if not exists ${t.schema};
    -- One row per order, kept by the aggregate's inline projection in the append's transaction.
    create table if not exists ${t.orders} (
      order_id text primary key,
      customer_id text not null,
      status text not null,
      total_cents bigint not null,
      version integer not null,
      reason text,
      updated_at timestamptz not null default now()
    );
    -- Written by the engagement.recalculate job in the transaction that completes it.
    create table if not exists ${t.engagement} (
      customer_id text primary key,
      confirmed_orders integer not null,
      spent_cents bigint not null,
      recalculations integer not null default 1,
      recalculated_at timestamptz not null default now()
    );
  `);
}
