// `schemas check` as a process, against the running registry.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { randomName } from '../../../test/support/helpers.ts';
import { repoRoot, stackEnv } from '../../../test/support/stack-env.ts';
import { DEFAULT_PROTO_DIR } from '../src/cli-paths.ts';
import { createWireCodec } from '../src/index.ts';
import { deleteSubjectsAfter, randomCatalog } from './support.ts';

const run = promisify(execFile);
const ORDERS = 'commercebridge/orders/v1/orders.proto';
const COMMON = 'commercebridge/common/v1/common.proto';

async function schemasCheck(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'packages/cli/src/bin.ts', 'schemas', 'check', ...args],
      {
        cwd: repoRoot,
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    if (failed.code !== 2) throw new Error(`schemas check exited ${failed.code}: ${failed.stderr}`);
    return { code: failed.code, stdout: failed.stdout };
  }
}

/** A copy of the package's proto tree with orders.proto edited. */
async function editedProtoDir(edit: (orders: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'schemas-check-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await cp(DEFAULT_PROTO_DIR, dir, { recursive: true });
  const file = join(dir, ORDERS);
  await writeFile(file, edit(await readFile(file, 'utf8')));
  return dir;
}

describe('schemas check against the registry', () => {
  it('rejects a breaking change and accepts an additive one', async () => {
    const url = stackEnv().SCHEMA_REGISTRY_URL;
    const catalog = randomCatalog();
    const topic = catalog.events['order.placed'].topic;
    const prefix = `${randomName('ref')}/`;
    deleteSubjectsAfter(url, () => [
      ...new Set(Object.values(catalog.events).map((entry) => `${entry.topic}-value`)),
      `${prefix}${COMMON}`,
    ]);
    // Version 1, as a running service would have registered it.
    await createWireCodec(catalog, {
      mode: 'registry',
      url,
      referenceSubject: (path) => `${prefix}${path}`,
    }).registerAll();
    const args = (protoDir: string) => [
      '--registry',
      url,
      '--proto-dir',
      protoDir,
      '--topic',
      `${topic}=${ORDERS}`,
      '--reference-prefix',
      prefix,
    ];

    const breaking = await editedProtoDir((text) =>
      text.replace('string customer_id = 2;', 'int64 customer_id = 2;'),
    );
    const rejected = await schemasCheck(args(breaking));
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toContain(`BREAKING (registry): ${topic}-value`);
    expect(rejected.stdout).toContain('OrderPlaced.customerId (number 2) changed type from string to int64');

    const removed = await editedProtoDir((text) => text.replace('  string channel = 10;\n', ''));
    expect((await schemasCheck(args(removed))).code).toBe(2);

    const additive = await editedProtoDir((text) =>
      text.replace('string channel = 10;', 'string channel = 10;\n  string coupon = 11;'),
    );
    const accepted = await schemasCheck(args(additive));
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`ok: ${topic}-value (${ORDERS}) is compatible`);
  });

  it('checks against a baseline directory without a registry', async () => {
    const breaking = await editedProtoDir((text) =>
      text.replace('string channel = 10;', 'string channel = 12;'),
    );
    const result = await schemasCheck(['--proto-dir', breaking, '--baseline', DEFAULT_PROTO_DIR]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('renumbered from 10 to 12');
    expect(
      (await schemasCheck(['--proto-dir', DEFAULT_PROTO_DIR, '--baseline', DEFAULT_PROTO_DIR])).code,
    ).toBe(0);
  });
});
