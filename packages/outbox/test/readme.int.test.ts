import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestSchema, randomName, testPool } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('README', () => {
  it('the quick-start snippet runs as written and prints the claimed event', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toBeDefined();
    const schema = await createTestSchema(testPool(), 'outbox_readme');
    // Inside the package, so that '@commercebridge/outbox' (self-reference) and its dependencies resolve.
    const file = join(packageDir, `.${randomName('readme')}.ts`);
    writeFileSync(file, snippet!);
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
        cwd: packageDir,
        env: { ...process.env, DATABASE_URL: stackEnv().DATABASE_URL, OUTBOX_SCHEMA: schema },
      });
      expect(stdout.trim()).toBe('order.placed o-1');
    } finally {
      rmSync(file, { force: true });
    }
  });
});
