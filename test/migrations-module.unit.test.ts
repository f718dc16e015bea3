import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations } from '../packages/outbox/src/index.ts';
import {
  MIGRATING_PACKAGES,
  migrationsDir,
  migrationsModule,
  migrationsModulePath,
} from '../scripts/migrations-module.ts';
import { repoRoot } from './support/stack-env.ts';

describe('embedded migrations', () => {
  for (const name of MIGRATING_PACKAGES) {
    const packageDir = join(repoRoot, 'packages', name);

    it(`packages/${name}/src/generated/migrations.ts is the module of its .sql files (else: pnpm migrations:embed)`, () => {
      expect(readFileSync(migrationsModulePath(packageDir), 'utf8')).toBe(
        migrationsModule(migrationsDir(packageDir)),
      );
    });
  }

  it('ships each file byte for byte: the checksum is the one of the .sql file', async () => {
    const { createHash } = await import('node:crypto');
    const dir = migrationsDir(join(repoRoot, 'packages', 'outbox'));
    const migrations = listMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) {
      const file = `${String(migration.version).padStart(4, '0')}_${migration.name}.sql`;
      const expected = createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex');
      expect(migration.checksum, file).toBe(expected);
    }
  });
});
