import { OutboxError, wrapDatabaseError } from '../errors.ts';
import { type Transaction, toExecutor } from '../executor.ts';
import { quoteIdent, validateBoolean, validateSchema } from '../options.ts';
import {
  type ParkedFilter,
  parkedFilterSql,
  parkedFilterValues,
  validateParkedFilter,
} from './parkedColumns.ts';

export interface PurgeParkedOptions extends ParkedFilter {
  schema?: string;
  /** Every parked row that matches the other conditions; without it, `ids` is required. */
  all?: boolean;
}

export interface PurgeParkedResult {
  /** Deleted: these events will never be published. */
  purged: Array<{ eventId: string; position: number }>;
  /** Kept: events of streams are the event store's history (readStream reads them); retry them instead. */
  kept: Array<{ eventId: string; position: number; streamId: string }>;
}

/**
 * Deletes parked events for good (they are never published). Events of streams are kept: deleting one would
 * remove a version from its stream. A row parked behind a purged one stays parked until it is retried.
 */
export async function purgeParked(tx: Transaction, options: PurgeParkedOptions): Promise<PurgeParkedResult> {
  const executor = toExecutor(tx);
  const schema = quoteIdent(validateSchema('/purgeParked/schema', options.schema));
  const filter = validateParkedFilter('/purgeParked', options);
  const all = validateBoolean('/purgeParked/all', options.all, false);
  if (!all && filter.ids === undefined) {
    throw new OutboxError(
      'OUTBOX_INVALID_OPTION',
      '/purgeParked needs ids (the event ids to purge) or all: true (every parked event that matches code/topic)',
    );
  }
  const text =
    `with purged as (delete from ${schema}.events_parked p where ${parkedFilterSql(1)} and p.stream_id is null ` +
    'returning p.position, p.event_id) ' +
    "select position::text as position, event_id::text as event_id, null::text as stream_id, 'purged'::text as outcome " +
    'from purged union all select p.position::text, p.event_id::text, p.stream_id, ' +
    `'kept' from ${schema}.events_parked p where ${parkedFilterSql(1)} and p.stream_id is not null`;
  try {
    const { rows } = await executor.query<{
      position: string;
      event_id: string;
      stream_id: string | null;
      outcome: 'purged' | 'kept';
    }>(text, parkedFilterValues(filter));
    const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;
    return {
      purged: rows
        .filter((row) => row.outcome === 'purged')
        .map((row) => ({ eventId: row.event_id, position: Number(row.position) }))
        .sort(byPosition),
      kept: rows
        .filter((row) => row.outcome === 'kept')
        .map((row) => ({
          eventId: row.event_id,
          position: Number(row.position),
          streamId: row.stream_id as string,
        }))
        .sort(byPosition),
    };
  } catch (error) {
    throw wrapDatabaseError('purgeParked', error);
  }
}
