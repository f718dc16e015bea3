// The one logger of commercebridge: the interface every factory accepts (`logger` option, pino's argument
// order, so a pino logger can be passed as it is) and the default JSON logger built on pino.
import { pino } from 'pino';
import { redact } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];

export type LogFields = Record<string, unknown>;

/** One level's method, in pino's argument order: `log.info('started')` or `log.info({ slot: 3 }, 'slot.acquired')`. */
export interface LogFn {
  (message: string): void;
  (fields: LogFields, message?: string): void;
}

/**
 * What every commercebridge factory takes as `logger`. A pino logger is one; so is any object with these
 * methods. `child` binds fields (component, relayId, slot, groupId) to every line of the returned logger.
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: LogFields): Logger;
  /** Lets hot paths skip building the fields of a line nobody reads. (Default: every level is enabled) */
  isLevelEnabled?(level: LogLevel): boolean;
}

export interface LoggerOptions {
  /** Lowest level written; `silent` writes nothing. (Default: 'info', the default of COMMERCEBRIDGE_LOG_LEVEL) */
  level?: LogLevel | 'silent';
  /** Bound as `component` on every line (`relay`, `consumer`, `queue`, `cli`). */
  component?: string;
  /** More fields bound on every line. */
  bindings?: LogFields;
  /**
   * Where the JSON lines go: a function called with each line (no trailing newline), or a stream.
   * (Default: process.stdout)
   */
  destination?: ((line: string) => void) | { write(chunk: string): unknown };
}

// Keys whose values are secrets wherever they appear (top level and nested, as pino redact paths).
const SECRET_KEYS = ['password', 'passphrase', 'token', 'authorization', 'Authorization', 'secret'];
const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]).concat([
  'headers.authorization',
  '*.headers.authorization',
  'sasl.password',
  '*.sasl.password',
  'kafka.sasl.password',
  'ssl.key',
  '*.ssl.key',
  '*.kafka.sasl.password',
]);

/** Field values as a line shows them: errors as their message, strings without URL passwords or tokens. */
function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return code === undefined ? redact(value.message) : { message: redact(value.message), code };
  }
  if (depth <= 0 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((v) => clean(v, depth - 1));
  const out: LogFields = {};
  for (const [k, v] of Object.entries(value)) out[k] = clean(v, depth - 1);
  return out;
}

/**
 * The default logger: one JSON object per line with `time` (ISO 8601), `level` (name), `component`, the bound
 * ids and `msg`. Secrets are removed: fields named like a secret (`password`, `token`, `authorization`, ...)
 * are replaced by `***`, and every string (the message included) goes through `redact`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { destination } = options;
  const stream =
    typeof destination === 'function'
      ? { write: (chunk: string) => destination(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
      : (destination ?? pino.destination({ dest: 1, sync: true }));
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '***' },
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => clean(fields, 4) as LogFields,
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg));
          return method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    stream,
  );
  const bound = { ...(options.component ? { component: options.component } : {}), ...options.bindings };
  return Object.keys(bound).length > 0 ? logger.child(clean(bound, 4) as LogFields) : logger;
}

/** A logger that drops every line. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
