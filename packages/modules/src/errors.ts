/** Error codes of the queue, logs and notifications modules. */
export const MODULE_ERROR_CODES = [
  'MODULE_INVALID_CONFIG',
  'MODULE_INVALID_INPUT',
  'MODULE_NOT_STARTED',
  'MODULE_START_FAILED',
  'MODULE_DATABASE',
  'MODULE_KAFKA',
  'MODULE_RELAY',
  'MODULE_NO_PROJECTION',
  'MODULE_JOB_NOT_LEASED',
  'MODULE_LEASE_LOST',
  'MODULE_TIMEOUT',
] as const;

export type ModuleErrorCode = (typeof MODULE_ERROR_CODES)[number];

/** The base error of the modules; `retriable` says whether the same call may succeed when repeated. */
export class ModuleError extends Error {
  readonly code: ModuleErrorCode;
  readonly retriable: boolean;

  constructor(
    code: ModuleErrorCode,
    message: string,
    options: { cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModuleError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/** Node's socket errors: the server could not be reached, or the connection broke. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/** Whether one error (not its causes) is connection-class or a retriable error of a library. */
function retriableOne(error: unknown): boolean {
  if ((error as { retriable?: unknown } | null)?.retriable === true) return true;
  const code = (error as { code?: unknown } | null)?.code;
  const sqlState = typeof code === 'string' ? code : '';
  return (
    sqlState === '40001' ||
    sqlState === '40P01' ||
    sqlState.startsWith('08') ||
    sqlState.startsWith('57') ||
    NETWORK_ERRORS.has(sqlState)
  );
}

/**
 * Wraps a database failure with the operation; connection-class errors (08xxx, 57xxx, a server that cannot be
 * reached, anywhere in the cause chain: the outbox wraps its own) are retriable.
 */
export function databaseError(operation: string, cause: unknown): ModuleError {
  if (cause instanceof ModuleError) return cause;
  let retriable = false;
  for (let e: unknown = cause, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (retriableOne(e)) retriable = true;
  }
  return new ModuleError('MODULE_DATABASE', `${operation} failed: ${(cause as Error)?.message ?? cause}`, {
    cause,
    retriable,
  });
}
