// `console`: the operator console (an HTTP server with a small web UI) until SIGTERM/SIGINT.
import type { Command } from 'commander';
import {
  cliLogger,
  codecFor,
  type GlobalOptions,
  kafkaSettings,
  loadCatalog,
  loadEnv,
  openPool,
  parseInteger,
  schemaOf,
  stdio,
  usageError,
} from '../context.ts';

export function register(program: Command): void {
  program
    .command('console')
    .description('serve the operator console: backlog, leases, lag, DLQ redrive/purge, jobs retry/cancel')
    .option('--port <n>', 'port to listen on (0: any free port)', '4100')
    .option('--host <address>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--catalog <module>', 'module exporting your catalog (redrive routes with it)')
    .option('--wire <mode>', 'headers or registry (Default: registry when SCHEMA_REGISTRY_URL is set)')
    .option('--group <id...>', 'only these consumer groups in the lag table (Default: every group)')
    .option('--read-only', 'turn every action off (redrive, purge, retry, cancel)')
    .addHelpText(
      'after',
      '\nCONSOLE_TOKEN (at least 16 characters) makes actions require it; the page asks for it once per tab.\n' +
        'On an address other than loopback, CONSOLE_TOKEN or --read-only is required.',
    )
    .action(
      async (
        flags: {
          port: string;
          host: string;
          catalog?: string;
          wire?: string;
          group?: string[];
          readOnly?: boolean;
        },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const env = loadEnv(globals);
        const port = parseInteger('--port', flags.port, 0, 65_535);
        const token = env['CONSOLE_TOKEN'] || undefined;
        if (token !== undefined && token.length < 16) {
          throw usageError('CONSOLE_TOKEN must be at least 16 characters (e.g. openssl rand -hex 24)');
        }
        const loopback = ['127.0.0.1', 'localhost', '::1'].includes(flags.host);
        if (!loopback && token === undefined && !flags.readOnly) {
          throw usageError(
            `--host ${flags.host} exposes the console's actions: set CONSOLE_TOKEN, or pass --read-only`,
          );
        }
        const kafka = kafkaSettings(env);
        const catalog = await loadCatalog(flags.catalog, env);
        const codec = codecFor(catalog, flags.wire, env);
        const { createConsole } = await import('@commercebridge/console');
        const pool = openPool(env, 4);
        const server = createConsole({
          pool,
          schema: schemaOf(globals, env),
          kafka,
          port,
          host: flags.host,
          catalog,
          codec,
          readOnly: flags.readOnly === true,
          logger: cliLogger(env, 'console'),
          ...(token ? { token } : {}),
          ...(flags.group ? { groups: flags.group } : {}),
        });
        const { url } = await server.start();
        stdio.out(`console listening on ${url}`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await server.stop();
        await pool.end();
      },
    );
}
