// `migrate`, `migrate status`: the outbox's tables and, unless --no-modules, the queue/logs/notifications tables.
import type { Command } from 'commander';
import { type GlobalOptions, json, loadEnv, schemaOf, stdio, table, withPool } from '../context.ts';

export function register(program: Command): void {
  const migrate = program
    .command('migrate')
    .description('create or upgrade the tables of the outbox (and of the modules) in the schema')
    .option('--no-modules', 'only the outbox tables, not the queue, logs and notifications tables')
    .action(async (options: { modules: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      const schema = schemaOf(globals, env);
      const { migrate: migrateOutbox } = await import('@commercebridge/outbox');
      await withPool(env, async (pool) => {
        const outbox = await migrateOutbox({ pool, schema });
        report('outbox', schema, outbox.applied);
        if (options.modules) {
          const { migrateModules } = await import('@commercebridge/modules');
          report('modules', schema, (await migrateModules(pool, schema)).applied);
        }
      });
    });

  migrate
    .command('status')
    .description('list the migrations of the outbox and the modules: applied, pending or changed')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const env = loadEnv(globals);
      const schema = schemaOf(globals, env);
      const { migrationStatus } = await import('@commercebridge/outbox');
      const { moduleMigrationStatus } = await import('@commercebridge/modules');
      const rows = await withPool(env, async (pool) => [
        ...(await migrationStatus({ pool, schema })).map((m) => ({ set: 'outbox', ...m })),
        ...(await moduleMigrationStatus(pool, schema)).map((m) => ({ set: 'modules', ...m })),
      ]);
      if (options.json) stdio.out(json({ schema, migrations: rows }));
      else {
        stdio.out(`schema "${schema}"`);
        stdio.out(table(rows, ['set', 'version', 'name', 'state']));
      }
      const pending = rows.filter((r) => r.state !== 'applied').length;
      if (!options.json && pending > 0) stdio.out(`${pending} not applied: run \`commercebridge migrate\``);
    });
}

function report(
  set: string,
  schema: string,
  applied: ReadonlyArray<{ version: number; name: string }>,
): void {
  const names = applied.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`);
  stdio.out(
    names.length > 0
      ? `${set}: schema "${schema}": applied ${names.join(', ')}`
      : `${set}: schema "${schema}": up to date`,
  );
}
