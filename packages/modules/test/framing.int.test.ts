import { describe, expect, it } from 'vitest';
import { readAllCommitted, waitFor, withTransaction } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import type { Job, Notification } from '../src/index.ts';
import { setupModules } from './support.ts';

describe('modules behind a relay in registry mode', () => {
  it('subscribers, the logs projection and the queue read registry-framed messages', async () => {
    const {
      pool,
      topics,
      module_notifications: notifications,
      module_logs: logs,
      module_queue: queue,
    } = await setupModules({ wire: { mode: 'registry', url: stackEnv().SCHEMA_REGISTRY_URL } });
    const received: Notification[] = [];
    await notifications.subscribe({ types: ['order.*'] }, (n) => {
      received.push(n);
    });
    await logs.startProjection();

    await notifications.publish({ type: 'order.confirmed', userId: '123', data: { orderId: 'o-1' } });
    await withTransaction(pool, async (client) => {
      await logs.writeLog(
        { level: 'info', message: 'order audited', service: 'billing', category: 'audit' },
        { tx: client },
      );
      await queue.publishJob({ jobId: 'j-1', type: 'order.process', payload: { n: 1 } }, { tx: client });
    });

    await waitFor(() => received.length >= 1, { what: 'the subscriber to receive the notification' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ type: 'order.confirmed', userId: '123', data: { orderId: 'o-1' } });

    await waitFor(async () => (await logs.queryRecent({ limit: 10 })).length >= 1, {
      what: 'the log entry projected into Postgres',
    });
    expect(await logs.queryRecent({ limit: 10 })).toMatchObject([
      { level: 'info', message: 'order audited', service: 'billing', category: 'audit' },
    ]);

    const jobs: Job[] = [];
    await waitFor(
      async () => {
        jobs.push(...(await queue.fetchBatch(10, { waitMs: 500 })));
        return jobs.length >= 1;
      },
      { what: 'the job ingested and fetched' },
    );
    expect(jobs.map((j) => [j.jobId, j.payload])).toEqual([['j-1', { n: 1 }]]);
    expect(await queue.complete(jobs[0]!)).toBe(true);

    // What the modules read was framed for the registry: magic byte 0 and a schema id.
    for (const topic of [topics.notifications, topics.logs, topics.queue]) {
      const messages = await readAllCommitted(topic, 30);
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(message.value?.[0]).toBe(0);
    }
  });
});
