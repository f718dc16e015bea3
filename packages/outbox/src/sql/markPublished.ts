import { wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { quoteIdent, validateSchema } from '../options.ts';
import { statementName } from './statementName.ts';

export interface MarkPublishedOptions {
  schema?: string;
  positions: ReadonlyArray<number | bigint | string>;
}

/** Marks events published (idempotent: already published rows keep their time). Returns how many changed. */
export async function markPublished(tx: Transaction, options: MarkPublishedOptions): Promise<number> {
  const executor = toExecutor(tx);
  const schema = validateSchema('/markPublished/schema', options.schema);
  if (options.positions.length === 0) return 0;
  const text =
    `update ${quoteIdent(schema)}.events set published_at = now() ` +
    'where position = any($1::bigint[]) and published_at is null returning position';
  try {
    const { rows } = await executor.query(text, [options.positions.map(String)], {
      name: statementName(text),
    });
    return rows.length;
  } catch (error) {
    throw wrapDatabaseError('markPublished', error);
  }
}
