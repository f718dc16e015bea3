import { quoteIdent } from '@commercebridge/outbox';
import type { Queryable } from './queryable.ts';

/** Which of `tables` exist in `schema` (to_regclass: no error when the schema itself is missing). */
export async function tablesPresent(
  db: Queryable,
  schema: string,
  tables: readonly string[],
): Promise<Set<string>> {
  const { rows } = await db.query<{ name: string; present: boolean }>(
    'select t.name, to_regclass(t.qualified) is not null as present from unnest($1::text[], $2::text[]) as t(name, qualified)',
    [tables, tables.map((table) => `${quoteIdent(schema)}.${quoteIdent(table)}`)],
  );
  return new Set(rows.filter((row) => row.present).map((row) => row.name));
}
