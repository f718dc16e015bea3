// The relay CLI as a process: configuration errors, readiness, publishing, SIGTERM (the contract in
// docs/contracts.md, "Relay CLI", which the chaos tests build on).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createTopic,
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import { repoRoot, stackEnv } from '../../../test/support/stack-env.ts';
import { deleteTopicLater, outboxSchema, testCatalog, waitAllPublished, writeEvents } from './support.ts';

interface Run {
  child: ChildProcess;
  output: () => string;
  lines: () => Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** `commercebridge relay`, or `script` (the README example) with the same environment. */
function runCli(env: Record<string, string>, script?: string): Run {
  const args = script ? [script] : [join(repoRoot, 'packages/cli/src/bin.ts'), 'relay'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const lines = () =>
    text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, output: () => text, lines, exited };
}

describe('commercebridge relay', () => {
  it('the README example runs: ready, then exits 0 on SIGTERM', async () => {
    const pool = testPool();
    const schema = await outboxSchema(pool);
    await deleteTopicLater(`${schema}.relay-state`);
    const readme = readFileSync(join(repoRoot, 'packages/relay/README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    // Next to the package's sources, so that '@commercebridge/relay' resolves as it does for a user.
    const file = join(repoRoot, 'packages/relay/test', `.readme-example-${schema}.ts`);
    writeFileSync(file, example);
    onTestFinished(() => rmSync(file, { force: true }));
    const run = runCli(
      {
        KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
        DATABASE_URL: stackEnv().DATABASE_URL,
        OUTBOX_SCHEMA: schema,
        RELAY_METRICS_PORT: '0',
      },
      file,
    );
    await waitFor(() => run.lines().find((l) => l['msg'] === 'relay.ready'), {
      what: `relay.ready from the README example\n${run.output()}`,
    });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('exits 1 naming the variable when a setting is invalid', async () => {
    const run = runCli({ ...stackEnv(), KAFKA_COMPRESSION_TYPE: 'lz4' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      'KAFKA_COMPRESSION_TYPE must be one of none, gzip, snappy (any case) (got "lz4")',
    );
  });

  it('publishes, answers /readyz, and on SIGTERM releases its slots and exits 0; another slot count exits 2', async () => {
    const pool = testPool();
    const schema = await outboxSchema(pool);
    const topic = await createTopic(randomName('relay.cli'), 3);
    await deleteTopicLater(`${schema}.relay-state`);
    const catalog = testCatalog(topic);
    const ids = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 30 }, (_, i) => ({ orderId: `order-${i % 4}`, seq: i })),
    );
    const env = {
      KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
      DATABASE_URL: stackEnv().DATABASE_URL,
      OUTBOX_SCHEMA: schema,
      RELAY_SLOT_COUNT: '2',
      RELAY_METRICS_PORT: '0',
      RELAY_ID: 'cli-relay',
    };
    const run = runCli(env);
    const ready = await waitFor(() => run.lines().find((l) => l['msg'] === 'relay.ready'), {
      what: `relay.ready in the CLI output\n${run.output()}`,
    });
    const port = ready['metricsPort'] as number;
    const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toMatchObject({ ready: true, relayId: 'cli-relay', slots: [0, 1] });
    await waitAllPublished(pool, schema).catch((error) => {
      throw new Error(`${error.message}\n${run.output()}`);
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('relay_published_events_total 30');
    expect(metrics).toContain('relay_slots_owned 2');
    expect(new Set((await readAllCommitted(topic)).map((m) => m.headers['event-id']!.toString()))).toEqual(
      new Set(ids),
    );

    const mismatch = runCli({ ...env, RELAY_SLOT_COUNT: '3', RELAY_ID: 'cli-other' });
    expect(await mismatch.exited).toBe(2);
    expect(mismatch.output()).toContain('RELAY_SLOT_COUNT_MISMATCH');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.lines().filter((l) => l['msg'] === 'slot.released')).toHaveLength(2);
    const { rows } = await pool.query(
      `select count(*)::int as n from "${schema}".relay_slots where owner is not null`,
    );
    expect(rows[0].n).toBe(0);
  });
});
