import { checkSchemaName, VARIABLES } from '@commercebridge/config';
import { OutboxError } from './errors.ts';

/** Default Postgres schema of our tables. */
export const DEFAULT_SCHEMA = VARIABLES.OUTBOX_SCHEMA.default;
/** Default upper bound of an encoded payload (Default: 1 MiB, Kafka's default max.message.bytes). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576;
/** Default rows per cleanup batch (Default: 1000). */
export const DEFAULT_CLEANUP_BATCH_SIZE = 1000;

function invalid(path: string, rule: string, value: unknown): OutboxError {
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    shown = typeof value;
  }
  return new OutboxError('OUTBOX_INVALID_OPTION', `${path} ${rule} (got ${shown})`);
}

/**
 * The schema name, checked with the one rule of every component (@commercebridge/config): a Postgres
 * identifier of at most 56 characters, so that the NOTIFY channel `<schema>_events` fits 63 bytes.
 */
export function validateSchema(path: string, value: unknown): string {
  return checkSchemaName(value, path);
}

export function validateInteger(path: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(path, `must be an integer between ${min} and ${max}`, value);
  }
  return value;
}

export function validateBoolean(path: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(path, 'must be true or false', value);
  return value;
}

export function validateOptionalString(path: string, value: unknown, maxLength = 1024): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw invalid(path, `must be a non-empty string of at most ${maxLength} characters`, value);
  }
  return value;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateOptionalUuid(path: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !uuidPattern.test(value)) {
    throw invalid(path, 'must be a UUID such as "0b0e6a52-1f53-4c8e-9d55-2ab8f1f0a3c1"', value);
  }
  return value.toLowerCase();
}

// W3C trace context: version-traceid-parentid-flags.
const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function validateOptionalTraceparent(path: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !traceparentPattern.test(value)) {
    throw invalid(path, 'must be a W3C traceparent such as "00-<32 hex>-<16 hex>-01"', value);
  }
  return value;
}

/** A run time from `delay` (milliseconds from now) or `runAt`; both at once is an error. */
export function validateSchedule(path: string, delay: unknown, runAt: unknown): Date | undefined {
  if (delay !== undefined && runAt !== undefined) {
    throw invalid(`${path}/delay`, 'cannot be combined with runAt: pass one of them', delay);
  }
  if (delay !== undefined) {
    validateInteger(`${path}/delay`, delay, 0, 366 * 24 * 3600 * 1000);
    return delay === 0 ? undefined : new Date(Date.now() + (delay as number));
  }
  if (runAt !== undefined) {
    if (!(runAt instanceof Date) || Number.isNaN(runAt.getTime())) {
      throw invalid(`${path}/runAt`, 'must be a valid Date', runAt);
    }
    return runAt;
  }
  return undefined;
}

export function validateDurationMs(path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(path, 'must be a number of milliseconds >= 0', value);
  }
  return value;
}

/** Escapes a Postgres identifier: the only way a schema name enters SQL text. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The NOTIFY channel of a schema's outbox: `<schema>_events` (LISTEN "<schema>_events"). */
export function notifyChannel(schema: string): string {
  return `${schema}_events`;
}
