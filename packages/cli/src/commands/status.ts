// `status`: backlog, slot leases, consumer lag, DLQ depth and job counts, read from Postgres and Kafka alone.
import type { Section, Status } from '@commercebridge/console';
import type { Command } from 'commander';
import {
  type GlobalOptions,
  json,
  kafkaSettings,
  loadEnv,
  schemaOf,
  stdio,
  table,
  withPool,
} from '../context.ts';

const age = (ms: number | null) =>
  ms === null
    ? '-'
    : ms < 1000
      ? `${ms}ms`
      : ms < 120_000
        ? `${(ms / 1000).toFixed(1)}s`
        : `${Math.round(ms / 60_000)}m`;

function section<T>(name: string, value: Section<T>, print: (ok: T) => void): void {
  stdio.out(`\n${name}`);
  if (value.status === 'ok') print(value);
  else if (value.status === 'not-installed') stdio.out(`  not installed: ${value.reason}`);
  else stdio.out(`  unavailable: ${value.error.code ? `${value.error.code}: ` : ''}${value.error.message}`);
}

function print(status: Status): void {
  stdio.out(`schema "${status.schema}" at ${status.readAt}`);
  section('outbox', status.outbox, (o) => {
    stdio.out(
      `  backlog ${o.backlog}, oldest unpublished ${age(o.oldestAgeMs)}, ${o.slotCount} slots (${o.slotCountSource})`,
    );
    stdio.out(
      table(
        o.slots.map((s) => ({
          slot: s.slot,
          backlog: s.backlog,
          oldest: age(s.oldestAgeMs),
          owner: s.owner,
          lease: s.owner === null ? '-' : s.leaseLive ? `live, renewed ${age(s.leaseAgeMs)} ago` : 'expired',
        })),
      ),
    );
    if (o.relays.length > 0) {
      stdio.out(
        table(
          o.relays.map((r) => ({
            relay: r.relayId,
            alive: r.alive,
            since: r.startedAt,
            slots: r.slots.join(','),
          })),
        ),
      );
    }
  });
  section('consumer groups', status.consumers, (c) => {
    if (c.groups.length === 0) stdio.out('  (no group has committed offsets)');
    for (const g of c.groups) {
      stdio.out(`  ${g.groupId}: ${g.state ?? 'unknown'}, lag ${g.lag}`);
      stdio.out(table(g.partitions.map((p) => ({ ...p })) as Array<Record<string, unknown>>));
    }
  });
  section('dead-letter topics', status.dlq, (d) =>
    stdio.out(table(d.topics.map((t) => ({ topic: t.topic, depth: t.depth, pending: t.pending })))),
  );
  section('jobs', status.jobs, (j) =>
    stdio.out(table(Object.entries(j.queues).map(([queue, counts]) => ({ queue, ...counts })))),
  );
}

export function register(program: Command): void {
  program
    .command('status')
    .description(
      'backlog per slot, slot owners and leases, consumer lag, DLQ depth, job counts (no relay needed)',
    )
    .option('--group <id...>', 'only these consumer groups (Default: every group)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExits 2 when a section could not be read (it says why); the others are still printed.',
    )
    .action(async (flags: { group?: string[]; json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      const kafka = kafkaSettings(env);
      const { readStatus } = await import('@commercebridge/console');
      const status = await withPool(env, (pool) =>
        readStatus({
          pool,
          schema: schemaOf(globals, env),
          kafka,
          ...(flags.group ? { groups: flags.group } : {}),
        }),
      );
      if (flags.json) stdio.out(json(status));
      else print(status);
      const failed = [status.outbox, status.consumers, status.dlq, status.jobs].some(
        (s) => s.status === 'error',
      );
      if (failed) process.exitCode = 2;
    });
}
