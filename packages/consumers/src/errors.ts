/** Error codes of @commercebridge/consumers; DLQ entries carry one in `dlq-error-code` (or the handler's own). */
export const CONSUMER_ERROR_CODES = [
  'CONSUMER_INVALID_OPTION',
  'CONSUMER_UNDECODABLE',
  'CONSUMER_INVALID_EVENT_ID',
  'CONSUMER_HANDLER_FAILED',
  'CONSUMER_DATABASE',
  'CONSUMER_KAFKA',
  'CONSUMER_NOT_REDRIVABLE',
  'CONSUMER_GROUP_ACTIVE',
] as const;

export type ConsumerErrorCode = (typeof CONSUMER_ERROR_CODES)[number];

/**
 * The base error of the package. Handlers may throw it (or any error with a boolean `retriable` and a string
 * `code`) to choose between an in-process retry and the DLQ.
 */
export class ConsumerError extends Error {
  readonly code: ConsumerErrorCode;
  readonly retriable: boolean;

  constructor(
    code: ConsumerErrorCode,
    message: string,
    options: { cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConsumerError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/** How a failure is treated: its code (for the DLQ header), whether to retry, and a message. */
export interface FailureClass {
  code: string;
  retriable: boolean;
  message: string;
}

/**
 * Decides retry vs DLQ. Order: an explicit boolean `retriable` on the error (ours, SchemaError, OutboxError,
 * or the user's); then the Postgres SQLSTATE class (serialization, deadlock, connection, resources: retriable;
 * constraint, data, syntax: not); then `retryUnknownErrors`.
 */
export function classifyFailure(error: unknown, retryUnknownErrors: boolean): FailureClass {
  const candidate = error as { code?: unknown; retriable?: unknown; message?: unknown } | null | undefined;
  const message =
    typeof candidate?.message === 'string' ? candidate.message : String(error ?? 'unknown error');
  const code = typeof candidate?.code === 'string' ? candidate.code : undefined;
  if (typeof candidate?.retriable === 'boolean') {
    return { code: code ?? 'CONSUMER_HANDLER_FAILED', retriable: candidate.retriable, message };
  }
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    const retriable =
      code === '40001' ||
      code === '40P01' ||
      code === '55P03' ||
      code.startsWith('08') ||
      code.startsWith('53') ||
      code.startsWith('57');
    return { code: `PG_${code}`, retriable, message };
  }
  return { code: code ?? 'CONSUMER_HANDLER_FAILED', retriable: retryUnknownErrors, message };
}
