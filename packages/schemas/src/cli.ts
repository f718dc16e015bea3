// The schemas command: `gen` regenerates the code from the .proto files, `check` compares them with the
// registered or released schemas. Run from the repository with `pnpm schemas:gen` / `pnpm schemas:check`.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_OUT_DIR, DEFAULT_PROTO_DIR } from './cli-paths.ts';
import { generateCode } from './codegen.ts';

const usage = `usage:
  schemas gen [--proto-dir DIR] [--out-dir DIR]
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      'proto-dir': { type: 'string' },
      'out-dir': { type: 'string' },
    },
  });
  const protoDir = resolve(values['proto-dir'] ?? DEFAULT_PROTO_DIR);
  if (command === 'gen') {
    const outDir = resolve(values['out-dir'] ?? DEFAULT_OUT_DIR);
    await generateCode({ protoDir, outDir });
    console.log(`generated ${outDir} from ${protoDir}`);
    return 0;
  }
  process.stderr.write(usage);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
