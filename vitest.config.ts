import { defineConfig } from 'vitest/config';

const globalSetup = ['test/support/global-setup.ts'];
const exclude = ['**/node_modules/**', '**/dist/**', '.stack/**'];

// Tiers by file suffix: unit (pure logic), int (real Postgres, Kafka, registry), e2e (processes started and killed).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude } },
      {
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude,
          globalSetup,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          // The three-broker crash tests have their own project (./dev test:cluster): longer than CI's budget.
          exclude: [...exclude, 'test/cluster-chaos/**'],
          globalSetup,
          testTimeout: 900_000,
          hookTimeout: 120_000,
          // Crash tests kill and restart real processes and share one broker: one file at a time.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
      {
        test: {
          name: 'cluster',
          include: ['test/cluster-chaos/**/*.e2e.test.ts'],
          exclude,
          globalSetup,
          testTimeout: 1_800_000,
          hookTimeout: 240_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
