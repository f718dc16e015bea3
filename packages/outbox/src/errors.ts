/** Error codes of @commercebridge/outbox. The relay and consumers branch on `code` and `retriable`. */
export const OUTBOX_ERROR_CODES = [
  'OUTBOX_INVALID_OPTION',
  'OUTBOX_NOT_IN_TRANSACTION',
  'OUTBOX_UNKNOWN_EVENT_TYPE',
  'OUTBOX_INVALID_PAYLOAD',
  'OUTBOX_PAYLOAD_TOO_LARGE',
  'OUTBOX_CONCURRENCY',
  'OUTBOX_DUPLICATE_EVENT',
  'OUTBOX_MIGRATION',
  'OUTBOX_DATABASE',
] as const;

export type OutboxErrorCode = (typeof OUTBOX_ERROR_CODES)[number];

/** The base error of the package: every error it throws is an OutboxError. */
export class OutboxError extends Error {
  readonly code: OutboxErrorCode;
  readonly retriable: boolean;

  constructor(
    code: OutboxErrorCode,
    message: string,
    options: { cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OutboxError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/**
 * An append found the stream at another version than the caller expected. Retriable: reading the stream
 * again and re-deciding is the usual answer.
 */
export class ConcurrencyError extends OutboxError {
  readonly streamId: string;
  readonly expected: ExpectedVersionDescription;
  readonly actual: number | 'no_stream';

  constructor(streamId: string, expected: ExpectedVersionDescription, actual: number | 'no_stream') {
    super(
      'OUTBOX_CONCURRENCY',
      `stream "${streamId}" is at version ${actual}, the append expected ${String(expected)}`,
      { retriable: true },
    );
    this.name = 'ConcurrencyError';
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

type ExpectedVersionDescription = number | 'no_stream' | 'any';

interface PgErrorFields {
  code?: string;
  message?: string;
  constraint?: string;
}

/** Classified kind of a Postgres error (SQLSTATE class), for the message and the retriable flag. */
export function classifyPgError(error: unknown): { kind: string; retriable: boolean; sqlState?: string } {
  const sqlState = (error as PgErrorFields | undefined)?.code;
  if (typeof sqlState !== 'string' || sqlState.length !== 5) return { kind: 'connection', retriable: true };
  if (sqlState === '23505') return { kind: 'conflict', retriable: false, sqlState };
  if (sqlState.startsWith('23')) return { kind: 'constraint', retriable: false, sqlState };
  if (sqlState === '40001' || sqlState === '40P01')
    return { kind: 'serialization', retriable: true, sqlState };
  if (sqlState === '25P02') return { kind: 'transaction aborted', retriable: false, sqlState };
  if (sqlState.startsWith('08') || sqlState.startsWith('57'))
    return { kind: 'connection', retriable: true, sqlState };
  if (sqlState === '53200' || sqlState.startsWith('53'))
    return { kind: 'resources', retriable: true, sqlState };
  return { kind: 'database', retriable: false, sqlState };
}

/** Wraps a database error with the operation that failed; OutboxErrors pass through unchanged. */
export function wrapDatabaseError(operation: string, error: unknown): OutboxError {
  if (error instanceof OutboxError) return error;
  const { kind, retriable, sqlState } = classifyPgError(error);
  const detail = (error as PgErrorFields | undefined)?.message ?? String(error);
  const state = sqlState ? ` [${sqlState}]` : '';
  return new OutboxError('OUTBOX_DATABASE', `${operation} failed (${kind})${state}: ${detail}`, {
    cause: error,
    retriable,
  });
}
