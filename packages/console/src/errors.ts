/** Every error the console raises carries one of these codes. */
export const CONSOLE_ERROR_CODES = ['CONSOLE_INVALID_OPTION', 'CONSOLE_BAD_REQUEST'] as const;

export type ConsoleErrorCode = (typeof CONSOLE_ERROR_CODES)[number];

export class ConsoleError extends Error {
  override readonly name = 'ConsoleError';
  readonly code: ConsoleErrorCode;
  /** True when the same call may succeed later without a change (never for these codes). */
  readonly retriable: boolean;

  constructor(
    code: ConsoleErrorCode,
    message: string,
    options: { cause?: unknown; retriable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}
