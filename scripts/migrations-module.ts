// Embeds a package's numbered migrations (src/sql/migrations/NNNN_name.sql) in a generated module,
// src/generated/migrations.ts, so that migrate() reads no file at run time, from the sources as from dist/.
// The build regenerates it; `pnpm migrations:embed` regenerates it for every package, and a unit test of each
// package fails when the committed module differs from its .sql files.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Packages whose migrations are embedded. */
export const MIGRATING_PACKAGES = ['outbox', 'modules'] as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;

export function migrationsDir(packageDir: string): string {
  return join(packageDir, 'src', 'sql', 'migrations');
}

export function migrationsModulePath(packageDir: string): string {
  return join(packageDir, 'src', 'generated', 'migrations.ts');
}

/** The text of the generated module for the .sql files of a directory. */
export function migrationsModule(sqlDir: string): string {
  const files = readdirSync(sqlDir)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort();
  const lines = [
    '// Generated from src/sql/migrations/*.sql by the build (or `pnpm migrations:embed`): do not edit.',
    '// The migrations ship inside the module, byte for byte (their checksums are those of the files).',
    'export const migrationFiles: ReadonlyArray<{ readonly file: string; readonly sql: string }> = [',
  ];
  for (const file of files) {
    lines.push(
      `  { file: ${JSON.stringify(file)}, sql: ${JSON.stringify(readFileSync(join(sqlDir, file), 'utf8'))} },`,
    );
  }
  lines.push('];', '');
  return lines.join('\n');
}

/** Writes the generated module of a package; returns whether it changed. */
export function writeMigrationsModule(packageDir: string): boolean {
  const path = migrationsModulePath(packageDir);
  const text = migrationsModule(migrationsDir(packageDir));
  let previous: string | undefined;
  try {
    previous = readFileSync(path, 'utf8');
  } catch {}
  if (previous === text) return false;
  writeFileSync(path, text);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of MIGRATING_PACKAGES) {
    const changed = writeMigrationsModule(join(root, 'packages', name));
    console.log(`${changed ? 'wrote' : 'unchanged'} packages/${name}/src/generated/migrations.ts`);
  }
}
