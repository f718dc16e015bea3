/** Kafka header names of every message (docs/contracts.md); values are UTF-8 strings. */
export const HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  messageName: 'message-name',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  traceparent: 'traceparent',
  occurredAt: 'occurred-at',
  streamId: 'stream-id',
  streamVersion: 'stream-version',
} as const;

export type HeaderName = (typeof HEADERS)[keyof typeof HEADERS];

/** Kafka headers as clients hand them over (kafkajs `IHeaders`, or plain strings). */
export type IncomingHeaders = Readonly<
  Record<string, string | Uint8Array | ReadonlyArray<string | Uint8Array> | null | undefined>
>;

/** The last value of a header as a string, or undefined. */
export function headerValue(headers: IncomingHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  if (raw === undefined || raw === null) return undefined;
  const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (last === undefined) return undefined;
  return typeof last === 'string' ? last : Buffer.from(last as Uint8Array).toString('utf8');
}
