import { wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { ADVISORY_LOCK_CLASSID } from '../lockBucket.ts';
import { quoteIdent, validateSchema } from '../options.ts';

export interface WriterHorizon {
  /** The highest position handed out so far (committed or not); 0 before the first. */
  lastPosition: number;
  /** Lock buckets whose advisory lock some transaction holds or waits for, read after `lastPosition`. */
  lockedBuckets: number[];
}

/**
 * What lets a relay skip the rows it has already published without ever skipping a late one. Every writer that
 * gives rows new positions (publish, appendToStream, promotion of scheduled rows) takes the lock of the row's
 * bucket before the row gets its position and holds it until its transaction ends. So, read in this order: a
 * row that is not visible yet (its transaction is open) and whose position is at most `lastPosition` belongs
 * to a bucket in `lockedBuckets`; a bucket that is not in it gets only positions above `lastPosition` from now
 * on. The exception is a retry of parked rows, which puts them back with their old positions: a relay slot
 * with parked rows does not rely on the horizon. (The locks of every schema of the database count: the answer
 * can only be more cautious.)
 */
export async function writerHorizon(tx: Transaction, options: { schema?: string }): Promise<WriterHorizon> {
  const executor = toExecutor(tx);
  const schema = validateSchema('/writerHorizon/schema', options.schema);
  try {
    // Two statements, in this order: the sequence first, then the locks.
    const sequence = await executor.query<{ last: string | null }>(
      'select pg_sequence_last_value(pg_get_serial_sequence($1, $2)::regclass)::text as last',
      [`${quoteIdent(schema)}.events`, 'position'],
    );
    const locks = await executor.query<{ bucket: number }>(
      "select distinct objid::int as bucket from pg_locks where locktype = 'advisory' and classid = $1::oid " +
        'and objsubid = 2 and database = (select oid from pg_database where datname = current_database())',
      [ADVISORY_LOCK_CLASSID],
    );
    return {
      lastPosition: Number(sequence.rows[0]?.last ?? 0),
      lockedBuckets: locks.rows.map((row) => row.bucket),
    };
  } catch (error) {
    throw wrapDatabaseError('writerHorizon', error);
  }
}
