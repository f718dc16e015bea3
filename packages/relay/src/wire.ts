import type { Catalog } from '@commercebridge/schemas';
import { context, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { messageOf, RelayError } from './errors.ts';
import type { ClaimedEvent } from './outbox.ts';
import type { WireOptions } from './types.ts';

/** Turns a claimed event into the Kafka message value and headers (docs/contracts.md, "Kafka headers"). */
export type MessageEncoder = (event: ClaimedEvent) => Promise<{ value: Buffer; headers: IHeaders }>;

/**
 * The contract headers, from the row itself: the outbox validated and encoded the payload against the catalog
 * at publish time and stored its event type, message name and schema version with it.
 */
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
  const relayed = relaySpan(event, headers['traceparent']);
  if (relayed) headers['traceparent'] = relayed;
  return headers;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const tracer = trace.getTracer('@commercebridge/relay');

/**
 * With an OpenTelemetry SDK registered in the relay process, one PRODUCER span `create <topic>` per message,
 * a child of the span that wrote the row (its stored traceparent); the message then carries this span's
 * traceparent, so a trace goes on through the relay to the handlers. Without an SDK (a no-op tracer) or
 * without a valid stored traceparent, the header is the row's, unchanged.
 */
function relaySpan(event: ClaimedEvent, stored: string | undefined): string | undefined {
  const match = stored ? TRACEPARENT.exec(stored.trim()) : null;
  if (!match || /^0+$/.test(match[1]!) || /^0+$/.test(match[2]!)) return undefined;
  const parent = trace.setSpanContext(context.active(), {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: Number.parseInt(match[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  });
  const span = tracer.startSpan(
    `create ${event.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'create',
        'messaging.destination.name': event.topic,
        'messaging.message.id': event.eventId,
        'commercebridge.event_type': event.eventType,
      },
    },
    parent,
  );
  const own = span.spanContext();
  span.end();
  if (!trace.isSpanContextValid(own)) return undefined;
  return `00-${own.traceId}-${own.spanId}-0${own.traceFlags & TraceFlags.SAMPLED}`;
}

/**
 * Header mode: the value is the stored Protobuf payload as is, identified by the headers; no codec is needed.
 * Registry mode: the schemas package's codec frames the payload with the registered schema id and message
 * indexes (loaded only then, with the catalog the events were written with).
 */
export async function createEncoder(wire: WireOptions, catalog?: Catalog): Promise<MessageEncoder> {
  if (wire.mode === 'headers') {
    return async (event) => ({ value: event.payload, headers: eventHeaders(event) });
  }
  const schemas = await import('@commercebridge/schemas');
  const codec = schemas.createWireCodec(catalog ?? schemas.catalog, {
    mode: 'registry',
    url: wire.url,
    ...(wire.headers ? { headers: wire.headers } : {}),
  });
  return async (event) => {
    try {
      const { value, headers } = await codec.toWire(event.eventType as never, event.payload);
      return { value: Buffer.from(value), headers: { ...eventHeaders(event), ...headers } };
    } catch (error) {
      throw new RelayError(
        'RELAY_ENCODE',
        `cannot encode event ${event.eventId} (${event.eventType}): ${messageOf(error)}`,
        {
          cause: error,
          // Only an error that says so is retried (a registry out of reach); anything else repeats identically.
          retriable: (error as { retriable?: boolean }).retriable === true,
        },
      );
    }
  };
}
