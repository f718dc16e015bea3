import { quoteIdent } from '../options.ts';
import type { Executor } from '../types.ts';
import type { EventInsert } from './insertEvents.ts';
import { statementName } from './statementName.ts';

export type ExpectedVersion = 'no_stream' | 'any' | number;

/**
 * Bumps the stream's version if it matches the expectation and inserts its events, in one statement. The
 * caller has already taken the stream's bucket lock. Under READ COMMITTED a concurrent append to the same
 * stream blocks on the stream row and then re-checks `version = expected` against the committed row, so
 * exactly one of two appends with the same expectation succeeds. Returns the new version, or null when the
 * expectation did not hold (nothing written).
 */
export async function bumpAndInsert(
  executor: Executor,
  streamId: string,
  expected: ExpectedVersion,
  events: readonly EventInsert[],
  options: { schema: string; guardTransactionId: string | null; notifyChannel: string | null },
): Promise<{ version: number; positions: string[] } | null> {
  const schema = quoteIdent(options.schema);
  const count = events.length;
  let bump: string;
  // Version 0 is the version of a stream that does not exist yet.
  if (expected === 'no_stream' || expected === 0) {
    bump =
      `insert into ${schema}.streams (stream_id, version) select $1, $2::bigint ` +
      'where ($3::bigint is null or txid_current() = $3::bigint) on conflict (stream_id) do nothing ' +
      'returning version';
  } else if (expected === 'any') {
    bump =
      `insert into ${schema}.streams as s (stream_id, version) select $1, $2::bigint ` +
      'where ($3::bigint is null or txid_current() = $3::bigint) on conflict (stream_id) do update ' +
      'set version = s.version + $2::bigint, updated_at = now() returning version';
  } else {
    bump =
      `update ${schema}.streams set version = version + $2::bigint, updated_at = now() ` +
      'where stream_id = $1 and version = $4::bigint and ($3::bigint is null or txid_current() = $3::bigint) ' +
      'returning version';
  }
  // Stream versions of the new events: (new version - count + 1) .. new version, in array order.
  const text =
    `with bumped as (${bump}), ` +
    `inserted as (insert into ${schema}.events (event_id, event_type, topic, partition_key, bucket, ` +
    'message_name, schema_version, payload, headers, stream_id, stream_version) ' +
    'select t.event_id, t.event_type, t.topic, $1, t.bucket, t.message_name, t.schema_version, t.payload, ' +
    't.headers::jsonb, $1, b.version - $2::bigint + t.ord from bumped b, unnest($5::uuid[], $6::text[], ' +
    '$7::text[], $8::smallint[], $9::text[], $10::int[], $11::bytea[], $12::text[]) with ordinality as ' +
    't(event_id, event_type, topic, bucket, message_name, schema_version, payload, headers, ord) ' +
    'order by t.ord returning position), ' +
    "notified as (select pg_notify($13::text, '') from bumped where $13::text is not null) " +
    // $4 is only used by the numeric expectation; naming its type here keeps every variant preparable.
    'select b.version::text as version, $4::bigint as expected, ' +
    'array(select position::text from inserted order by position) as positions, ' +
    '(select count(*) from notified) as notified from bumped b';
  const values = [
    streamId,
    count,
    options.guardTransactionId,
    typeof expected === 'number' ? expected : null,
    events.map((event) => event.eventId),
    events.map((event) => event.eventType),
    events.map((event) => event.topic),
    events.map((event) => event.bucket),
    events.map((event) => event.messageName),
    events.map((event) => event.schemaVersion),
    events.map((event) =>
      Buffer.from(event.payload.buffer, event.payload.byteOffset, event.payload.byteLength),
    ),
    events.map((event) => JSON.stringify(event.headers)),
    options.notifyChannel,
  ];
  const { rows } = await executor.query<{ version: string; positions: string[] }>(text, values, {
    name: statementName(text),
  });
  const row = rows[0];
  if (!row) return null;
  return { version: Number(row.version), positions: row.positions };
}

/** The current version of a stream, or null when it does not exist. */
export async function streamVersion(
  executor: Executor,
  schema: string,
  streamId: string,
): Promise<number | null> {
  const { rows } = await executor.query<{ version: string }>(
    `select version::text as version from ${quoteIdent(schema)}.streams where stream_id = $1`,
    [streamId],
  );
  return rows[0] ? Number(rows[0].version) : null;
}
