// `replay`: moves a stopped consumer group back in time.
import type { Command } from 'commander';
import {
  type GlobalOptions,
  json,
  kafkaSettings,
  loadEnv,
  parseTime,
  schemaOf,
  stdio,
  withPool,
} from '../context.ts';

export function register(program: Command): void {
  program
    .command('replay')
    .description(
      "move a stopped consumer group's offsets back to a time; the inbox skips events already handled",
    )
    .requiredOption('--group <id>', 'the consumer group (it must have no members)')
    .requiredOption('--topic <topic...>', 'the topics to replay')
    .requiredOption('--from <time>', 'ISO 8601 time, or a duration ago (2h)')
    .option('--reprocess', "also forget the group's inbox rows from there, so handlers run again")
    .action(
      async (
        flags: { group: string; topic: string[]; from: string; reprocess?: boolean },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const env = loadEnv(globals);
        const from = parseTime('--from', flags.from);
        const kafka = kafkaSettings(env);
        const { replay } = await import('@commercebridge/consumers');
        const base = {
          ...kafka,
          groupId: flags.group,
          topics: flags.topic,
          from,
          schema: schemaOf(globals, env),
        };
        const result = flags.reprocess
          ? await withPool(env, (pool) => replay({ ...base, reprocess: true, pool }))
          : await replay(base);
        stdio.out(json(result));
      },
    );
}
