// The schemas command: `gen` regenerates the code from the .proto files; `check` fails when the .proto files
// would break readers, against the registry and/or a released baseline. From the repository:
// `pnpm schemas:gen`, `pnpm schemas:check [options]`.
import { execFile } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { catalog } from './builtin.ts';
import { checkAgainstRegistry, topicFiles } from './check.ts';
import { DEFAULT_OUT_DIR, DEFAULT_PROTO_DIR } from './cli-paths.ts';
import { generateCode, readProtoSources } from './codegen.ts';
import { findBreakingChanges } from './compat.ts';

const run = promisify(execFile);

const usage = `usage:
  schemas gen   [--proto-dir DIR] [--out-dir DIR]
  schemas check [--proto-dir DIR] [--registry URL] [--baseline DIR | --baseline-git REF]
                [--topic TOPIC=FILE ...] [--reference-prefix PREFIX]

check compares the .proto files of --proto-dir (Default: the package's proto/)
  --registry URL       with the latest version registered under each subject, through the registry's
                       compatibility endpoint and the subject's level (Default URL: $SCHEMA_REGISTRY_URL)
  --baseline DIR       with a released .proto tree, by the local rules (removed message, removed or
  --baseline-git REF   renumbered field, changed type or cardinality, removed enum value)
  --topic TOPIC=FILE   the topics to check and their file (Default: the topics of the built-in catalog)
Exit status: 0 compatible, 1 breaking change found, 2 usage or infrastructure error.
`;

async function baselineFromGit(ref: string, protoDir: string): Promise<Record<string, string>> {
  const { stdout: top } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: protoDir });
  const root = top.trim();
  const prefix = relative(root, protoDir);
  const { stdout: list } = await run('git', ['ls-tree', '-r', '--name-only', ref, '--', prefix], {
    cwd: root,
  });
  const sources: Record<string, string> = {};
  for (const path of list.split('\n').filter((line) => line.endsWith('.proto'))) {
    const { stdout } = await run('git', ['show', `${ref}:${path}`], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    sources[relative(prefix, path)] = stdout;
  }
  return sources;
}

async function check(values: Record<string, string | string[] | boolean | undefined>, protoDir: string) {
  const sources = await readProtoSources(protoDir);
  const registry = (values.registry as string | undefined) ?? process.env.SCHEMA_REGISTRY_URL;
  const baselineDir = values.baseline as string | undefined;
  const baselineGit = values['baseline-git'] as string | undefined;
  if (!registry && !baselineDir && !baselineGit) {
    process.stderr.write(`check needs --registry, --baseline or --baseline-git\n\n${usage}`);
    return 2;
  }
  let breaking = 0;
  if (baselineDir || baselineGit) {
    const baseline = baselineDir
      ? await readProtoSources(resolve(baselineDir))
      : await baselineFromGit(baselineGit!, protoDir);
    const changes = findBreakingChanges(baseline, sources);
    const label = baselineDir ?? `git ${baselineGit}`;
    for (const change of changes) console.log(`BREAKING (baseline ${label}): ${change.message}`);
    if (changes.length === 0) console.log(`ok: compatible with baseline ${label}`);
    breaking += changes.length;
  }
  if (registry) {
    const topics: Record<string, string> = {};
    for (const pair of (values.topic as string[] | undefined) ?? []) {
      const [topic, file] = pair.split('=');
      if (!topic || !file) {
        process.stderr.write(
          `--topic must be TOPIC=FILE, e.g. orders.events.v1=commercebridge/orders/v1/orders.proto (got ${pair})\n`,
        );
        return 2;
      }
      topics[topic] = file;
    }
    const prefix = (values['reference-prefix'] as string | undefined) ?? '';
    const results = await checkAgainstRegistry({
      url: registry,
      sources,
      topics: Object.keys(topics).length > 0 ? topics : topicFiles(catalog),
      referenceSubject: (path) => `${prefix}${path}`,
    });
    for (const result of results) {
      if (result.firstVersion)
        console.log(`ok: ${result.subject} (${result.file}) has no registered version yet`);
      else if (result.compatible) console.log(`ok: ${result.subject} (${result.file}) is compatible`);
      else {
        breaking += 1;
        console.log(
          `BREAKING (registry): ${result.subject} (${result.file}) is not compatible with its latest version`,
        );
        for (const change of result.changes) console.log(`  ${change.message}`);
      }
    }
  }
  return breaking > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      'proto-dir': { type: 'string' },
      'out-dir': { type: 'string' },
      registry: { type: 'string' },
      baseline: { type: 'string' },
      'baseline-git': { type: 'string' },
      topic: { type: 'string', multiple: true },
      'reference-prefix': { type: 'string' },
    },
  });
  const protoDir = resolve(values['proto-dir'] ?? DEFAULT_PROTO_DIR);
  if (command === 'gen') {
    const outDir = resolve(values['out-dir'] ?? DEFAULT_OUT_DIR);
    await generateCode({ protoDir, outDir });
    console.log(`generated ${outDir} from ${protoDir}`);
    return 0;
  }
  if (command === 'check') return check(values, protoDir);
  process.stderr.write(usage);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
