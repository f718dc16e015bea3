import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { createTestSchema, createTopic, randomName, testPool } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { orderPlaced, produce, wireMessages } from './support.ts';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the README example runs as written: one order invoiced, its follow-up event in the outbox', async () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(snippet).toBeDefined();
  const pool = testPool();
  const schema = await createTestSchema(pool, 'consumers_readme');
  const topic = await createTopic(randomName('orders'), 3);
  await createTopic(`${topic}.dlq`, 1);
  await produce(topic, await wireMessages([orderPlaced('o-1')]));
  // Inside the package, so that '@commercebridge/consumers' (self-reference) and its dependencies resolve.
  const file = join(packageDir, `.${randomName('readme')}.ts`);
  writeFileSync(file, snippet!);
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: packageDir,
      env: {
        ...process.env,
        DATABASE_URL: stackEnv().DATABASE_URL,
        KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
        CONSUMER_SCHEMA: schema,
        CONSUMER_GROUP: randomName('group'),
        ORDERS_TOPIC: topic,
      },
    });
    expect(stdout.trim().split('\n').at(-1)).toBe('invoiced o-1');
  } finally {
    rmSync(file, { force: true });
  }
  const events = await pool.query(`select event_type, partition_key, headers from "${schema}".events`);
  expect(events.rows).toHaveLength(1);
  expect(events.rows[0]).toMatchObject({ event_type: 'order.confirmed', partition_key: 'o-1' });
});
