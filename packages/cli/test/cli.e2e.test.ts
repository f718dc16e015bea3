// `commercebridge` as a user runs it: real processes, the real stack.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createTestSchema,
  createTopic,
  randomName,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import { repoRoot, stackEnv } from '../../../test/support/stack-env.ts';
import { DLQ_HEADERS } from '../../consumers/src/index.ts';
import { produce, wireMessages } from '../../consumers/test/support.ts';
import { cli, stack, TSX } from './support.ts';

const COMMANDS = [
  'migrate',
  'migrate status',
  'relay',
  'status',
  'dlq list',
  'dlq show',
  'dlq redrive',
  'dlq purge',
  'outbox parked list',
  'outbox parked retry',
  'outbox parked purge',
  'replay',
  'schemas gen',
  'schemas check',
  'schemas register',
  'topics ensure',
  'topics describe',
  'cleanup',
  'jobs list',
  'jobs show',
  'jobs retry',
  'jobs cancel',
  'console',
];

describe('commercebridge', () => {
  it('has --help on every command, --version, and exits 1 on bad usage naming the flag or variable', async () => {
    const helps = await Promise.all(COMMANDS.map((command) => cli([...command.split(' '), '--help'])));
    helps.forEach((help, i) => {
      expect(help.code, COMMANDS[i]).toBe(0);
      expect(help.stdout, COMMANDS[i]).toContain(`Usage: commercebridge ${COMMANDS[i]}`);
    });
    const top = await cli(['--help']);
    expect(top.stdout).toContain('Exit codes: 0 ok, 1 bad usage or configuration, 2 failed.');
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    const badFlag = await cli(['migrate', '--frobnicate']);
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toContain("unknown option '--frobnicate'");
    const noDatabase = await cli(['migrate']);
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toContain(
      'DATABASE_URL must be set: a URL starting with postgres:// or postgresql://',
    );
    const badSchema = await cli(['migrate'], { ...stack(), OUTBOX_SCHEMA: 'order-service' });
    expect(badSchema.code).toBe(1);
    expect(badSchema.stderr).toContain('OUTBOX_SCHEMA must be a Postgres identifier');
    const badFlagSchema = await cli(['--schema', 'order-service', 'migrate'], stack());
    expect(badFlagSchema.code).toBe(1);
    expect(badFlagSchema.stderr).toContain('--schema must be a Postgres identifier');
    const badTime = await cli(['dlq', 'list', 'x.dlq', '--since', 'yesterday'], stack());
    expect(badTime.code).toBe(1);
    expect(badTime.stderr).toContain('--since must be an ISO 8601 time');
    const secret = await cli(['migrate'], { DATABASE_URL: 'postgres://app:s3cret-pw@127.0.0.1:1/db' });
    expect(secret.code).toBe(2);
    expect(secret.stderr).not.toContain('s3cret-pw');
  });

  it('migrates a schema configured by a .env file and reports every migration applied', async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'cli');
    const envFile = join(tmpdir(), `${schema}.env`);
    writeFileSync(envFile, `DATABASE_URL=${stackEnv().DATABASE_URL}\nOUTBOX_SCHEMA=${schema}\n`);
    onTestFinished(() => rmSync(envFile, { force: true }));

    const before = await cli(['--env-file', envFile, 'migrate', 'status', '--json']);
    expect(before.code).toBe(0);
    const pending = JSON.parse(before.stdout) as { migrations: Array<{ set: string; state: string }> };
    expect(pending.migrations.length).toBeGreaterThan(0);
    expect(pending.migrations.every((m) => m.state === 'pending')).toBe(true);

    const applied = await cli(['--env-file', envFile, 'migrate']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`outbox: schema "${schema}": applied 0001_init`);
    expect(applied.stdout).toContain(`modules: schema "${schema}": applied 0001_module_tables`);

    const after = JSON.parse((await cli(['--env-file', envFile, 'migrate', 'status', '--json'])).stdout) as {
      migrations: Array<{ set: string; state: string }>;
    };
    expect(after.migrations.map((m) => m.state)).toEqual(pending.migrations.map(() => 'applied'));
    expect(new Set(after.migrations.map((m) => m.set))).toEqual(new Set(['outbox', 'modules']));
  });

  it("redrives a DLQ entry through the outbox to the topic the user's catalog routes it to", async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'cli');
    const env = { ...stack(), OUTBOX_SCHEMA: schema };
    expect((await cli(['migrate', '--no-modules'], env)).code).toBe(0);
    const topic = await createTopic(randomName('shop-orders'), 1);
    const dlqTopic = await createTopic(`${topic}.dlq`, 1);
    // The user's catalog, in the user's own module: order.placed goes to their topic, not the built-in one.
    const catalogFile = join(repoRoot, 'packages/cli/test', `.catalog-${schema}.ts`);
    writeFileSync(
      catalogFile,
      `import { commercebridge, defineCatalog, protoSources } from '@commercebridge/schemas';
export const catalog = defineCatalog(
  { 'order.placed': { topic: ${JSON.stringify(topic)}, message: commercebridge.orders.v1.OrderPlaced, key: (p) => p.orderId } },
  { sources: protoSources },
);
`,
    );
    onTestFinished(() => rmSync(catalogFile, { force: true }));
    const [message] = await wireMessages([
      { type: 'order.placed', payload: { orderId: 'o-1', customerId: 'c-1' } },
    ]);
    const now = new Date().toISOString();
    await produce(dlqTopic, [
      {
        key: message!.key,
        value: message!.value,
        headers: {
          ...message!.headers,
          [DLQ_HEADERS.errorCode]: 'CONSUMER_HANDLER_FAILED',
          [DLQ_HEADERS.errorMessage]: 'payment service said no',
          [DLQ_HEADERS.errorRetriable]: 'false',
          [DLQ_HEADERS.attempts]: '3',
          [DLQ_HEADERS.originalTopic]: topic,
          [DLQ_HEADERS.originalPartition]: '0',
          [DLQ_HEADERS.originalOffset]: '0',
          [DLQ_HEADERS.consumerGroup]: 'billing',
          [DLQ_HEADERS.firstFailureAt]: now,
          [DLQ_HEADERS.lastFailureAt]: now,
        },
      },
    ]);
    const id = `${dlqTopic}:0:0`;

    const listed = JSON.parse((await cli(['dlq', 'list', dlqTopic, '--json'], env)).stdout) as Array<{
      id: string;
      state: string;
      error: { code: string };
    }>;
    expect(listed.map((e) => [e.id, e.state, e.error.code])).toEqual([
      [id, 'pending', 'CONSUMER_HANDLER_FAILED'],
    ]);
    const depths = await cli(['dlq', 'list', '--json'], env);
    expect(JSON.parse(depths.stdout)).toContainEqual({ topic: dlqTopic, depth: 1 });
    const shown = JSON.parse((await cli(['dlq', 'show', id, '--catalog', catalogFile], env)).stdout) as {
      payload: { orderId: string };
    };
    expect(shown.payload.orderId).toBe('o-1');

    const outboxRows = async () =>
      (
        await pool.query<{ topic: string; type: string }>(
          `select topic, event_type as type from "${schema}".events`,
        )
      ).rows;
    const dryRun = await cli(['dlq', 'redrive', dlqTopic, '--catalog', catalogFile, '--dry-run'], env);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('1 pending entries selected');
    const unconfirmed = await cli(['dlq', 'redrive', dlqTopic, '--catalog', catalogFile], env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('pass --yes to confirm');
    const otherGroup = await cli(
      ['dlq', 'redrive', dlqTopic, '--catalog', catalogFile, '--group', 'x', '--yes'],
      env,
    );
    expect(otherGroup.stdout).toContain('0 pending entries selected');
    expect(await outboxRows()).toEqual([]);

    const redriven = await cli(
      ['dlq', 'redrive', dlqTopic, '--catalog', catalogFile, '--group', 'billing', '--yes'],
      env,
    );
    expect(redriven.code, redriven.stderr).toBe(0);
    expect(JSON.parse(redriven.stdout.slice(redriven.stdout.indexOf('{')))).toMatchObject({ redriven: [id] });
    expect(await outboxRows()).toEqual([{ topic, type: 'order.placed' }]);
    const again = await cli(['dlq', 'redrive', dlqTopic, '--catalog', catalogFile, '--yes'], env);
    expect(again.stdout).toContain('0 pending entries selected');
    expect(await outboxRows()).toHaveLength(1);
    const states = JSON.parse(
      (await cli(['dlq', 'list', dlqTopic, '--json', '--state', 'redriven'], env)).stdout,
    );
    expect(states.map((e: { id: string }) => e.id)).toEqual([id]);

    // No relay runs: the redriven event waits in the outbox, and status says so.
    const status = await cli(['status', '--json', '--group', 'billing'], env);
    expect(status.code, status.stderr).toBe(0);
    const read = JSON.parse(status.stdout);
    expect(read.outbox).toMatchObject({ status: 'ok', backlog: 1 });
    expect(read.dlq.topics).toContainEqual(
      expect.objectContaining({ topic: dlqTopic, depth: 1, pending: 0 }),
    );
    expect(read.jobs.status).toBe('not-installed');

    // The console serves the same status until SIGTERM, then exits 0.
    const server = spawn(
      process.execPath,
      ['--import', TSX, join(repoRoot, 'packages/cli/src/bin.ts'), 'console', '--port', '0'],
      {
        cwd: tmpdir(),
        env: { PATH: process.env['PATH'] ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    onTestFinished(() => {
      if (server.exitCode === null) server.kill('SIGKILL');
    });
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const url = await waitFor(() => /console listening on (\S+)/.exec(output)?.[1], {
      what: `console url\n${output}`,
    });
    const response = await fetch(new URL('api/status', url));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { outbox: { backlog: number } }).outbox.backlog).toBe(1);
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
