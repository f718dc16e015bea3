import { describe, expect, it } from 'vitest';
import { createTestSchema, testPool, withTransaction } from '../../../test/support/helpers.ts';
import { fromPg, listMigrations, migrate, OutboxError } from '../src/index.ts';

async function describeSchema(pool: import('pg').Pool, schema: string): Promise<string> {
  const columns = await pool.query(
    'select table_name, column_name, data_type, is_nullable, column_default, is_identity ' +
      'from information_schema.columns where table_schema = $1 order by table_name, ordinal_position',
    [schema],
  );
  const constraints = await pool.query(
    'select tc.table_name, tc.constraint_name, tc.constraint_type, ' +
      "string_agg(kcu.column_name, ',' order by kcu.ordinal_position) as columns " +
      'from information_schema.table_constraints tc left join information_schema.key_column_usage kcu ' +
      'on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name ' +
      "where tc.table_schema = $1 and tc.constraint_type <> 'CHECK' " +
      'group by 1, 2, 3 order by 1, 2',
    [schema],
  );
  const indexes = await pool.query(
    'select indexname, indexdef from pg_indexes where schemaname = $1 order by indexname',
    [schema],
  );
  const lines = [
    '# columns: table.column type nullable default identity',
    ...columns.rows.map(
      (r) =>
        `${r.table_name}.${r.column_name} ${r.data_type} ${r.is_nullable} ${r.column_default ?? '-'} ${r.is_identity}`,
    ),
    '# constraints',
    ...constraints.rows.map(
      (r) => `${r.table_name} ${r.constraint_name} ${r.constraint_type} (${r.columns ?? ''})`,
    ),
    '# indexes',
    ...indexes.rows.map((r) => `${r.indexname}: ${r.indexdef}`),
  ];
  return `${lines.join('\n').replaceAll(schema, '<schema>')}\n`;
}

describe('migrate', () => {
  it('applies every migration once, in order, and is idempotent', async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'outbox');
    const first = await migrate({ pool, schema });
    expect(first.applied.map((m) => m.version)).toEqual(listMigrations().map((m) => m.version));
    const second = await migrate({ pool, schema });
    expect(second.applied).toEqual([]);
    const { rows } = await pool.query(`select version from "${schema}".migrations order by version`);
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it('is safe when many processes migrate the same schema at once', async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'outbox');
    const results = await Promise.all(Array.from({ length: 6 }, () => migrate({ pool, schema })));
    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, 0, 0, 0, 0, listMigrations().length]);
  });

  it('creates the schema when it does not exist, and migrates inside the caller transaction', async () => {
    const pool = testPool();
    const holder = await createTestSchema(pool, 'outbox');
    // A schema that does not exist yet: created by migrate itself, dropped below.
    const schema = `${holder}_new`;
    try {
      await withTransaction(pool, async (client) => {
        await migrate({ executor: fromPg(client), schema });
      });
      const { rows } = await pool.query(
        'select count(*)::int as n from information_schema.tables where table_schema = $1',
        [schema],
      );
      expect(rows[0].n).toBeGreaterThanOrEqual(6);
    } finally {
      await pool.query(`drop schema if exists "${schema}" cascade`);
    }
  });

  it('refuses a schema name the relay could not serve, before touching the database', async () => {
    const pool = testPool();
    const holder = await createTestSchema(pool, 'outbox');
    for (const schema of [`${holder} "x"`, 'a'.repeat(57)]) {
      await expect(migrate({ pool, schema })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        variable: '/migrate/schema',
      });
      const { rows } = await pool.query('select 1 from information_schema.schemata where schema_name = $1', [
        schema,
      ]);
      expect(rows).toEqual([]);
    }
  });

  it('refuses an executor outside a transaction', async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'outbox');
    const client = await pool.connect();
    try {
      await expect(migrate({ executor: fromPg(client), schema })).rejects.toMatchObject({
        code: 'OUTBOX_NOT_IN_TRANSACTION',
      });
      await expect(migrate({ executor: fromPg(client), schema })).rejects.toBeInstanceOf(OutboxError);
    } finally {
      client.release();
    }
    const { rows } = await pool.query(
      'select count(*)::int as n from information_schema.tables where table_schema = $1',
      [schema],
    );
    expect(rows[0].n).toBe(0);
  });

  it('matches the committed schema snapshot', async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'outbox');
    await migrate({ pool, schema });
    await expect(await describeSchema(pool, schema)).toMatchFileSnapshot('./__snapshots__/schema.txt');
  });
});
