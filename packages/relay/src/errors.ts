/** Every error the relay raises carries one of these codes (also the `code` label of relay_errors_total). */
export const RELAY_ERROR_CODES = [
  'RELAY_SLOT_COUNT_MISMATCH',
  'RELAY_STATE_TOPIC_INVALID',
  'RELAY_TOPIC_MISSING',
  'RELAY_TOPIC_UNAUTHORIZED',
  'RELAY_RECORD_REJECTED',
  'RELAY_BEHIND_PARKED',
  'RELAY_FENCED',
  'RELAY_LEASE_LOST',
  'RELAY_KAFKA',
  'RELAY_DATABASE',
  'RELAY_ENCODE',
  'RELAY_STATE_RECORD_INVALID',
  'RELAY_TIMEOUT',
  'RELAY_STOPPED',
] as const;

export type RelayErrorCode = (typeof RELAY_ERROR_CODES)[number];

export class RelayError extends Error {
  override readonly name = 'RelayError';
  readonly code: RelayErrorCode;
  /** True when the same operation may succeed later without operator action (the relay retries with backoff). */
  readonly retriable: boolean;

  constructor(code: RelayErrorCode, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/** kafkajs error types meaning "a newer producer with this transactional id exists": give the slot up. */
const FENCED_TYPES = new Set([
  'INVALID_PRODUCER_EPOCH',
  'PRODUCER_FENCED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && chain.length < 10) {
    chain.push(current);
    const next = (current as { cause?: unknown; originalError?: unknown }).cause;
    current = next ?? (current as { originalError?: unknown }).originalError;
  }
  return chain;
}

export function isFencedError(error: unknown): boolean {
  return errorChain(error).some((e) => {
    const type = (e as { type?: unknown }).type;
    const message = (e as { message?: unknown }).message;
    return (
      (typeof type === 'string' && FENCED_TYPES.has(type)) ||
      (typeof message === 'string' && /fenced|producer epoch/i.test(message))
    );
  });
}

/** Wraps any error into a RelayError, keeping the original as `cause`. */
export function toRelayError(error: unknown, fallback: RelayErrorCode = 'RELAY_KAFKA'): RelayError {
  if (error instanceof RelayError) return error;
  if (isFencedError(error)) {
    return new RelayError('RELAY_FENCED', `fenced by a newer producer: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return new RelayError(fallback, messageOf(error), { cause: error, retriable: true });
}

/**
 * What a failure is about, which decides whether parking the event can help:
 * - `event`: this event (the broker refuses its record, it cannot be encoded, an earlier event of its key is
 *   parked); the next event of the slot may well go through.
 * - `topic`: its topic (missing, not writable); events of other topics may go through.
 * - `slot`: the infrastructure (Postgres, Kafka, the registry unreachable, a timeout, a lost lease): every event
 *   would fail the same way, so nothing is parked for it.
 */
export type FailureScope = 'event' | 'topic' | 'slot';

export function failureScope(error: RelayError): FailureScope {
  switch (error.code) {
    case 'RELAY_TOPIC_MISSING':
    case 'RELAY_TOPIC_UNAUTHORIZED':
      return 'topic';
    case 'RELAY_RECORD_REJECTED':
    case 'RELAY_BEHIND_PARKED':
      return 'event';
    case 'RELAY_ENCODE':
      // Retriable means the registry could not be reached: every event of the slot waits for it alike.
      return error.retriable ? 'slot' : 'event';
    default:
      return 'slot';
  }
}

/** Broker error types about the record itself: sending it again cannot succeed. */
const RECORD_REJECTED_TYPES = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
  'INVALID_TOPIC_EXCEPTION',
]);

function errorTypes(error: unknown): string[] {
  return errorChain(error)
    .map((e) => (e as { type?: unknown }).type)
    .filter((type): type is string => typeof type === 'string');
}

/**
 * Classifies a Kafka failure (sending a batch, looking a topic up): the broker refusing the records or the
 * topic (named codes that parking can act on), fencing, or anything else (RELAY_KAFKA, retriable).
 */
export function classifyKafkaError(error: unknown): RelayError {
  if (error instanceof RelayError) return error;
  if (isFencedError(error)) return toRelayError(error);
  const types = errorTypes(error);
  const rejected = types.find((type) => RECORD_REJECTED_TYPES.has(type));
  if (rejected) {
    const hint =
      rejected === 'MESSAGE_TOO_LARGE' || rejected === 'RECORD_LIST_TOO_LARGE'
        ? ": the record is larger than the topic's max.message.bytes (or the broker's message.max.bytes)"
        : '';
    return new RelayError('RELAY_RECORD_REJECTED', `Kafka refused the record (${rejected})${hint}`, {
      cause: error,
    });
  }
  if (types.includes('TOPIC_AUTHORIZATION_FAILED')) {
    return new RelayError(
      'RELAY_TOPIC_UNAUTHORIZED',
      `not authorized to write the topic (TOPIC_AUTHORIZATION_FAILED): grant the relay's principal WRITE on it`,
      { cause: error },
    );
  }
  if (types.includes('UNKNOWN_TOPIC_OR_PARTITION')) {
    return new RelayError('RELAY_TOPIC_MISSING', `the topic does not exist: ${messageOf(error)}`, {
      cause: error,
      retriable: true,
    });
  }
  return toRelayError(error);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
