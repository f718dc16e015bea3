import { catalog as builtinCatalog, type Catalog, createWireCodec } from '@commercebridge/schemas';
import type { IHeaders } from 'kafkajs';
import { RelayError } from './errors.ts';
import type { ClaimedEvent } from './outbox.ts';
import type { WireOptions } from './types.ts';

/** Turns a claimed event into the Kafka message value and headers (docs/contracts.md, "Kafka headers"). */
export type MessageEncoder = (event: ClaimedEvent) => Promise<{ value: Buffer; headers: IHeaders }>;

/** Headers the relay writes from the row itself; the codec adds the envelope of the event type. */
export function eventHeaders(event: ClaimedEvent): Record<string, string> {
  const headers: Record<string, string> = {
    ...event.headers,
    'event-id': event.eventId,
    'event-type': event.eventType,
    'message-name': event.messageName,
    'schema-version': String(event.schemaVersion),
    'occurred-at': event.occurredAt.toISOString(),
  };
  if (event.streamId !== null) headers['stream-id'] = event.streamId;
  if (event.streamVersion !== null) headers['stream-version'] = String(event.streamVersion);
  return headers;
}

export function createEncoder(wire: WireOptions, catalog: Catalog = builtinCatalog): MessageEncoder {
  const codec = createWireCodec(
    catalog,
    wire.mode === 'registry' ? { mode: 'registry', url: wire.url } : wire,
  );
  return async (event) => {
    try {
      const { value, headers } = await codec.toWire(event.eventType as never, event.payload);
      return { value: Buffer.from(value), headers: { ...eventHeaders(event), ...headers } };
    } catch (error) {
      throw new RelayError('RELAY_ENCODE', `cannot encode event ${event.eventId} (${event.eventType})`, {
        cause: error,
        retriable: (error as { retriable?: boolean }).retriable ?? true,
      });
    }
  };
}
