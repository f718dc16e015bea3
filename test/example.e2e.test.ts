import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, stackEnv } from './support/stack-env.ts';

const run = promisify(execFile);

describe('example order service (`./dev example`)', () => {
  it('runs end to end: orders confirmed through outbox, relay and consumers; rollback and bad input leave nothing', async () => {
    const { stdout } = await run(
      'node',
      ['--import', 'tsx', join(repoRoot, 'examples/order-service/src/main.ts')],
      {
        cwd: repoRoot,
        env: { ...process.env, ...stackEnv() },
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const lines = stdout.split('\n').filter((line) => line.startsWith('[order-service]'));
    expect(lines.filter((line) => line.includes('customer message: Your order')).length).toBe(3);
    expect(lines).toContain(
      '[order-service] orders of this run in the database: 3 (rolled-back and invalid ones: 0)',
    );
    expect(lines).toContain('[order-service] outbox: 3 x order.placed, 0 not yet published');
    expect(lines).toContain('[order-service] outbox: 3 x order.confirmed, 0 not yet published');
    expect(lines.some((line) => line.includes('OUTBOX_INVALID_PAYLOAD') && line.includes('customerId'))).toBe(
      true,
    );
    expect(lines.at(-1)).toBe('[order-service] done');
  });
});
