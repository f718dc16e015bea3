/** Every error the relay raises carries one of these codes (also the `code` label of relay_errors_total). */
export const RELAY_ERROR_CODES = [
  'RELAY_CONFIG_INVALID',
  'RELAY_SLOT_COUNT_MISMATCH',
  'RELAY_STATE_TOPIC_INVALID',
  'RELAY_TOPIC_MISSING',
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

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
