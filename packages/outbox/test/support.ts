import type pg from 'pg';
import { createTestSchema } from '../../../test/support/helpers.ts';
import { migrate } from '../src/index.ts';

/** A fresh schema with the package's migrations applied (dropped when the test passes). */
export async function migratedSchema(pool: pg.Pool): Promise<string> {
  const schema = await createTestSchema(pool, 'outbox');
  await migrate({ pool, schema });
  return schema;
}

/** Row counts of the tables a write could touch, to assert that a failed call left them unchanged. */
export async function tableCounts(pool: pg.Pool, schema: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ events: number; scheduled: number; streams: number }>(
    `select (select count(*) from "${schema}".events)::int as events, ` +
      `(select count(*) from "${schema}".scheduled)::int as scheduled, ` +
      `(select count(*) from "${schema}".streams)::int as streams`,
  );
  return rows[0]!;
}
