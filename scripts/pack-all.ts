// `pnpm pack:all`: builds every package (dependencies first) and packs each into .stack/packs/ as the registry
// would receive it: publishConfig applied (exports and bin on dist/), workspace:* replaced by versions, the
// root LICENSE added by pnpm. Prints the tarballs, one a line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.stack', 'packs');
const pnpm = (args: string[], cwd: string) =>
  execFileSync('pnpm', args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

if (!process.argv.includes('--no-build')) {
  execFileSync('pnpm', ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { private?: boolean };
  if (manifest.private) continue;
  pnpm(['pack', '--pack-destination', out], dir);
}
for (const file of readdirSync(out).sort()) console.log(join(out, file));
