// What every command shares: exit codes, errors, the environment (with `.env`), and the clients built from it.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseEnv } from 'node:util';
import {
  type Config,
  checkSchemaName,
  createKafkaClient,
  createLogger,
  isKafkaAccessError,
  type KafkaSettings,
  type Logger,
  type RegistrySettings,
  readConfig,
  requireDatabaseUrl,
  requireKafka,
  toKafkaAccessError,
} from '@commercebridge/config';
import {
  catalog as builtinCatalog,
  type Catalog,
  createWireCodec,
  type WireCodec,
} from '@commercebridge/schemas';
import pg from 'pg';

/** The exit codes of every command. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Bad usage or configuration: a flag, an argument or a variable; the message names it and the fix. */
  usage: 1,
  /** The command ran and failed (a server unreachable, a breaking schema change, an operation refused). */
  failed: 2,
} as const;

/** An error the CLI prints as one line and turns into its exit code, without a stack. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failed) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);

export type Env = Record<string, string | undefined>;

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  envFile?: string;
  schema?: string;
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const stdio: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/**
 * The environment of a command: `process.env` over the variables of the `.env` file (`--env-file`, or `.env` in
 * the working directory when present). Variables already set win, as with `node --env-file`.
 */
export function loadEnv(globals: GlobalOptions, base: Env = process.env): Env {
  const explicit = globals.envFile !== undefined;
  const path = resolve(globals.envFile ?? '.env');
  if (!existsSync(path)) {
    if (explicit)
      throw usageError(`--env-file ${globals.envFile}: no such file; pass the path of a .env file`);
    return { ...base };
  }
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw usageError(`${path}: not a readable .env file (${(error as Error).message})`);
  }
  return { ...parsed, ...base };
}

/** Runs a configuration parser and reports its error as bad configuration (exit 1). */
export function config<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

/** The environment parsed by @commercebridge/config (every variable checked); errors exit 1. */
export function envConfig(env: Env): Config {
  return config(() => readConfig(env));
}

/** The outbox schema: `--schema`, else `OUTBOX_SCHEMA`, else the default; the one schema-name rule. */
export function schemaOf(globals: GlobalOptions, env: Env): string {
  if (globals.schema !== undefined) return config(() => checkSchemaName(globals.schema, '--schema'));
  return envConfig(env).env.OUTBOX_SCHEMA;
}

export type { KafkaSettings };

/** The Kafka connection of KAFKA_* (TLS, SASL). */
export function kafkaSettings(env: Env): KafkaSettings {
  return config(() => requireKafka(readConfig(env)));
}

/**
 * The CLI's logger for the components a command runs (console, DLQ tools): JSON lines on stderr, so that
 * stdout keeps the command's own output, from level COMMERCEBRIDGE_LOG_LEVEL.
 */
export function cliLogger(env: Env, component = 'cli'): Logger {
  return createLogger({
    level: envConfig(env).env.COMMERCEBRIDGE_LOG_LEVEL,
    component,
    destination: (line) => process.stderr.write(`${line}\n`),
  });
}

/** A pool on `DATABASE_URL`; the caller ends it. */
export function openPool(env: Env, max = 2): pg.Pool {
  const connectionString = config(() => requireDatabaseUrl(readConfig(env)));
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {}); // an idle client's error surfaces on the next query
  return pool;
}

