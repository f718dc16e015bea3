// Programmatic options checked with the rules of the variable table: errors name the option path.
import type * as z from 'zod';
import { ConfigError } from './errors.ts';
import { redact } from './redact.ts';
import { schemaName as schemaRule } from './rules.ts';
import { VARIABLES } from './variables.ts';

/** The value as an error may show it: JSON, any URL password removed. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = typeof value;
  }
  return redact(text);
}

/**
 * Checks one option against a rule; throws ConfigError naming `path` (`/relay/batchSize must be an integer
 * between 1 and 10000 (got 0)`). With `secret`, the value is never echoed.
 */
export function checkOption<T>(
  rule: { readonly text: string; readonly value: z.ZodType<T> },
  value: unknown,
  path: string,
  options: { secret?: boolean } = {},
): T {
  const result = rule.value.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${path}/${issue.path.join('/')}` : path;
  const got = options.secret ? '' : ` (got ${shown(value)})`;
  const part = where === path ? '' : ` (${where} is not)`;
  throw new ConfigError(where, `${path} must be ${rule.text}${part}${got}`);
}

const SCHEMA = schemaRule();

/**
 * The one schema-name rule (outbox, relay, consumers, modules, console, CLI): a Postgres identifier of at most
 * 56 characters. `undefined` gives the default.
 */
export function checkSchemaName(value: unknown, path: string): string {
  return value === undefined ? VARIABLES.OUTBOX_SCHEMA.default : checkOption(SCHEMA, value, path);
}
