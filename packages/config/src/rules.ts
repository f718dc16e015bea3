// One rule per kind of value, decided once. A rule parses the raw string of an environment variable and the
// typed value of a programmatic option with the same bounds, and says in words what it accepts (errors and the
// docs table quote that text).
import { readFileSync } from 'node:fs';
import * as z from 'zod';

export interface Rule<T> {
  /** What a valid value is, in words: `an integer between 1 and 10000`. */
  readonly text: string;
  /** The same for the string of an environment variable, where it says more (`decimal digits only`). */
  readonly envText: string;
  /** Parses a typed option value. */
  readonly value: z.ZodType<T>;
  /** Parses the raw string of an environment variable (already trimmed and non-empty). */
  readonly env: z.ZodType<T, string>;
}

const TRUTHY = ['true', '1', 'on', 'yes'];
const FALSY = ['false', '0', 'off', 'no'];

/** `true/false`, `1/0`, `on/off`, `yes/no`, in any case. */
export function boolean(): Rule<boolean> {
  return {
    text: 'true or false',
    envText: 'true or false (also 1/0, on/off, yes/no; any case)',
    value: z.boolean(),
    env: z.stringbool({ truthy: TRUTHY, falsy: FALSY, case: 'insensitive' }),
  };
}

/** Decimal digits only (no sign, no `0x`, no `1e3`, no fraction) within `min..max`. */
export function integer(min: number, max: number): Rule<number> {
  const value = z.number().int().min(min).max(max);
  return {
    text: `an integer between ${min} and ${max}`,
    envText: `an integer between ${min} and ${max}, in decimal digits only`,
    value,
    env: z
      .string()
      .regex(/^\d{1,16}$/)
      .transform(Number)
      .pipe(value),
  };
}

/** One of the listed words; environment values in any case. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T): Rule<T[number]> {
  const value = z.enum(values);
  return {
    text: `one of ${values.join(', ')}`,
    envText: `one of ${values.join(', ')} (any case)`,
    value,
    env: z
      .string()
      .transform((raw) => raw.toLowerCase())
      .pipe(value),
  };
}

const HOST_PORT = /^[^\s:,/]+:(\d{1,5})$/;
const hostPort = z.string().refine((broker) => {
  const port = Number(HOST_PORT.exec(broker)?.[1]);
  return port >= 1 && port <= 65_535;
});

/** A non-empty list of `host:port`; an empty entry (`a:1,,b:2`) is an error, not skipped. */
export function brokerList(): Rule<string[]> {
  const value = z.array(hostPort).min(1);
  return {
    text: 'a non-empty list of "host:port" strings',
    envText: 'a comma-separated list of host:port without empty entries',
    value,
    env: z
      .string()
      .transform((raw) => raw.split(',').map((broker) => broker.trim()))
      .pipe(value),
  };
}

const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** Kafka's own rule: letters, digits, `.`, `_`, `-`, at most 249, neither `.` nor `..`. */
export function topicName(): Rule<string> {
  const value = z.string().refine((topic) => TOPIC.test(topic) && topic !== '.' && topic !== '..');
  return {
    text: 'a Kafka topic name: 1 to 249 letters, digits, ".", "_" or "-" (not "." or "..")',
    get envText() {
      return this.text;
    },
    value,
    env: value,
  };
}

/**
 * The Postgres schema name of the outbox and every table beside it. An identifier that needs no quoting in
 * psql (lower case recommended, since unquoted SQL folds to lower case), at most 56 characters so that the
 * NOTIFY channel `<schema>_events` stays within Postgres' 63-byte identifier limit.
 */
export const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,55}$/;

export function schemaName(): Rule<string> {
  const value = z.string().regex(SCHEMA_NAME);
  return {
    text: 'a Postgres identifier: a letter or "_", then letters, digits or "_", at most 56 characters (lower case recommended)',
    get envText() {
      return this.text;
    },
    value,
    env: value,
  };
}

/** A URL with one of the protocols (`postgres:`). */
export function url(protocols: readonly string[]): Rule<string> {
  const value = z.string().refine((raw) => {
    try {
      const parsed = new URL(raw);
      return protocols.includes(parsed.protocol) && parsed.host !== '';
    } catch {
      return false;
    }
  });
  return {
    text: `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')} and naming a host`,
    get envText() {
      return this.text;
    },
    value,
    env: value,
  };
}

/** Any text of 1 to `max` characters. */
export function text(max: number): Rule<string> {
  const value = z.string().min(1).max(max);
  const words = `a non-empty string of at most ${max} characters`;
  return { text: words, envText: words, value, env: value };
}

/** The path of a readable file; parses to the file's contents (a PEM certificate or key). */
export function file(): Rule<string> {
  return {
    text: 'the path of a readable file',
    envText: 'the path of a readable file',
    value: z.string(),
    env: z.string().transform((path, ctx) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        // The reason (ENOENT, EACCES) is shown after the value: `params.detail`.
        const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        ctx.addIssue({ code: 'custom', message: reason, params: { detail: reason } });
        return z.NEVER;
      }
    }),
  };
}
