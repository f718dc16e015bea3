import { qualified } from './ident.ts';

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Adds one header to an outbox event written in the same transaction (the relay copies the `headers` column
 * onto the Kafka message). Used by redrive for `inbox-key`, which `publish` options do not cover.
 */
export async function setEventHeader(
  client: Queryable,
  schema: string,
  eventId: string,
  name: string,
  value: string,
): Promise<void> {
  await client.query(
    `update ${qualified(schema, 'events')} set headers = headers || jsonb_build_object($2::text, $3::text)
     where event_id = $1 and published_at is null`,
    [eventId, name, value],
  );
}
