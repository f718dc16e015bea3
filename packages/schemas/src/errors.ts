export const SCHEMA_ERROR_CODES = [
  'SCHEMA_UNKNOWN_EVENT_TYPE',
  'SCHEMA_INVALID_FIELD',
  'SCHEMA_MISSING_FIELD',
  'SCHEMA_PAYLOAD_TOO_LARGE',
  'SCHEMA_UNDECODABLE',
  'SCHEMA_INCOMPATIBLE',
  'SCHEMA_REGISTRY_UNAVAILABLE',
  'SCHEMA_REGISTRY_REJECTED',
  'SCHEMA_INVALID_OPTION',
] as const;

export type SchemaErrorCode = (typeof SCHEMA_ERROR_CODES)[number];

// Only a registry that cannot be reached (or answers 5xx) is worth retrying: every other failure is a
// property of the payload, the bytes or the schema, and repeats identically.
const RETRIABLE: ReadonlySet<SchemaErrorCode> = new Set(['SCHEMA_REGISTRY_UNAVAILABLE']);

export interface SchemaErrorOptions {
  /** The field, option or header at fault, as a path (`items[0].unitPrice.amount`). */
  field?: string;
  /** The event type involved, when known. */
  eventType?: string;
  cause?: unknown;
}

/** The one error class of @commercebridge/schemas; `retriable` tells the relay and consumers retry vs DLQ. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  readonly code: SchemaErrorCode;
  readonly retriable: boolean;
  readonly field: string | undefined;
  readonly eventType: string | undefined;

  constructor(code: SchemaErrorCode, message: string, options: SchemaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = RETRIABLE.has(code);
    this.field = options.field;
    this.eventType = options.eventType;
  }
}

export function isSchemaError(error: unknown, code?: SchemaErrorCode): error is SchemaError {
  return error instanceof SchemaError && (code === undefined || error.code === code);
}
