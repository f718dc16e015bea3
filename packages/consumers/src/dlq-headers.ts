import { createHash } from 'node:crypto';
import type { IHeaders } from 'kafkajs';

/** Headers a DLQ entry carries besides the original message's own headers (which are copied unchanged). */
export const DLQ_HEADERS = {
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
  errorRetriable: 'dlq-error-retriable',
  attempts: 'dlq-attempts',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalTimestamp: 'dlq-original-timestamp',
  consumerGroup: 'dlq-consumer-group',
  firstFailureAt: 'dlq-first-failure-at',
  lastFailureAt: 'dlq-last-failure-at',
} as const;

/** Header set on a redriven event: the event id its inbox entry is keyed by (the id of the original event). */
export const INBOX_KEY_HEADER = 'inbox-key';

/** The DLQ topic of a topic. */
export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** Kafka headers as strings (the last value of a repeated header, as @commercebridge/schemas reads them; UTF-8). */
export function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[value.length - 1] : value;
    if (first === undefined) continue;
    out[name] = typeof first === 'string' ? first : first.toString('utf8');
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * An event id for a message that has none (a producer outside this project): a name-based UUID of its Kafka
 * coordinates, so a redelivery of the same offset is still recognised by the inbox.
 */
export function coordinatesEventId(topic: string, partition: number, offset: string): string {
  const hex = createHash('sha1').update(`kafka:${topic}/${partition}/${offset}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
