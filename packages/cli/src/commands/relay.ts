// `relay`: the relay process, configured by the environment (see the relay's README for every variable).
import type { Command } from 'commander';
import { type GlobalOptions, loadCatalog, loadEnv } from '../context.ts';

export function register(program: Command): void {
  program
    .command('relay')
    .description(
      'publish the outbox to Kafka until SIGTERM/SIGINT (configured by KAFKA_*, DATABASE_URL, RELAY_*)',
    )
    .option('--catalog <module>', 'module exporting your catalog (defineCatalog); env COMMERCEBRIDGE_CATALOG')
    .addHelpText(
      'after',
      '\nExit codes: 0 stopped gracefully, 1 bad configuration (names the variable), 2 cannot start or shutdown cut short.',
    )
    .action(async (options: { catalog?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      if (globals.schema !== undefined) env['OUTBOX_SCHEMA'] = globals.schema;
      const catalog = await loadCatalog(options.catalog, env);
      const { runRelayProcess } = await import('@commercebridge/relay');
      process.exitCode = await runRelayProcess({ env, catalog });
    });
}
