// `cleanup`: deletes published outbox rows older than a retention.
import type { Command } from 'commander';
import {
  type GlobalOptions,
  json,
  loadEnv,
  parseDuration,
  parseInteger,
  schemaOf,
  stdio,
  withPool,
} from '../context.ts';

export function register(program: Command): void {
  program
    .command('cleanup')
    .description(
      'delete published outbox events older than --older-than (unpublished rows and streams are kept)',
    )
    .requiredOption('--older-than <duration>', 'e.g. 7d, 12h')
    .option('--batch-size <n>', 'rows per delete statement (Default: 1000)')
    .action(async (flags: { olderThan: string; batchSize?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      const olderThan = parseDuration('--older-than', flags.olderThan);
      const batchSize =
        flags.batchSize === undefined ? undefined : parseInteger('--batch-size', flags.batchSize, 1, 100_000);
      const { cleanup, fromPg } = await import('@commercebridge/outbox');
      const result = await withPool(env, (pool) =>
        cleanup(fromPg(pool), {
          schema: schemaOf(globals, env),
          olderThan,
          ...(batchSize ? { batchSize } : {}),
        }),
      );
      stdio.out(json(result));
    });
}
