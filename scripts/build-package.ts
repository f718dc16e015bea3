// Builds the package in the working directory into dist/ (`pnpm build` runs it in every package, dependencies
// first): embedded migrations regenerated, `tsc -p tsconfig.build.json` (ESM, .d.ts, source maps, @internal
// stripped), then the files tsc does not emit copied beside the output: hand-written or generated .js with
// their .d.ts (the protobufjs code) and the .sql migrations (for reading; migrate() uses the embedded copy).
// Imports of other workspace packages resolve to their dist/*.d.ts (paths in tsconfig.build.base.json).
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { migrationsDir, writeMigrationsModule } from './migrations-module.ts';

const packageDir = process.cwd();
const src = join(packageDir, 'src');
const dist = join(packageDir, 'dist');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  name: string;
  publishConfig?: { bin?: Record<string, string> };
};

rmSync(dist, { recursive: true, force: true });
if (existsSync(migrationsDir(packageDir)) && writeMigrationsModule(packageDir)) {
  console.log(
    `${manifest.name}: src/generated/migrations.ts regenerated from src/sql/migrations (commit it)`,
  );
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'inherit' });

// tsc rewrites `./x.ts` to `./x.js` in the JavaScript only; the declarations keep `.ts`, which TypeScript before
// 5.0 cannot resolve. Point them at the emitted files too.
const relativeTs = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g;
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(relativeTs, '$1$2$3.js$2');
  if (rewritten !== text) writeFileSync(file, rewritten);
}

const notEmitted = (file: string) =>
  file.endsWith('.sql') || (file.endsWith('.js') && !file.endsWith('.test.js'));
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = join(entry.parentPath, entry.name);
  const companions = notEmitted(entry.name) ? [file] : [];
  if (entry.name.endsWith('.js') && existsSync(file.replace(/\.js$/, '.d.ts'))) {
    companions.push(file.replace(/\.js$/, '.d.ts'));
  }
  for (const from of companions) {
    const to = join(dist, relative(src, from));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
}

// The published bin (publishConfig.bin) must exist, start with its shebang and be executable.
for (const [name, path] of Object.entries(manifest.publishConfig?.bin ?? {})) {
  const file = join(packageDir, path);
  if (!existsSync(file)) throw new Error(`${manifest.name}: bin ${name} -> ${path} was not built`);
  if (!readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')) {
    throw new Error(`${manifest.name}: ${path} does not start with #!/usr/bin/env node`);
  }
  chmodSync(file, 0o755);
}
console.log(`${manifest.name}: built ${relative(process.cwd(), dist) || 'dist'}`);
