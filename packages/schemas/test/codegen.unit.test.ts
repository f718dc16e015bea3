import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUT_DIR, DEFAULT_PROTO_DIR } from '../src/cli-paths.ts';
import { generateCode } from '../src/codegen.ts';

describe('generated code', () => {
  it('is up to date with the .proto files (run `pnpm schemas:gen` when this fails)', async () => {
    const fresh = await generateCode({ protoDir: DEFAULT_PROTO_DIR, outDir: DEFAULT_OUT_DIR }, false);
    for (const [name, text] of Object.entries(fresh)) {
      const committed = await readFile(join(DEFAULT_OUT_DIR, name), 'utf8');
      expect(committed, `src/generated/${name} is stale: run \`pnpm schemas:gen\``).toBe(text);
    }
  }, 60_000);
});
