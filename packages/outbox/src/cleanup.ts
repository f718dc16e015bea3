import { OutboxError, wrapDatabaseError } from './errors.ts';
import { type Transaction, toExecutor } from './executor.ts';
import {
  DEFAULT_CLEANUP_BATCH_SIZE,
  validateDurationMs,
  validateInteger,
  validateSchema,
} from './options.ts';
import { deletePublished } from './sql/deletePublished.ts';

export interface CleanupOptions {
  schema?: string;
  /** Delete events published more than this many milliseconds ago. */
  olderThan: number;
  /** Rows per delete statement (Default: 1000). */
  batchSize?: number;
  /** Stop after this many batches (Default: no limit). */
  maxBatches?: number;
}

/**
 * Deletes published events older than `olderThan`, `batchSize` rows per statement, until none is left.
 * Unpublished rows and the events of streams are never deleted. Run it with an executor in autocommit (e.g.
 * `fromPg(pool)`), so each batch commits and holds its row locks only briefly.
 */
export async function cleanup(tx: Transaction, options: CleanupOptions): Promise<{ deleted: number }> {
  const executor = toExecutor(tx);
  const schema = validateSchema('/cleanup/schema', options.schema);
  const olderThan = validateDurationMs('/cleanup/olderThan', options.olderThan);
  const batchSize =
    options.batchSize === undefined
      ? DEFAULT_CLEANUP_BATCH_SIZE
      : validateInteger('/cleanup/batchSize', options.batchSize, 1, 100_000);
  const maxBatches =
    options.maxBatches === undefined
      ? Number.POSITIVE_INFINITY
      : validateInteger('/cleanup/maxBatches', options.maxBatches, 1, Number.MAX_SAFE_INTEGER);
  let deleted = 0;
  try {
    for (let batch = 0; batch < maxBatches; batch++) {
      const count = await deletePublished(executor, { schema, olderThanMs: olderThan, batchSize });
      deleted += count;
      if (count < batchSize) break;
    }
  } catch (error) {
    if (error instanceof OutboxError) throw error;
    throw wrapDatabaseError('cleanup', error);
  }
  return { deleted };
}
