import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, onTestFinished, test } from 'vitest';
import { createTestSchema, kafka, randomName, testPool } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README example runs as written', async () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(snippet).toBeDefined();
  const pool = testPool();
  const schema = await createTestSchema(pool, 'modules_readme');
  const prefix = randomName('readme');
  const topics = [`${prefix}.queue`, `${prefix}.logs`, `${prefix}.notifications`, `${prefix}.queue.dlq`];
  onTestFinished(async () => {
    const admin = kafka().admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [...topics, `${schema}.relay-state`] }).catch(() => {});
    await admin.disconnect();
  });
  // Inside the package, so that '@commercebridge/modules' (self-reference) and the relay resolve.
  const file = join(packageDir, `.${randomName('modules-readme')}.ts`);
  writeFileSync(file, snippet!);
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: packageDir,
      timeout: 60_000,
      env: {
        ...process.env,
        DATABASE_URL: stackEnv().DATABASE_URL,
        KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
        KAFKA_GROUP_ID: randomName('group'),
        KAFKA_QUEUE_TOPIC: topics[0],
        KAFKA_LOGS_TOPIC: topics[1],
        KAFKA_NOTIFICATIONS_TOPIC: topics[2],
        KAFKA_BATCH_TIMEOUT_MS: '1000',
        OUTBOX_SCHEMA: schema,
      },
    });
    const lines = stdout
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('{'));
    expect(lines).toEqual([
      'job engagement.recalculate completed',
      'log Processing engagement',
      'notified order.confirmed {"orderId":"o-1"}',
    ]);
  } finally {
    rmSync(file, { force: true });
  }
});
