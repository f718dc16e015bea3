import { quoteIdent } from '../options.ts';
import type { Executor } from '../types.ts';
import type { EventRow } from './eventColumns.ts';
import { eventSelectList } from './eventColumns.ts';
import { statementName } from './statementName.ts';

/**
 * The events of a stream with stream_version >= fromVersion, in version order, at most maxCount. A parked event
 * (events_parked: the relay could not publish it) is still part of its stream: both tables are read.
 */
export async function selectStreamEvents(
  executor: Executor,
  options: { schema: string; streamId: string; fromVersion: number; maxCount: number | null },
): Promise<EventRow[]> {
  const schema = quoteIdent(options.schema);
  const text =
    `select ${eventSelectList} from ${schema}.events where stream_id = $1 and stream_version >= $2 ` +
    `union all select ${eventSelectList} from ${schema}.events_parked where stream_id = $1 and stream_version >= $2 ` +
    'order by stream_version limit $3';
  const { rows } = await executor.query<EventRow>(
    text,
    [options.streamId, options.fromVersion, options.maxCount],
    { name: statementName(text) },
  );
  return rows;
}
