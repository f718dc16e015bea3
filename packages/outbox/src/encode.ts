import {
  type Catalog,
  type EventPayload,
  type EventType,
  encodeEvent,
  HEADERS,
  isSchemaError,
} from '@commercebridge/schemas';
import { trace } from '@opentelemetry/api';
import { OutboxError } from './errors.ts';
import { lockBucket } from './lockBucket.ts';
import {
  validateOptionalString,
  validateOptionalTraceparent,
  validateOptionalUuid,
  validateSchedule,
} from './options.ts';
import type { EventInsert } from './sql/insertEvents.ts';
import { uuidv7 } from './uuidv7.ts';

/** Options of one event. */
export interface EventOptions {
  /** Partition key instead of the catalog's key function (same key, same order, same Kafka partition). */
  key?: string;
  /**
   * Caller-chosen event id (UUID). An id that is already in the outbox makes the event a no-op.
   * (Default: a new UUID version 7, time-ordered.)
   */
  eventId?: string;
  correlationId?: string;
  causationId?: string;
  /** W3C traceparent (Default: from the active OpenTelemetry span, when there is one). */
  traceparent?: string;
}

export interface PublishOptions extends EventOptions {
  /** Publish after this many milliseconds (goes to the scheduled table). */
  delay?: number;
  /** Publish at this time (goes to the scheduled table). */
  runAt?: Date;
}

/** One event of publishMany: its type, its payload and its options, typed by the catalog. */
export type OutboxEvent<K extends Catalog> = {
  [T in EventType<K>]: { type: T; payload: EventPayload<K, T> } & PublishOptions;
}[EventType<K>];

/** The traceparent of the active OpenTelemetry span, if there is a valid one. */
function activeTraceparent(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !/^[0-9a-f]{32}$/.test(context.traceId) || /^0+$/.test(context.traceId)) return undefined;
  if (!/^[0-9a-f]{16}$/.test(context.spanId) || /^0+$/.test(context.spanId)) return undefined;
  const flags = (context.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}

/** Maps the schema package's errors to the outbox's codes, keeping the original as cause. */
function toOutboxError(error: unknown, path: string): unknown {
  if (!isSchemaError(error)) return error;
  const field = error.field ? ` (field ${error.field})` : '';
  switch (error.code) {
    case 'SCHEMA_UNKNOWN_EVENT_TYPE':
      return new OutboxError('OUTBOX_UNKNOWN_EVENT_TYPE', `${path}: ${error.message}`, { cause: error });
    case 'SCHEMA_PAYLOAD_TOO_LARGE':
      return new OutboxError('OUTBOX_PAYLOAD_TOO_LARGE', `${path}: ${error.message}`, { cause: error });
    case 'SCHEMA_INVALID_OPTION':
      return new OutboxError('OUTBOX_INVALID_OPTION', `${path}: ${error.message}`, { cause: error });
    default:
      return new OutboxError('OUTBOX_INVALID_PAYLOAD', `${path}${field}: ${error.message}`, { cause: error });
  }
}

export interface PreparedEvent extends EventInsert {
  runAt: Date | undefined;
}

/**
 * Validates the options and the payload and encodes it. Pure: nothing touches the database, so a bad event
 * fails before any statement of the call runs.
 */
export function prepareEvent<K extends Catalog>(
  catalog: K,
  maxPayloadBytes: number,
  path: string,
  type: string,
  payload: unknown,
  options: PublishOptions = {},
  stream?: { streamId: string },
): PreparedEvent {
  if (typeof options !== 'object' || options === null) {
    throw new OutboxError(
      'OUTBOX_INVALID_OPTION',
      `${path}/options must be an object (got ${String(options)})`,
    );
  }
  const keyOverride = validateOptionalString(`${path}/key`, options.key);
  const eventId = validateOptionalUuid(`${path}/eventId`, options.eventId) ?? uuidv7();
  const correlationId = validateOptionalString(`${path}/correlationId`, options.correlationId);
  const causationId = validateOptionalString(`${path}/causationId`, options.causationId);
  const traceparent =
    validateOptionalTraceparent(`${path}/traceparent`, options.traceparent) ?? activeTraceparent();
  const runAt = stream ? undefined : validateSchedule(path, options.delay, options.runAt);
  if (typeof type !== 'string') {
    throw new OutboxError('OUTBOX_UNKNOWN_EVENT_TYPE', `${path}/type must be an event type of the catalog`);
  }
  let encoded: ReturnType<typeof encodeEvent>;
  try {
    encoded = encodeEvent(catalog, type as EventType<K>, payload as EventPayload<K, EventType<K>>, {
      maxBytes: maxPayloadBytes,
    });
  } catch (error) {
    throw toOutboxError(error, path);
  }
  const partitionKey = stream ? stream.streamId : (keyOverride ?? encoded.key);
  const headers: Record<string, string> = {};
  if (correlationId !== undefined) headers[HEADERS.correlationId] = correlationId;
  if (causationId !== undefined) headers[HEADERS.causationId] = causationId;
  if (traceparent !== undefined) headers[HEADERS.traceparent] = traceparent;
  return {
    eventId,
    eventType: encoded.type,
    topic: encoded.topic,
    partitionKey,
    bucket: lockBucket(partitionKey),
    messageName: encoded.messageName,
    schemaVersion: encoded.schemaVersion,
    payload: encoded.bytes,
    headers,
    streamId: stream ? stream.streamId : null,
    streamVersion: null,
    runAt,
  };
}

/** A repeated id inside one call is a caller bug, not a retry: refuse it before writing. */
export function assertDistinctIds(path: string, events: readonly { eventId: string }[]): void {
  const seen = new Set<string>();
  for (const [index, event] of events.entries()) {
    if (seen.has(event.eventId)) {
      throw new OutboxError(
        'OUTBOX_DUPLICATE_EVENT',
        `${path}[${index}]/eventId ${event.eventId} appears twice in one call: give each event its own id`,
      );
    }
    seen.add(event.eventId);
  }
}
