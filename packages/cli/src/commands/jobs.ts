// `jobs list|show|retry|cancel`: the queue module's jobs, read and changed in Postgres.
import type { JobRecord, JobStatus } from '@commercebridge/modules';
import { type Command, Option } from 'commander';
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

const STATUSES = ['scheduled', 'pending', 'processing', 'failed', 'completed', 'dead', 'cancelled'];

async function withJobs<T>(
  command: Command,
  fn: (admin: import('@commercebridge/modules').JobsAdmin) => Promise<T>,
) {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const env = loadEnv(globals);
  const { createJobsAdmin } = await import('@commercebridge/modules');
  return withPool(env, (pool) => fn(createJobsAdmin({ pool, schema: schemaOf(globals, env) })));
}

const row = (j: JobRecord) => ({
  id: j.jobId,
  queue: j.queue,
  type: j.type,
  status: j.status,
  attempts: `${j.attempts}/${j.maxAttempts}`,
  priority: j.priority,
  'run at': j.runAt,
  updated: j.updatedAt,
  error: j.lastErrorCode ?? (j.lastError ? j.lastError.slice(0, 40) : null),
});

export function register(program: Command): void {
  const jobs = program.command('jobs').description("the queue module's jobs: list, show, retry, cancel");

  jobs
    .command('list')
    .description('jobs, newest first; without --status, the counts per queue and status too')
    .addOption(new Option('--status <status>', 'only jobs in this status').choices(STATUSES))
    .option('--queue <name>', 'only jobs of this queue')
    .option('--limit <n>', 'at most this many (Default: 50)', '50')
    .option('--json', 'print JSON')
    .action(
      async (
        flags: { status?: JobStatus; queue?: string; limit: string; json?: boolean },
        command: Command,
      ) => {
        const limit = parseInteger('--limit', flags.limit, 1, 10_000);
        const { list, counts } = await withJobs(command, async (admin) => ({
          list: await admin.list({
            limit,
            ...(flags.status ? { status: flags.status } : {}),
            ...(flags.queue ? { queue: flags.queue } : {}),
          }),
          counts: await admin.counts(),
        }));
        if (flags.json) {
          stdio.out(json({ counts, jobs: list }));
          return;
        }
        const countRows = Object.entries(counts).map(([queue, byStatus]) => ({ queue, ...byStatus }));
        stdio.out(`${table(countRows)}\n\n${table(list.map(row))}`);
      },
    );

  jobs
    .command('show')
    .description('one job in full: status, attempts, lease, result, last error')
    .argument('<id>', 'the job id')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const job = await withJobs(command, (admin) => admin.status(id));
      if (!job) throw usageError(`no job ${id} in this schema (check --schema / OUTBOX_SCHEMA)`);
      stdio.out(json(job));
    });

  for (const action of ['retry', 'cancel'] as const) {
    jobs
      .command(action)
      .description(
        action === 'retry'
          ? 'make dead, cancelled, failed or scheduled jobs pending now (dead ones get their attempts back)'
          : 'cancel jobs not finished yet: never handed out again',
      )
      .argument('[ids...]', 'job ids')
      .option('--status <status>', `${action} every job in this status (with --queue: of that queue)`)
      .option('--queue <name>', 'with --status: only this queue')
      .option('--dry-run', 'list the jobs and change nothing')
      .option('-y, --yes', 'do not ask for confirmation')
      .action(
        async (
          ids: string[],
          flags: { status?: string; queue?: string; dryRun?: boolean; yes?: boolean },
          command: Command,
        ) => {
          if (ids.length === 0 && flags.status === undefined) {
            throw usageError(`jobs ${action} needs job ids or --status <status>`);
          }
          if (flags.status !== undefined && !STATUSES.includes(flags.status)) {
            throw usageError(
              `--status must be one of ${STATUSES.join(', ')} (got ${JSON.stringify(flags.status)})`,
            );
          }
          await withJobs(command, async (admin) => {
            let selected = ids;
            if (flags.status !== undefined) {
              const listed = await admin.list({
                status: flags.status as JobStatus,
                limit: 100_000,
                ...(flags.queue ? { queue: flags.queue } : {}),
              });
              selected = [...new Set([...ids, ...listed.map((j) => j.jobId)])];
            }
            stdio.out(`${selected.length} jobs selected`);
            if (flags.dryRun || selected.length === 0) return;
            if (flags.status !== undefined) await confirm(`${action} ${selected.length} jobs`, flags.yes);
            const changed = await admin[action](selected);
            const unchanged = selected.filter((id) => !changed.includes(id));
            stdio.out(json({ [action === 'retry' ? 'retried' : 'cancelled']: changed, unchanged }));
            if (unchanged.length > 0) process.exitCode = 2;
          });
        },
      );
  }
}
