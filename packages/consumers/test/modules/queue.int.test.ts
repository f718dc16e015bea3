import { describe, expect, it } from 'vitest';
import { readAllCommitted, waitFor, withTransaction } from '../../../../test/support/helpers.ts';
import { createQueue, type Job } from '../../src/modules/index.ts';
import { setupModules } from './support.ts';

/** Fetches until `n` jobs were handed out (each fetch waits at most 2 s for a first job). */
async function fetchAtLeast(fetch: () => Promise<Job[]>, n: number, what: string): Promise<Job[]> {
  const got: Job[] = [];
  await waitFor(
    async () => {
      got.push(...(await fetch()));
      return got.length >= n;
    },
    { what, timeout: 30_000, interval: 10 },
  );
  return got;
}

describe('queue module', () => {
  it('runs only jobs whose transaction committed, and records completion exactly once', async () => {
    const { pool, module_queue: queue } = await setupModules();
    await expect(
      withTransaction(pool, async (client) => {
        await queue.publishJob(
          { jobId: 'rolled-back', type: 'order.process', payload: { n: 0 } },
          { tx: client },
        );
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const committed = ['a', 'b', 'c'];
    await withTransaction(pool, async (client) => {
      for (const id of committed) {
        await queue.publishJob({ jobId: id, type: 'order.process', payload: { id } }, { tx: client });
      }
    });
    // The seeds' call: no transaction given, the job is enqueued in one of its own.
    await queue.publishJob({ jobId: 'd', type: 'order.process', payload: { id: 'd' } });
    expect(await queue.status('rolled-back')).toBeUndefined();
    expect((await queue.status('a'))?.status).toBe('pending');

    const jobs = await fetchAtLeast(() => queue.fetchBatch(100), 4, 'the four committed jobs fetched');
    expect(jobs.map((j) => j.jobId).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(jobs.find((j) => j.jobId === 'a')?.payload).toEqual({ id: 'a' });
    expect((await queue.status('a'))?.status).toBe('processing');

    const first = await Promise.all(jobs.map((job) => queue.complete(job)));
    expect(first).toEqual([true, true, true, true]);
    // A second completion of the same attempt (a duplicate delivery, a retried call) records nothing.
    expect(await queue.complete(jobs[0]!)).toBe(false);
    const counts = await queue.counts();
    expect(counts.completed).toBe(4);
    expect(await queue.fetchBatch(10, { waitMs: 300 })).toEqual([]);
    // Kafka holds exactly the committed jobs; the rolled-back one never reached the outbox.
    const messages = await readAllCommitted(queue.topic, 60);
    expect(messages).toHaveLength(4);
  });

  it('retries a failed job with backoff through the outbox, then dead-letters it with the reason', async () => {
    const { module_queue: queue } = await setupModules({
      retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    });
    await queue.publishJob({ jobId: 'flaky', type: 'email.send', payload: { to: 'x' } });
    await queue.publishJob({ jobId: 'fatal', type: 'email.send', payload: { to: 'y' } });
    const seen: Record<string, number[]> = { flaky: [], fatal: [] };
    for (;;) {
      const jobs = await fetchAtLeast(() => queue.fetchBatch(10), 1, 'a job to fail');
      for (const job of jobs) {
        seen[job.jobId]!.push(job.attempts);
        const error =
          job.jobId === 'fatal'
            ? Object.assign(new Error('mailbox does not exist'), { code: 'NO_MAILBOX', retriable: false })
            : new Error(`smtp timeout ${job.attempts + 1}`);
        await queue.fail(job, error);
      }
      const flaky = await queue.status('flaky');
      const fatal = await queue.status('fatal');
      if (flaky?.status === 'dead' && fatal?.status === 'dead') break;
    }
    expect(seen.flaky).toEqual([0, 1, 2]);
    expect(seen.fatal).toEqual([0]);
    const flaky = await queue.status('flaky');
    expect(flaky).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: 'smtp timeout 3',
      lastErrorCode: 'JOB_FAILED',
    });
    const dlq = await readAllCommitted(queue.dlqTopic, 60);
    const reasons = dlq.map((m) => ({
      message: m.headers['dlq-error-message']?.toString(),
      code: m.headers['dlq-error-code']?.toString(),
      attempts: m.headers['dlq-attempts']?.toString(),
      retriable: m.headers['dlq-error-retriable']?.toString(),
      original: m.headers['dlq-original-topic']?.toString(),
    }));
    expect(reasons).toHaveLength(2);
    expect(reasons).toEqual(
      expect.arrayContaining([
        {
          message: 'smtp timeout 3',
          code: 'JOB_FAILED',
          attempts: '3',
          retriable: 'true',
          original: queue.topic,
        },
        {
          message: 'mailbox does not exist',
          code: 'NO_MAILBOX',
          attempts: '1',
          retriable: 'false',
          original: queue.topic,
        },
      ]),
    );
  });

  it('does not hand out a delayed job before its time', async () => {
    const { module_queue: queue } = await setupModules();
    const delay = 1500;
    const before = Date.now();
    const result = await queue.publishJob({ jobId: 'later', type: 'report.build' }, { delay });
    expect(result.status).toBe('scheduled');
    const [job] = await fetchAtLeast(() => queue.fetchBatch(10), 1, 'the delayed job fetched');
    expect(job?.jobId).toBe('later');
    // Fetched only after its run time: the outbox held it in `scheduled` until then.
    expect(Date.now()).toBeGreaterThanOrEqual(before + delay);
    expect(new Date(job!.runAt).getTime()).toBeGreaterThanOrEqual(before + delay);
    expect(await queue.complete(job!)).toBe(true);
  });

  it('hands out the highest priority first among the jobs the fetcher holds', async () => {
    const { pool, module_queue: queue } = await setupModules();
    await withTransaction(pool, async (client) => {
      await queue.publishJob({ jobId: 'low-1', type: 't', priority: 0 }, { tx: client });
      await queue.publishJob({ jobId: 'low-2', type: 't', priority: 0 }, { tx: client });
      await queue.publishJob({ jobId: 'mid', type: 't', priority: 5 }, { tx: client });
      await queue.publishJob({ jobId: 'high', type: 't', priority: 10 }, { tx: client });
    });
    await queue.start();
    await waitFor(() => queue.buffered() === 4, { what: 'the fetcher holding the four jobs' });
    const [first] = await queue.fetchBatch(1);
    expect(first?.jobId).toBe('high');
    const rest = await queue.fetchBatch(10);
    expect(rest.map((j) => j.jobId).slice(0, 1)).toEqual(['mid']);
    expect(
      rest
        .map((j) => j.jobId)
        .slice(1)
        .sort(),
    ).toEqual(['low-1', 'low-2']);
    for (const job of [first!, ...rest]) await queue.complete(job);
    expect((await queue.counts()).completed).toBe(4);
  });

  it('commits offsets only for settled jobs: a new fetcher of the group gets exactly the unsettled ones', async () => {
    const { pool, schema, bridge, module_queue: queue } = await setupModules();
    await withTransaction(pool, async (client) => {
      for (const id of ['j1', 'j2', 'j3', 'j4'])
        await queue.publishJob({ jobId: id, type: 't' }, { tx: client });
    });
    const jobs = await fetchAtLeast(() => queue.fetchBatch(100), 4, 'four jobs fetched');
    const done = jobs.filter((j) => j.jobId === 'j1' || j.jobId === 'j3');
    for (const job of done) expect(await queue.complete(job)).toBe(true);
    // The worker process dies with j2 and j4 in hand: stop without settling them.
    await queue.stop();
    const next = createQueue({ config: bridge.config, catalog: bridge.catalog, pool, schema });
    try {
      const again = await fetchAtLeast(() => next.fetchBatch(100), 2, 'the two unsettled jobs fetched again');
      expect(again.map((j) => j.jobId).sort()).toEqual(['j2', 'j4']);
      for (const job of again) expect(await next.complete(job)).toBe(true);
      expect(await next.fetchBatch(100, { waitMs: 300 })).toEqual([]);
    } finally {
      await next.stop();
    }
    expect((await queue.counts()).completed).toBe(4);
  });

  it('complete() in the caller transaction: a rollback leaves the job to be handed out again after its lease', async () => {
    const { pool, schema, module_queue: queue } = await setupModules();
    await pool.query(`create table "${schema}".effects (job_id text primary key)`);
    await queue.publishJob({ jobId: 'tx-job', type: 't', timeoutMs: 300 });
    const [job] = await fetchAtLeast(() => queue.fetchBatch(1), 1, 'the job fetched');
    await expect(
      withTransaction(pool, async (client) => {
        await client.query(`insert into "${schema}".effects values ($1)`, [job!.jobId]);
        await queue.complete(job!, { tx: client });
        throw new Error('side effect failed');
      }),
    ).rejects.toThrow('side effect failed');
    const [retry] = await fetchAtLeast(
      () => queue.fetchBatch(1),
      1,
      'the job handed out again after its lease',
    );
    expect(retry?.jobId).toBe('tx-job');
    await withTransaction(pool, async (client) => {
      await client.query(`insert into "${schema}".effects values ($1)`, [retry!.jobId]);
      expect(await queue.complete(retry!, { tx: client })).toBe(true);
    });
    expect((await queue.status('tx-job'))?.status).toBe('completed');
    const { rows } = await pool.query(`select count(*)::int as n from "${schema}".effects`);
    expect(rows[0].n).toBe(1);
  });

  it('push model: typed handlers on createConsumer complete jobs in the inbox transaction', async () => {
    const {
      pool,
      schema,
      module_queue: queue,
    } = await setupModules({ retry: { maxAttempts: 2, initialDelayMs: 10 } });
    await pool.query(`create table "${schema}".sent (job_id text primary key)`);
    const worker = queue.createWorker({
      handlers: {
        'email.send': async (job, ctx) => {
          await ctx.client.query(`insert into "${schema}".sent (job_id) values ($1)`, [job.jobId]);
        },
        'email.broken': async () => {
          throw new Error('template missing');
        },
      },
    });
    await worker.start();
    await queue.publishJob({ jobId: 'ok-1', type: 'email.send' });
    await queue.publishJob({ jobId: 'ok-2', type: 'email.send' });
    await queue.publishJob({ jobId: 'bad', type: 'email.broken' });
    await waitFor(
      async () => (await queue.counts()).completed === 2 && (await queue.status('bad'))?.status === 'dead',
      {
        what: 'two jobs completed and the broken one dead',
      },
    );
    const { rows } = await pool.query(`select job_id from "${schema}".sent order by 1`);
    expect(rows.map((r) => r.job_id)).toEqual(['ok-1', 'ok-2']);
    expect((await queue.status('bad'))?.lastError).toBe('template missing');
  });
});
