// Helpers for the consumers tests: an inbox schema per test, and messages produced the way the relay writes
// them (wire codec value + contract headers), so tests do not depend on the relay.

import { randomUUID } from 'node:crypto';
import { createLogger } from '@commercebridge/config';
import { migrate } from '@commercebridge/outbox';
import {
  type BuiltinCatalog,
  catalog,
  createWireCodec,
  type EventPayload,
  type EventType,
  encodeEvent,
  HEADERS,
} from '@commercebridge/schemas';
import { Partitioners } from 'kafkajs';
import type pg from 'pg';
import { createTestSchema, kafka } from '../../../test/support/helpers.ts';

export const codec = createWireCodec(catalog, { mode: 'headers' });

/** A fresh schema with the outbox tables (the inbox among them). */
export async function inboxSchema(pool: pg.Pool): Promise<string> {
  const schema = await createTestSchema(pool, 'consumers');
  await migrate({ pool, schema });
  return schema;
}

export interface TestEvent<T extends EventType<BuiltinCatalog> = EventType<BuiltinCatalog>> {
  type: T;
  payload: EventPayload<BuiltinCatalog, T>;
  eventId?: string;
  headers?: Record<string, string>;
}

export interface ProducedEvent {
  eventId: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** Encodes events as the relay would (value + headers); does not send them. */
export async function wireMessages(events: readonly TestEvent[]): Promise<ProducedEvent[]> {
  const out: ProducedEvent[] = [];
  for (const event of events) {
    const encoded = encodeEvent(catalog, event.type, event.payload as never);
    const wire = await codec.toWire(event.type, encoded.bytes);
    const eventId = event.eventId ?? randomUUID();
    out.push({
      eventId,
      key: encoded.key,
      value: Buffer.from(wire.value),
      headers: {
        ...wire.headers,
        [HEADERS.eventId]: eventId,
        [HEADERS.occurredAt]: new Date().toISOString(),
        ...event.headers,
      },
    });
  }
  return out;
}

/** Produces messages to `topic` in order (idempotent producer, acks=all). */
export async function produce(
  topic: string,
  messages: ReadonlyArray<{
    key: string | null;
    value: Buffer | null;
    headers?: Record<string, string>;
    partition?: number;
  }>,
): Promise<void> {
  const producer = kafka().producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 1000) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 1000).map((m) => ({ ...m })) });
    }
  } finally {
    await producer.disconnect();
  }
}

export function orderPlaced(
  orderId: string,
  extra: Partial<EventPayload<BuiltinCatalog, 'order.placed'>> = {},
): TestEvent<'order.placed'> {
  return { type: 'order.placed', payload: { orderId, customerId: `c-${orderId}`, ...extra } };
}

/** Committed offsets of `groupId` on `topic` have reached the topic's end on every partition. */
export async function groupCaughtUp(groupId: string, topic: string): Promise<boolean> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every((end) => {
      const c = committed?.partitions.find((p) => p.partition === end.partition);
      return c !== undefined && BigInt(c.offset) >= BigInt(end.high);
    });
  } finally {
    await admin.disconnect();
  }
}

/** A logger that keeps lines for assertions and prints nothing. */
export function memoryLogger() {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const logger = createLogger({
    level: 'debug',
    destination: (line) => {
      const { level, msg, time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>;
      lines.push({ level: String(level), message: String(msg ?? ''), fields });
    },
  });
  return { lines, logger };
}
