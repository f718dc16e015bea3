import { describe, expect, it } from 'vitest';
import { waitFor, withTransaction } from '../../../test/support/helpers.ts';
import type { LogRecord } from '../src/index.ts';
import { setupModules } from './support.ts';

describe('logs module', () => {
  it('writes logs (direct and in a transaction), queries, aggregates and streams them', async () => {
    const { pool, module_logs: logs } = await setupModules();
    const streamed: LogRecord[] = [];
    const stream = await logs.stream({ level: 'warn', service: 'billing' }, (log) => {
      streamed.push(log);
    });
    await logs.startProjection();

    // Direct writes: batched by the idempotent producer; awaiting resolves once Kafka has them.
    await Promise.all([
      logs.writeLog({
        level: 'info',
        message: 'Processing engagement',
        metadata: { engagementId: 42 },
        service: 'billing',
      }),
      logs.writeLog({
        level: 'warn',
        message: 'slow payment provider',
        metadata: { ms: '900' },
        service: 'billing',
      }),
      logs.writeLog({ level: 'error', message: 'card declined', service: 'billing', category: 'error' }),
      logs.writeLog({ level: 'error', message: 'disk full', service: 'search' }),
    ]);
    // In a transaction: through the outbox; the rolled-back one never exists.
    await withTransaction(pool, (client) =>
      logs.writeLog(
        { level: 'info', message: 'order audited', service: 'billing', category: 'audit' },
        { tx: client },
      ),
    );
    await expect(
      withTransaction(pool, async (client) => {
        await logs.writeLog(
          { level: 'fatal', message: 'never happened', service: 'billing' },
          { tx: client },
        );
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');

    await waitFor(async () => (await logs.queryRecent({ limit: 100 })).length === 5, {
      what: 'five log entries projected into Postgres',
    });
    const billing = await logs.queryRecent({ service: 'billing', limit: 10 });
    expect(billing.map((l) => l.message).sort()).toEqual([
      'Processing engagement',
      'card declined',
      'order audited',
      'slow payment provider',
    ]);
    expect(billing.find((l) => l.message === 'Processing engagement')?.metadata).toEqual({
      engagementId: '42',
    });
    const errors = await logs.queryRecent({ level: 'error', limit: 10 });
    expect(errors.map((l) => l.message).sort()).toEqual(['card declined', 'disk full']);
    expect(await logs.queryRecent({ since: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await logs.queryRecent({ limit: 2 })).toHaveLength(2);

    const buckets = await logs.aggregate({ window: 3_600_000, bucketMs: 3_600_000 });
    const count = (level: string, service: string) =>
      buckets.filter((b) => b.level === level && b.service === service).reduce((n, b) => n + b.count, 0);
    expect(count('info', 'billing')).toBe(2);
    expect(count('error', 'billing')).toBe(1);
    expect(count('error', 'search')).toBe(1);
    expect(count('fatal', 'billing')).toBe(0);

    // The live stream got billing's warn and above only, each once.
    await waitFor(() => streamed.length >= 2, {
      what: 'two billing entries of level warn or above streamed',
    });
    expect(streamed.map((l) => l.message).sort()).toEqual(['card declined', 'slow payment provider']);
    await stream.stop();

    // Retention: rows older than the given age are deleted (the projection runs this with 7 days).
    expect(await logs.cleanup(0)).toBe(5);
  });
});
