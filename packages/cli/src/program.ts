// The `commercebridge` command: one program, one exit-code table (context.ts, EXIT), lazy command modules.
import { readFileSync } from 'node:fs';
import { redact } from '@commercebridge/config';
import { Command, CommanderError } from 'commander';
import { register as cleanup } from './commands/cleanup.ts';
import { register as consoleCommand } from './commands/console.ts';
import { register as dlq } from './commands/dlq.ts';
import { register as jobs } from './commands/jobs.ts';
import { register as migrate } from './commands/migrate.ts';
import { register as outbox } from './commands/outbox.ts';
import { register as relay } from './commands/relay.ts';
import { register as replay } from './commands/replay.ts';
import { register as schemas } from './commands/schemas.ts';
import { register as status } from './commands/status.ts';
import { register as topics } from './commands/topics.ts';
import { CliError, EXIT, stdio } from './context.ts';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const ENVIRONMENT = `
Environment (also read from .env in the working directory, or --env-file):
  DATABASE_URL            postgres:// URL of the outbox (migrate, relay, status, dlq redrive, outbox, jobs, cleanup)
  KAFKA_BROKERS           host:port,... (relay, status, dlq, replay, topics)
  KAFKA_CLIENT_ID, KAFKA_ENABLE_SSL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD
  OUTBOX_SCHEMA           the Postgres schema (Default: commercebridge); --schema overrides it
  SCHEMA_REGISTRY_URL     registry (ccompat) URL; SCHEMA_REGISTRY_USERNAME/_PASSWORD or SCHEMA_REGISTRY_TOKEN
  COMMERCEBRIDGE_CATALOG  module exporting your catalog; --catalog overrides it

Exit codes: 0 ok, 1 bad usage or configuration, 2 failed.`;

export function buildProgram(): Command {
  const program = new Command('commercebridge')
    .description(
      'transactional outbox on Postgres and Kafka: migrations, relay, DLQ, parked events, replay, schemas, jobs',
    )
    .version(version, '-V, --version')
    .option('--env-file <path>', 'read variables from this file (Default: .env when present)')
    .option('--schema <name>', 'the Postgres schema of the outbox (Default: OUTBOX_SCHEMA or commercebridge)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', ENVIRONMENT);
  for (const register of [
    migrate,
    relay,
    status,
    dlq,
    outbox,
    replay,
    schemas,
    topics,
    cleanup,
    jobs,
    consoleCommand,
  ])
    register(program);
  return program;
}

/** Runs the command line and resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; every parse error (unknown flag, missing argument) is usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      stdio.err(`commercebridge: ${redact(error.message)}`);
      return error.exitCode;
    }
    const code = (error as { code?: unknown }).code;
    const prefix = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? `${code}: ` : '';
    stdio.err(`commercebridge: ${prefix}${redact((error as Error).message ?? String(error))}`);
    return isConfigError(code) ? EXIT.usage : EXIT.failed;
  }
}

/** Typed errors of the libraries that mean "fix your input". */
function isConfigError(code: unknown): boolean {
  return typeof code === 'string' && /_INVALID_(OPTION|CONFIG)$/.test(code);
}
