// The README opens with the seed's variables and lines; this runs them as written in a fresh process, against a
// fresh schema with no topics and no relay running: the bridge has to set everything up by itself.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { VARIABLES } from '@commercebridge/config';
import { expect, onTestFinished, test } from 'vitest';
import { createTestSchema, kafka, randomName, testPool } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { MODULE_RETENTION_MS } from '../src/topics.ts';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The first ```sh block (the variables) and the first ```ts block (the code) of the README. */
function readmeSnippet(): { env: Record<string, string>; code: string } {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const sh = /```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!sh || !code) throw new Error('README.md must hold a ```sh block of variables and a ```ts block');
  const env: Record<string, string> = {};
  for (const line of sh.split('\n').filter((l) => l.trim() !== '')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (!match) throw new Error(`README.md: not a NAME=value line in the variables block: ${line}`);
    env[match[1]!] = match[2]!;
  }
  // The README's order: the variables, then the code.
  expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('```ts'));
  return { env, code };
}

test("the README's seed snippet runs as written on a fresh schema, with no topics and no relay", async () => {
  const { env: readmeEnv, code } = readmeSnippet();
  // The seed's own variables, as the README lists them.
  expect(Object.keys(readmeEnv)).toEqual([
    'KAFKA_BROKERS',
    'KAFKA_CLIENT_ID',
    'KAFKA_GROUP_ID',
    'KAFKA_ENABLE_SSL',
    'KAFKA_QUEUE_TOPIC',
    'KAFKA_LOGS_TOPIC',
    'KAFKA_NOTIFICATIONS_TOPIC',
    'KAFKA_MAX_BATCH_SIZE',
    'KAFKA_BATCH_TIMEOUT_MS',
    'KAFKA_COMPRESSION_TYPE',
    'KAFKA_MAX_IN_FLIGHT',
    'DATABASE_URL',
  ]);
  expect(code).toContain('await bridge.integrations.kafka.module_queue.publishJob(jobCard);');
  expect(code).toContain('const jobs = await bridge.integrations.kafka.module_queue.fetchBatch(100);');
  expect(code).not.toMatch(/bridge\.start\(|createRelay|ensureModuleTopics/);

  const pool = testPool();
  const schema = await createTestSchema(pool, 'modules_readme');
  const prefix = randomName('readme');
  const topics = {
    queue: `${prefix}.worker-queue`,
    logs: `${prefix}.system-logs`,
    notifications: `${prefix}.notifications`,
  };
  const admin = kafka().admin();
  await admin.connect();
  onTestFinished(async () => {
    await admin
      .deleteTopics({ topics: [...Object.values(topics), `${topics.queue}.dlq`, `${schema}.relay-state`] })
      .catch(() => {});
    await admin.disconnect();
  });
  const existing = await admin.listTopics();
  expect(Object.values(topics).filter((topic) => existing.includes(topic))).toEqual([]);

  // Only the process's own basics (PATH, ...) and the README's variables: none of the variable table leaks in.
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(VARIABLES)) delete base[name];
  const file = join(packageDir, `.${randomName('modules-readme')}.ts`);
  writeFileSync(file, code);
  onTestFinished(() => rmSync(file, { force: true }));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
    cwd: packageDir,
    timeout: 90_000,
    env: {
      ...base,
      ...readmeEnv,
      DATABASE_URL: stackEnv().DATABASE_URL,
      KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
      // Names unique to this run, so that runs can share the stack.
      OUTBOX_SCHEMA: schema,
      KAFKA_GROUP_ID: randomName('worker-group'),
      KAFKA_QUEUE_TOPIC: topics.queue,
      KAFKA_LOGS_TOPIC: topics.logs,
      KAFKA_NOTIFICATIONS_TOPIC: topics.notifications,
    },
  });
  const lines = stdout
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('{')); // the embedded relay's JSON log lines
  expect(lines).toEqual([
    'jobs engagement.recalculate',
    'log Processing engagement',
    'notified order.confirmed {"orderId":"o-1","total":"42.00"}',
  ]);

  // What the bridge set up by itself (the relay delivered the notification): the tables (the job is
  // completed), the topics with the seed's retention and KAFKA_TOPIC_PARTITIONS' default.
  const { rows: jobs } = await pool.query(`select type, status from "${schema}".module_jobs`);
  expect(jobs).toEqual([{ type: 'engagement.recalculate', status: 'completed' }]);
  const metadata = await admin.fetchTopicMetadata({ topics: Object.values(topics) });
  expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
    Object.values(topics)
      .map((topic) => [topic, 3])
      .sort(),
  );
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: Object.values(topics).map((name) => ({ type: 2, name })),
  });
  const retention = Object.fromEntries(
    configs.resources.map((r) => [
      r.resourceName,
      Number(r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue),
    ]),
  );
  expect(retention).toEqual({
    [topics.queue]: MODULE_RETENTION_MS.queue,
    [topics.logs]: MODULE_RETENTION_MS.logs,
    [topics.notifications]: MODULE_RETENTION_MS.notifications,
  });
});
