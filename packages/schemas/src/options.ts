// Validation of everything a caller configures (catalog definitions, encode and codec options), in one place.
// Messages name the option path and the fix.
import { SchemaError } from './errors.ts';

/** Largest encoded payload `encodeEvent` accepts (Default: 1 MiB, Kafka's default max.message.bytes). */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** Registry compatibility level set on every subject (Default: BACKWARD). */
export const DEFAULT_COMPATIBILITY = 'BACKWARD';
/** Timeout of one registry request (Default: 10 s). */
export const DEFAULT_REGISTRY_TIMEOUT_MS = 10_000;

export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export function optionError(path: string, message: string, ...got: [unknown?]): SchemaError {
  const suffix = got.length > 0 ? ` (got ${JSON.stringify(got[0]) ?? String(got[0])})` : '';
  return new SchemaError('SCHEMA_INVALID_OPTION', `${path} ${message}${suffix}`, { field: path });
}

export function checkMaxBytes(value: unknown, path: string): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw optionError(path, 'must be a positive integer number of bytes, e.g. 1048576', value);
  }
  return value;
}

export function checkTopic(value: unknown, path: string): string {
  // Kafka's own rule for topic names.
  if (typeof value !== 'string' || !/^[A-Za-z0-9._-]{1,249}$/.test(value)) {
    throw optionError(
      path,
      'must be a Kafka topic name (letters, digits, ".", "_", "-"), e.g. "orders.events.v1"',
      value,
    );
  }
  return value;
}

export interface RegistryCodecOptions {
  mode: 'registry';
  /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:18081/apis/ccompat/v7. */
  url: string;
  /** Compatibility level set on each subject before registering (Default: BACKWARD). */
  compatibility?: CompatibilityLevel;
  /** Subject of an imported file (Default: its import path, e.g. `commercebridge/common/v1/common.proto`). */
  referenceSubject?: (importPath: string) => string;
  /** Subject of a topic's schema (Default: `<topic>-value`, the topic-name strategy). */
  valueSubject?: (topic: string) => string;
  /** Per-request timeout in ms (Default: 10000). */
  timeoutMs?: number;
  /** Extra request headers, e.g. authorization. */
  headers?: Record<string, string>;
}

export interface HeadersCodecOptions {
  mode: 'headers';
}

export type WireCodecOptions = HeadersCodecOptions | RegistryCodecOptions;

export function checkCodecOptions(options: unknown): WireCodecOptions {
  if (typeof options !== 'object' || options === null) {
    throw optionError('/codec', "must be { mode: 'headers' } or { mode: 'registry', url }", options);
  }
  const mode = (options as { mode?: unknown }).mode;
  if (mode === 'headers') return { mode };
  if (mode !== 'registry') throw optionError('/codec/mode', "must be 'headers' or 'registry'", mode);
  const registry = options as RegistryCodecOptions;
  try {
    const url = new URL(registry.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw optionError(
      '/codec/url',
      'must be the http(s) URL of a Confluent-compatible registry API, e.g. http://127.0.0.1:18081/apis/ccompat/v7',
      registry.url,
    );
  }
  if (registry.compatibility !== undefined && !COMPATIBILITY_LEVELS.includes(registry.compatibility)) {
    throw optionError(
      '/codec/compatibility',
      `must be one of ${COMPATIBILITY_LEVELS.join(', ')}`,
      registry.compatibility,
    );
  }
  if (registry.timeoutMs !== undefined && (!Number.isInteger(registry.timeoutMs) || registry.timeoutMs < 1)) {
    throw optionError('/codec/timeoutMs', 'must be a positive integer of milliseconds', registry.timeoutMs);
  }
  for (const name of ['referenceSubject', 'valueSubject'] as const) {
    if (registry[name] !== undefined && typeof registry[name] !== 'function') {
      throw optionError(
        `/codec/${name}`,
        'must be a function returning the subject name',
        typeof registry[name],
      );
    }
  }
  return { ...registry, url: registry.url.replace(/\/+$/, '') };
}
