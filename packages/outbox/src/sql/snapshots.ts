import { quoteIdent } from '../options.ts';
import type { Executor } from '../types.ts';
import { statementName } from './statementName.ts';

export async function selectSnapshot(
  executor: Executor,
  options: { schema: string; streamId: string; name: string },
): Promise<{ version: number; state: unknown } | null> {
  const text =
    `select version::text as version, state from ${quoteIdent(options.schema)}.snapshots ` +
    'where stream_id = $1 and name = $2';
  const { rows } = await executor.query<{ version: string; state: unknown }>(
    text,
    [options.streamId, options.name],
    { name: statementName(text) },
  );
  return rows[0] ? { version: Number(rows[0].version), state: rows[0].state } : null;
}

/** Stores a snapshot unless a newer one is already there (concurrent writers keep the highest version). */
export async function upsertSnapshot(
  executor: Executor,
  options: { schema: string; streamId: string; name: string; version: number; state: unknown },
): Promise<void> {
  const table = `${quoteIdent(options.schema)}.snapshots`;
  const text =
    `insert into ${table} as s (stream_id, name, version, state) values ($1, $2, $3, $4::jsonb) ` +
    'on conflict (stream_id, name) do update set version = excluded.version, state = excluded.state, ' +
    'created_at = now() where s.version < excluded.version';
  await executor.query(
    text,
    [options.streamId, options.name, options.version, JSON.stringify(options.state)],
    {
      name: statementName(text),
    },
  );
}
