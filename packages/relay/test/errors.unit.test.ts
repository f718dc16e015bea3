import { describe, expect, it } from 'vitest';
import { classifyKafkaError, failureScope, RelayError } from '../src/errors.ts';

/** A kafkajs protocol error as the producer raises it, optionally wrapped like its retrier does. */
function kafkaError(type: string, retriable: boolean, wrapped = false): Error {
  const inner = Object.assign(new Error(`broker says ${type}`), {
    name: 'KafkaJSProtocolError',
    type,
    retriable,
  });
  if (!wrapped) return inner;
  return Object.assign(new Error(inner.message), {
    name: 'KafkaJSNumberOfRetriesExceeded',
    retriable: false,
    cause: inner,
  });
}

describe('what a failure is about', () => {
  it('names the records and topics the broker refuses; parking can act on them', () => {
    const tooLarge = classifyKafkaError(kafkaError('MESSAGE_TOO_LARGE', false));
    expect(tooLarge).toMatchObject({ code: 'RELAY_RECORD_REJECTED', retriable: false });
    expect(tooLarge.message).toContain('max.message.bytes');
    expect(failureScope(tooLarge)).toBe('event');

    const unauthorized = classifyKafkaError(kafkaError('TOPIC_AUTHORIZATION_FAILED', false));
    expect(unauthorized).toMatchObject({ code: 'RELAY_TOPIC_UNAUTHORIZED', retriable: false });
    expect(failureScope(unauthorized)).toBe('topic');

    const unknown = classifyKafkaError(kafkaError('UNKNOWN_TOPIC_OR_PARTITION', true, true));
    expect(unknown).toMatchObject({ code: 'RELAY_TOPIC_MISSING', retriable: true });
    expect(failureScope(unknown)).toBe('topic');
  });

  it('keeps the infrastructure apart: never parked, always retried', () => {
    const down = classifyKafkaError(new Error('Connection error: connect ECONNREFUSED'));
    expect(down).toMatchObject({ code: 'RELAY_KAFKA', retriable: true });
    expect(failureScope(down)).toBe('slot');
    expect(classifyKafkaError(kafkaError('INVALID_PRODUCER_EPOCH', false)).code).toBe('RELAY_FENCED');
    const registryDown = new RelayError('RELAY_ENCODE', 'registry unreachable', { retriable: true });
    expect(failureScope(registryDown)).toBe('slot');
    expect(failureScope(new RelayError('RELAY_ENCODE', 'schema rejected'))).toBe('event');
    expect(failureScope(new RelayError('RELAY_DATABASE', 'down', { retriable: true }))).toBe('slot');
    expect(failureScope(new RelayError('RELAY_TIMEOUT', 'slow', { retriable: true }))).toBe('slot');
  });
});
