// `schemas gen|check|register`: code generation from .proto files, compatibility checks, registration.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import {
  codecFor,
  type GlobalOptions,
  json,
  loadCatalog,
  loadEnv,
  registryAuth,
  stdio,
  usageError,
} from '../context.ts';

const run = promisify(execFile);

function protoDir(flag: string | undefined): string {
  if (flag === undefined)
    throw usageError('--proto-dir is required: the root directory of your .proto files');
  const dir = resolve(flag);
  if (!existsSync(dir)) throw usageError(`--proto-dir ${flag}: no such directory`);
  return dir;
}

async function baselineFromGit(ref: string, dir: string): Promise<Record<string, string>> {
  const { stdout: top } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
  const root = top.trim();
  const prefix = relative(root, dir);
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

interface CheckFlags {
  protoDir?: string;
  registry?: boolean | string;
  baseline?: string;
  baselineGit?: string;
  topic?: string[];
  catalog?: string;
  referencePrefix?: string;
}

export function register(program: Command): void {
  const schemas = program
    .command('schemas')
    .description('generate code from .proto files, check compatibility, register');

  schemas
    .command('gen')
    .description(
      'generate typed protobufjs code (messages.js, messages.d.ts) and sources.ts from a .proto tree',
    )
    .requiredOption('--proto-dir <dir>', 'root of your .proto files (imports resolve against it)')
    .requiredOption('--out-dir <dir>', 'where the generated files go (commit them)')
    .option('--js', 'write sources.js and sources.d.ts instead of sources.ts (a plain JavaScript project)')
    .action(async (flags: { protoDir: string; outDir: string; js?: boolean }) => {
      const { generateCode } = await import('@commercebridge/schemas');
      const dir = protoDir(flags.protoDir);
      const outDir = resolve(flags.outDir);
      await generateCode({ protoDir: dir, outDir, sources: flags.js ? 'js' : 'ts' });
      stdio.out(`generated ${outDir} from ${dir}`);
    });

  schemas
    .command('check')
    .description(
      'fail (exit 2) when the .proto files would break readers: against the registry and/or a baseline',
    )
    .requiredOption('--proto-dir <dir>', 'root of the .proto files to check')
    .option(
      '--registry [url]',
      'against the latest version of each subject in the registry (Default URL: SCHEMA_REGISTRY_URL)',
    )
    .option('--baseline <dir>', 'against a released .proto tree, by the local rules')
    .option('--baseline-git <ref>', 'against the .proto tree at a git ref')
    .option('--topic <topic=file...>', "the topics to check and their file (Default: the catalog's topics)")
    .option('--catalog <module>', 'module exporting your catalog (Default: the built-in catalog)')
    .option('--reference-prefix <prefix>', 'prefix of the subjects of imported files')
    .addHelpText(
      'after',
      '\nExit codes: 0 compatible, 1 bad usage, 2 a breaking change (or the registry failed).',
    )
    .action(async (flags: CheckFlags, command: Command) => {
      const env = loadEnv(command.optsWithGlobals<GlobalOptions>());
      const schemasApi = await import('@commercebridge/schemas');
      const dir = protoDir(flags.protoDir);
      const registry =
        flags.registry === undefined
          ? undefined
          : registryAuth(
              typeof flags.registry === 'string' ? { ...env, SCHEMA_REGISTRY_URL: flags.registry } : env,
            );
      if (flags.registry && !registry)
        throw usageError('--registry needs SCHEMA_REGISTRY_URL (the ccompat URL)');
      if (!registry && !flags.baseline && !flags.baselineGit) {
        throw usageError('schemas check needs --registry, --baseline <dir> or --baseline-git <ref>');
      }
      const sources = await schemasApi.readProtoSources(dir);
      let breaking = 0;
      if (flags.baseline || flags.baselineGit) {
        const baseline = flags.baseline
          ? await schemasApi.readProtoSources(resolve(flags.baseline))
          : await baselineFromGit(flags.baselineGit!, dir);
        const label = flags.baseline ?? `git ${flags.baselineGit}`;
        const changes = schemasApi.findBreakingChanges(baseline, sources);
        for (const change of changes) stdio.out(`BREAKING (baseline ${label}): ${change.message}`);
        if (changes.length === 0) stdio.out(`ok: compatible with baseline ${label}`);
        breaking += changes.length;
      }
      if (registry) {
        const topics: Record<string, string> = {};
        for (const pair of flags.topic ?? []) {
          const [topic, file] = pair.split('=');
          if (!topic || !file) {
            throw usageError(
              `--topic must be TOPIC=FILE, e.g. orders.events.v1=acme/orders/v1/orders.proto (got ${pair})`,
            );
          }
          topics[topic] = file;
        }
        const prefix = flags.referencePrefix ?? '';
        const results = await schemasApi.checkAgainstRegistry({
          url: registry.url,
          headers: registry.headers,
          sources,
          topics:
            Object.keys(topics).length > 0
              ? topics
              : schemasApi.topicFiles(await loadCatalog(flags.catalog, env)),
          referenceSubject: (path) => `${prefix}${path}`,
        });
        for (const result of results) {
          if (result.firstVersion)
            stdio.out(`ok: ${result.subject} (${result.file}) has no registered version yet`);
          else if (result.compatible) stdio.out(`ok: ${result.subject} (${result.file}) is compatible`);
          else {
            breaking += 1;
            stdio.out(
              `BREAKING (registry): ${result.subject} (${result.file}) is not compatible with its latest version`,
            );
            for (const change of result.changes) stdio.out(`  ${change.message}`);
          }
        }
      }
      if (breaking > 0) process.exitCode = 2;
    });

  schemas
    .command('register')
    .description(
      "register the catalog's schemas (imports first) in SCHEMA_REGISTRY_URL; prints the schema ids",
    )
    .option('--catalog <module>', 'module exporting your catalog (Default: the built-in catalog)')
    .action(async (flags: { catalog?: string }, command: Command) => {
      const env = loadEnv(command.optsWithGlobals<GlobalOptions>());
      if (!registryAuth(env))
        throw usageError('schemas register needs SCHEMA_REGISTRY_URL (the ccompat URL)');
      const codec = codecFor(await loadCatalog(flags.catalog, env), 'registry', env);
      stdio.out(json(await codec.registerAll()));
    });
}
