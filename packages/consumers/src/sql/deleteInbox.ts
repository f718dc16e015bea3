import { qualified } from './ident.ts';

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Removes inbox rows inserted earlier in the same transaction for events whose handlers did not complete in
 * it, so committing the transaction records only the events that were really handled.
 */
export async function deleteInbox(
  client: Queryable,
  schema: string,
  group: string,
  eventIds: readonly string[],
): Promise<void> {
  if (eventIds.length === 0) return;
  await client.query(
    `delete from ${qualified(schema, 'inbox')} where consumer_group = $1 and event_id = any($2::uuid[])`,
    [group, eventIds],
  );
}
