// Job counts by queue and status, read from the jobs table at scrape: right while this process fetches
// nothing, whoever changed the jobs. The bridge serves them on its httpPort.
import { createLogger } from '@commercebridge/config';
import { migrate } from '@commercebridge/outbox';
import { expect, it, onTestFinished } from 'vitest';
import { createTestSchema, testPool } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import {
  createJobsAdmin,
  createQueue,
  migrateModules,
  moduleCatalog,
  modulesConfigFromEnv,
} from '../src/index.ts';
import { setupModules } from './support.ts';

function jobCounts(text: string, queue: string): Record<string, number> {
  const out: Record<string, number> = {};
  const pattern = new RegExp(
    `^commercebridge_queue_jobs\\{queue="${queue}",status="(\\w+)"\\} (\\d+)$`,
    'gm',
  );
  for (const [, status, n] of text.matchAll(pattern)) out[status!] = Number(n);
  return out;
}

const none = { scheduled: 0, pending: 0, processing: 0, completed: 0, failed: 0, dead: 0, cancelled: 0 };

it('the bridge serves the job counts by queue and status, read at scrape while it fetches nothing', async () => {
  const { pool, schema, bridge, module_queue: queue } = await setupModules({ httpPort: 0 });
  await bridge.start();
  const url = `http://127.0.0.1:${bridge.httpPort}`;
  const readyz = await fetch(`${url}/readyz`);
  expect(readyz.status).toBe(200);
  expect(await readyz.json()).toEqual({
    ready: true,
    schema,
    queue: 'default',
    workerId: queue.workerId,
    relay: null, // these tests run their own relay
  });
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  const scrape = async () => (await fetch(`${url}/metrics`)).text();

  for (const id of ['e1', 'e2', 'e3'])
    await queue.publishJob({ jobId: id, queue: 'emails', type: 'email.send' });
  await queue.publishJob({ jobId: 'later', type: 'report.build' }, { delay: 3_600_000 });
  let text = await scrape();
  expect(jobCounts(text, 'emails')).toEqual({ ...none, pending: 3 });
  expect(jobCounts(text, 'default')).toEqual({ ...none, scheduled: 1 });

  // Another worker process (a second queue module on the same tables) takes two and completes one; an operator
  // cancels the last. The bridge fetches nothing, and its scrape shows it all.
  const other = createQueue({
    config: bridge.config,
    catalog: bridge.catalog,
    pool,
    schema,
    queue: 'emails',
    ingest: false,
  });
  onTestFinished(() => other.stop());
  const taken = await other.fetchBatch(2, { waitMs: 0 });
  expect(taken).toHaveLength(2);
  expect(await other.complete(taken[0]!)).toBe(true);
  text = await scrape();
  expect(jobCounts(text, 'emails')).toEqual({ ...none, pending: 1, processing: 1, completed: 1 });
  const [pending] = await queue.list({ queue: 'emails', status: 'pending' });
  expect(await createJobsAdmin({ pool, schema }).cancel([pending!.jobId])).toEqual([pending!.jobId]);
  expect(jobCounts(await scrape(), 'emails')).toEqual({ ...none, processing: 1, completed: 1, cancelled: 1 });

  await bridge.stop();
  expect(bridge.httpPort).toBeNull();
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
});

it('a failed read leaves the job counts out of the scrape, is logged once, and the counts come back', async () => {
  const pool = testPool();
  // The outbox tables but not the module tables (yet).
  const schema = await createTestSchema(pool, 'modules');
  await migrate({ pool, schema });
  const config = modulesConfigFromEnv({ KAFKA_BROKERS: stackEnv().KAFKA_BROKERS });
  const warnings: string[] = [];
  const infos: string[] = [];
  const queue = createQueue({
    config,
    catalog: moduleCatalog(config.topics),
    pool,
    schema,
    ingest: false,
    logger: createLogger({
      destination: (line) => {
        const { level, msg } = JSON.parse(line) as { level: string; msg: string };
        if (level === 'info') infos.push(msg);
        if (level === 'warn') warnings.push(msg);
      },
    }),
  });
  onTestFinished(() => queue.stop());
  for (let i = 0; i < 3; i++) {
    const text = await queue.metrics.metrics();
    expect(text).toContain('# TYPE commercebridge_queue_jobs gauge');
    expect(jobCounts(text, 'default')).toEqual({});
  }
  expect(warnings).toEqual([
    'queue metrics read failed; commercebridge_queue_jobs is left out until it works',
  ]);
  await migrateModules(pool, schema);
  expect(jobCounts(await queue.metrics.metrics(), 'default')).toEqual(none);
  expect(infos).toContain('queue metrics read works again');
});
