// Validation of the console's options, in one place: every error names the option path and the fix.
import { checkSchemaName, type Logger, parseKafkaSettings } from '@commercebridge/config';
import { ConsoleError } from './errors.ts';
import type { ConsoleOptions, KafkaOptions, ReadStatusOptions } from './types.ts';

/** (Default: '127.0.0.1': the console is reachable from this machine only) */
export const DEFAULT_HOST = '127.0.0.1';
/** (Default: 0: any free port) */
export const DEFAULT_PORT = 0;

function invalid(path: string, rule: string, got: unknown): ConsoleError {
  let shown: string;
  try {
    shown = typeof got === 'string' ? JSON.stringify(got) : (JSON.stringify(got) ?? String(got));
  } catch {
    shown = typeof got;
  }
  return new ConsoleError('CONSOLE_INVALID_OPTION', `${path} ${rule} (got ${shown})`);
}

function checkPool(path: string, pool: unknown): void {
  if (
    typeof pool !== 'object' ||
    pool === null ||
    typeof (pool as { query?: unknown }).query !== 'function'
  ) {
    throw invalid(path, 'must be a pg.Pool', typeof pool);
  }
}

function checkGroups(path: string, groups: unknown): readonly string[] | undefined {
  if (groups === undefined) return undefined;
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string' || !g)) {
    throw invalid(path, 'must be a list of consumer group ids', groups);
  }
  return groups;
}

export interface ResolvedStatusOptions {
  pool: ReadStatusOptions['pool'];
  schema: string;
  kafka: KafkaOptions;
  groups: readonly string[] | undefined;
  dlqPending: boolean;
  logger: Logger | undefined;
}

export function resolveStatusOptions(
  options: ReadStatusOptions,
  path = '/readStatus',
): ResolvedStatusOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalid(path, 'must be an options object { pool, schema?, kafka }', options);
  }
  checkPool(`${path}/pool`, options.pool);
  const dlqPending = options.dlqPending ?? true;
  if (typeof dlqPending !== 'boolean')
    throw invalid(`${path}/dlqPending`, 'must be true or false', dlqPending);
  return {
    pool: options.pool,
    schema: checkSchemaName(options.schema, `${path}/schema`),
    kafka: parseKafkaSettings(options.kafka, `${path}/kafka`),
    groups: checkGroups(`${path}/groups`, options.groups),
    dlqPending,
    logger: options.logger?.child({ component: 'console' }),
  };
}

export interface ResolvedConsoleOptions extends ResolvedStatusOptions {
  host: string;
  port: number;
  readOnly: boolean;
  token: string | undefined;
  tail: boolean;
}

export function resolveConsoleOptions(options: ConsoleOptions): ResolvedConsoleOptions {
  const status = resolveStatusOptions(options, '/console');
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw invalid('/console/port', 'must be an integer between 0 and 65535 (0: any free port)', port);
  }
  const host = options.host ?? DEFAULT_HOST;
  if (typeof host !== 'string' || host === '') {
    throw invalid('/console/host', 'must be an address to listen on, e.g. "127.0.0.1"', host);
  }
  if (options.registryUrl !== undefined && options.codec !== undefined) {
    throw invalid(
      '/console/registryUrl',
      'cannot be combined with codec: pass one of them',
      options.registryUrl,
    );
  }
  if (options.token !== undefined && (typeof options.token !== 'string' || options.token.length < 16)) {
    // Never echo the value: it is a secret.
    throw new ConsoleError(
      'CONSOLE_INVALID_OPTION',
      '/console/token must be a string of at least 16 characters (e.g. openssl rand -hex 24)',
    );
  }
  const tail = options.tail ?? true;
  if (typeof tail !== 'boolean') throw invalid('/console/tail', 'must be true or false', tail);
  return { ...status, host, port, readOnly: options.readOnly === true, token: options.token, tail };
}
