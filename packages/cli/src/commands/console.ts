// `console`: the operator console (an HTTP server with a small web UI) until SIGTERM/SIGINT.
import type { Command } from 'commander';
import {
  codecFor,
  type GlobalOptions,
  kafkaSettings,
  loadCatalog,
  loadEnv,
  openPool,
  parseInteger,
  schemaOf,
  stdio,
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
    .action(
      async (
        flags: { port: string; host: string; catalog?: string; wire?: string; group?: string[] },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const env = loadEnv(globals);
        const port = parseInteger('--port', flags.port, 0, 65_535);
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