/** Runs `fn` with a pool and ends the pool afterwards. */
export async function withPool<T>(env: Env, fn: (pool: pg.Pool) => Promise<T>, max = 2): Promise<T> {
  const pool = openPool(env, max);
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/**
 * The user's catalog: the module named by `--catalog` (or `COMMERCEBRIDGE_CATALOG`), exporting `catalog` or a
 * default export made by `defineCatalog`; the built-in catalog when neither is given.
 */
export async function loadCatalog(modulePath: string | undefined, env: Env): Promise<Catalog> {
  const given = modulePath ?? envConfig(env).env.COMMERCEBRIDGE_CATALOG;
  if (given === undefined || given === '') return builtinCatalog;
  const source = modulePath !== undefined ? '--catalog' : 'COMMERCEBRIDGE_CATALOG';
  const path = isAbsolute(given) ? given : resolve(given);
  if (!existsSync(path)) {
    throw usageError(`${source} ${given}: no such file; pass the path of a module that exports your catalog`);
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw usageError(`${source} ${given}: the module failed to load: ${(error as Error).message}`);
  }
  const candidate = module['catalog'] ?? module['default'];
  if (!isCatalog(candidate)) {
    throw usageError(
      `${source} ${given}: the module must export \`catalog\` (or a default export) made by defineCatalog(...)`,
    );
  }
  return candidate;
}

function isCatalog(value: unknown): value is Catalog {
  if (typeof value !== 'object' || value === null) return false;
  const { events, sources } = value as Partial<Catalog>;
  return typeof events === 'object' && events !== null && typeof sources === 'object' && sources !== null;
}

/** SCHEMA_REGISTRY_URL with the request headers of SCHEMA_REGISTRY_USERNAME/_PASSWORD or _TOKEN. */
export function registryAuth(env: Env): RegistrySettings | undefined {
  return envConfig(env).registry;
}

/** The wire codec: `--wire`, else registry mode when `SCHEMA_REGISTRY_URL` is set, else headers mode. */
export function codecFor(catalog: Catalog, wire: string | undefined, env: Env): WireCodec<Catalog> {
  const registry = registryAuth(env);
  const mode = wire ?? (registry ? 'registry' : 'headers');
  if (mode === 'headers') return createWireCodec(catalog, { mode: 'headers' });
  if (mode !== 'registry')
    throw usageError(`--wire must be headers or registry (got ${JSON.stringify(mode)})`);
  if (!registry) throw usageError("--wire registry needs SCHEMA_REGISTRY_URL (the registry's ccompat URL)");
  return config(() => createWireCodec(catalog, { mode: 'registry', ...registry }));
}

/** Asks before a destructive step: `--yes` skips the question; without a terminal it is required. */
export async function confirm(question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) {
    throw usageError(`${question}: pass --yes to confirm (no terminal to ask on)`);
  }
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim()))
      throw new CliError('not confirmed: nothing was changed', EXIT.failed);
  } finally {
    rl.close();
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `15m`, `12h`, `7d`, `500ms` → milliseconds. */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match)
    throw usageError(
      `${flag} must be a duration such as 500ms, 30s, 15m, 12h or 7d (got ${JSON.stringify(value)})`,
    );
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** An ISO 8601 time, or a duration meaning that long ago (`--since 1h`). */
export function parseTime(flag: string, value: string): Date {
  if (/^\d+(ms|s|m|h|d)$/.test(value.trim())) return new Date(Date.now() - parseDuration(flag, value));
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw usageError(
      `${flag} must be an ISO 8601 time (2026-12-01T10:00:00Z) or a duration ago (1h) (got ${JSON.stringify(value)})`,
    );
  }
  return date;
}

export function parseInteger(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw usageError(`${flag} must be an integer between ${min} and ${max} (got ${JSON.stringify(value)})`);
  }
  return n;
}

/** A plain text table: one header row, columns padded to their widest cell. */
export function table(rows: ReadonlyArray<Record<string, unknown>>, columns?: readonly string[]): string {
  if (rows.length === 0) return '(none)';
  const keys = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((row) => keys.map((k) => cell(row[k])));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line([...keys]), ...cells.map(line)].join('\n');
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function json(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

/** Runs `fn` with a connected Kafka admin client. */
export async function withAdmin<T>(
  settings: KafkaSettings,
  fn: (admin: import('kafkajs').Admin) => Promise<T>,
): Promise<T> {
  const admin = createKafkaClient(settings).admin();
  try {
    await admin.connect();
  } catch (error) {
    // A refused login, an untrusted CA or a missing ACL says what to fix by itself.
    if (isKafkaAccessError(error)) throw error;
    throw new CliError(
      `cannot reach Kafka at ${settings.brokers.join(',')} (KAFKA_BROKERS): ${(error as Error).message}`,
    );
  }
  try {
    return await fn(admin);
  } catch (error) {
    // A principal without the ACL of the operation (creating a topic, describing a group).
    throw toKafkaAccessError(error, settings) ?? error;
  } finally {
    await admin.disconnect();
  }
}
