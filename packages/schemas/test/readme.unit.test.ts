// The README example is run as written, importing the package by its name.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('README', () => {
  it('runs its example and prints what its comments say', async () => {
    const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const file = join(packageDir, 'test', `.readme-example-${process.pid}.ts`);
    await writeFile(file, example!);
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', file], { cwd: packageDir });
      const expected = [...example!.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
      expect(stdout.trim().split('\n')).toEqual(expected);
    } finally {
      await rm(file, { force: true });
    }
  }, 30_000);
});
