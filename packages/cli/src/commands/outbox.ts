// `outbox parked list|retry|purge`: events the relay set aside (RELAY_UNPUBLISHABLE=park), in Postgres.
import type { ParkedEvent, ParkedFilter } from '@commercebridge/outbox';
import type { Command } from 'commander';
import {
  confirm,
  type GlobalOptions,
  json,
  loadEnv,
  parseInteger,
  schemaOf,
  stdio,
  table,
  usageError,
  withPool,
} from '../context.ts';

interface SelectFlags {
  id?: string[];
  all?: boolean;
  code?: string;
  topic?: string;
}

/** Rows shown in a table before "... and N more". */
const SHOWN = 50;

function filterOptions(command: Command): Command {
  return command
    .option('--code <code>', 'only events parked with this reason (e.g. RELAY_TOPIC_MISSING)')
    .option('--topic <topic>', 'only events of this topic');
}

function filterOf(flags: SelectFlags): ParkedFilter {
  const filter: ParkedFilter = {};
  if (flags.id !== undefined) filter.ids = flags.id;
  if (flags.code !== undefined) filter.code = flags.code;
  if (flags.topic !== undefined) filter.topic = flags.topic;
  return filter;
}

const summary = (p: ParkedEvent) => ({
  position: p.position,
  id: p.eventId,
  type: p.eventType,
  topic: p.topic,
  key: p.partitionKey,
  code: p.reasonCode,
  attempts: p.attempts,
  'parked at': p.parkedAt,
  reason: p.reasonMessage.length > 60 ? `${p.reasonMessage.slice(0, 57)}...` : p.reasonMessage,
});

function printSelection(selected: ParkedEvent[]): void {
  const more = selected.length > SHOWN ? `\n... and ${selected.length - SHOWN} more` : '';
  stdio.out(
    `${table(selected.slice(0, SHOWN).map(summary))}${more}\n${selected.length} parked events selected`,
  );
}

async function withOutboxPool<T>(
  command: Command,
  fn: (pool: import('pg').Pool, schema: string) => Promise<T>,
): Promise<T> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const env = loadEnv(globals);
  return withPool(env, (pool) => fn(pool, schemaOf(globals, env)));
}

/** The rows a retry or purge acts on: `--id`, or `--all` (both narrowed by --code/--topic). */
async function select(pool: import('pg').Pool, schema: string, flags: SelectFlags): Promise<ParkedEvent[]> {
  if ((flags.id === undefined) === (flags.all !== true)) {
    throw usageError('pass --id <event-id...> or --all (narrowed by --code and --topic), not both');
  }
  const { listParked } = await import('@commercebridge/outbox');
  const selected = await listParked(pool, { schema, ...filterOf(flags), limit: 1_000_000 });
  const found = new Set(selected.map((p) => p.eventId));
  const missing = (flags.id ?? []).filter((id) => !found.has(id.toLowerCase()));
  if (missing.length > 0) {
    stdio.err(`not parked (already retried or purged, another filter, or a wrong id): ${missing.join(', ')}`);
    process.exitCode = 2;
  }
  return selected;
}

export function register(program: Command): void {
  const outbox = program.command('outbox').description('the outbox tables: parked events');
  const parked = outbox
    .command('parked')
    .description(
      'events the relay could not publish and set aside (RELAY_UNPUBLISHABLE=park): list, retry, purge',
    );

  filterOptions(
    parked
      .command('list')
      .description('parked events in position order (the order a retry publishes them in), with the reason')
      .option('--limit <n>', 'at most this many (Default: 1000)', '1000')
      .option('--json', 'print JSON (one object per event)'),
  ).action(async (flags: SelectFlags & { limit: string; json?: boolean }, command: Command) => {
    const limit = parseInteger('--limit', flags.limit, 1, 1_000_000);
    const { listParked } = await import('@commercebridge/outbox');
    const list = await withOutboxPool(command, (pool, schema) =>
      listParked(pool, { schema, ...filterOf(flags), limit }),
    );
    if (flags.json) stdio.out(json(list));
    else stdio.out(`${table(list.map(summary))}\n${list.length} parked events`);
  });

  filterOptions(
    parked
      .command('retry')
      .description(
        'move parked events back into the outbox, at their original positions and with their event ids: the ' +
          'relay publishes each once, in their original order, before anything later of their keys',
      )
      .option('--id <event-id...>', 'these events (event ids, from `outbox parked list`)')
      .option('--all', 'every parked event (narrowed by --code and --topic)')
      .option('--dry-run', 'list what would be retried and change nothing')
      .option('-y, --yes', 'do not ask for confirmation'),
  ).action(async (flags: SelectFlags & { dryRun?: boolean; yes?: boolean }, command: Command) => {
    await withOutboxPool(command, async (pool, schema) => {
      const selected = await select(pool, schema, flags);
      printSelection(selected);
      if (flags.dryRun || selected.length === 0) return;
      await confirm(`retry ${selected.length} parked events (back into the outbox)`, flags.yes);
      const { retryParked } = await import('@commercebridge/outbox');
      const result = await retryParked(pool, { schema, ids: selected.map((p) => p.eventId) });
      stdio.out(
        json({
          retried: result.retried.map((r) => r.eventId),
          duplicates: result.duplicates.map((d) => d.eventId),
        }),
      );
      // An event id that is in the outbox again stays parked: the operator decides (purge it).
      if (result.duplicates.length > 0) process.exitCode = 2;
    });
  });

  filterOptions(
    parked
      .command('purge')
      .description(
        'delete parked events for good (never published); events of streams are kept (retry those instead)',
      )
      .option('--id <event-id...>', 'these events (event ids, from `outbox parked list`)')
      .option('--all', 'every parked event (narrowed by --code and --topic)')
      .option('--dry-run', 'list what would be purged and change nothing')
      .option('-y, --yes', 'do not ask for confirmation'),
  ).action(async (flags: SelectFlags & { dryRun?: boolean; yes?: boolean }, command: Command) => {
    await withOutboxPool(command, async (pool, schema) => {
      const selected = await select(pool, schema, flags);
      printSelection(selected);
      if (flags.dryRun || selected.length === 0) return;
      await confirm(`delete ${selected.length} parked events (they will never be published)`, flags.yes);
      const { purgeParked } = await import('@commercebridge/outbox');
      const result = await purgeParked(pool, { schema, ids: selected.map((p) => p.eventId) });
      stdio.out(
        json({
          purged: result.purged.map((p) => p.eventId),
          kept: result.kept.map((k) => ({ id: k.eventId, stream: k.streamId })),
        }),
      );
      if (result.kept.length > 0) process.exitCode = 2;
    });
  });
}
