// What the writers committed, recorded by the writers themselves in the same transactions as their events:
// the truth the crash tests compare Kafka against. It does not rely on the outbox's own ordering: the per-key
// sequence comes from a counter row of the key, updated last before COMMIT, so its row lock (held to the end of
// the transaction) orders the writers of one key by commit.

import type pg from 'pg';
import { commercebridge, defineCatalog, protoSources } from '../../packages/schemas/src/index.ts';
import type { ExpectedEvent } from '../support/delivery-check.ts';

/** A catalog with one event type on the test's own topic (the built-in catalog uses fixed topic names). */
export function chaosCatalog(topic: string) {
  return defineCatalog(
    {
      'order.placed': {
        topic,
        message: commercebridge.orders.v1.OrderPlaced,
        key: (p) => p.orderId,
        required: ['orderId'],
      },
    },
    { sources: protoSources },
  );
}

const q = (schema: string): string => `"${schema.replaceAll('"', '""')}"`;

/** Tables of the truth, next to the outbox tables of the test's schema. Created once, before any writer. */
export async function createTruthTables(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`
    create table ${q(schema)}.chaos_keys (key text primary key, seq bigint not null);
    create table ${q(schema)}.chaos_truth (
      event_id uuid primary key,
      key text not null,
      seq bigint not null,
      writer text not null,
      unique (key, seq)
    );`);
}

/** Every committed event with its place in its key's commit order. */
export async function readTruth(pool: pg.Pool, schema: string): Promise<ExpectedEvent[]> {
  const { rows } = await pool.query<{ event_id: string; key: string; seq: string }>(
    `select event_id, key, seq from ${q(schema)}.chaos_truth order by key, seq`,
  );
  return rows.map((row) => ({ eventId: row.event_id, key: row.key, seq: Number(row.seq) }));
}

/**
 * Cross-check of the truth against the outbox itself: the same event ids, each under its key. A writer bug
 * would otherwise look like a relay bug.
 */
export async function truthMatchesOutbox(pool: pg.Pool, schema: string): Promise<string | null> {
  const { rows } = await pool.query<{ only_truth: number; only_events: number; wrong_key: number }>(`
    select
      (select count(*)::int from ${q(schema)}.chaos_truth t
         where not exists (select 1 from ${q(schema)}.events e where e.event_id = t.event_id)) as only_truth,
      (select count(*)::int from ${q(schema)}.events e
         where not exists (select 1 from ${q(schema)}.chaos_truth t where t.event_id = e.event_id)) as only_events,
      (select count(*)::int from ${q(schema)}.events e join ${q(schema)}.chaos_truth t using (event_id)
         where e.partition_key <> t.key) as wrong_key`);
  const row = rows[0]!;
  if (row.only_truth === 0 && row.only_events === 0 && row.wrong_key === 0) return null;
  return `truth and outbox differ: ${row.only_truth} only in the truth, ${row.only_events} only in events, ${row.wrong_key} under another key`;
}

export async function unpublishedCount(pool: pg.Pool, schema: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from ${q(schema)}.events where published_at is null`,
  );
  return rows[0]!.n;
}

export async function committedCount(pool: pg.Pool, schema: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${q(schema)}.chaos_truth`);
  return rows[0]!.n;
}
