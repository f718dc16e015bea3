import { catalog as builtin, createWireCodec, encodeEvent } from '@commercebridge/schemas';
import { describe, expect, it } from 'vitest';
import { kafka, readAllCommitted, waitFor, withTransaction } from '../../../test/support/helpers.ts';
import { createJobsAdmin, createQueue, type Job, type QueueModule } from '../src/index.ts';
import { setupModules } from './support.ts';

/** Fetches until `n` jobs were handed out. */
async function fetchAtLeast(queue: QueueModule, n: number, what: string, max = 100): Promise<Job[]> {
  const got: Job[] = [];
  await waitFor(
    async () => {
      got.push(...(await queue.fetchBatch(max, { waitMs: 500 })));
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
    await withTransaction(pool, async (client) => {
      for (const id of ['a', 'b', 'c']) {
        await queue.publishJob({ jobId: id, type: 'order.process', payload: { id } }, { tx: client });
      }
    });
    // The seeds' call: no transaction given, the job is enqueued in one of its own.
    await queue.publishJob({ jobId: 'd', type: 'order.process', payload: { id: 'd' } });
    expect(await queue.status('rolled-back')).toBeUndefined();
    expect((await queue.status('a'))?.status).toBe('pending');

    const jobs = await fetchAtLeast(queue, 4, 'the four committed jobs fetched');
    expect(jobs.map((j) => j.jobId).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(jobs.find((j) => j.jobId === 'a')?.payload).toEqual({ id: 'a' });
    expect(await queue.status('a')).toMatchObject({ status: 'processing', holder: queue.workerId });

    expect(await Promise.all(jobs.map((job) => queue.complete(job)))).toEqual([true, true, true, true]);
    // A second completion of the same attempt (a retried call) records nothing.
    expect(await queue.complete(jobs[0]!)).toBe(false);
    expect((await queue.counts()).completed).toBe(4);
    expect(await queue.fetchBatch(10, { waitMs: 300 })).toEqual([]);
    // Kafka holds exactly the committed jobs' cards; the rolled-back one never reached the outbox.
    await waitFor(async () => (await readAllCommitted(queue.topic, 60)).length === 4, {
      what: 'the four cards on the queue topic',
    });
  });

  it('retries a failed job with backoff, then dead-letters it with the reason', async () => {
    const { module_queue: queue } = await setupModules({
      retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    });
    await queue.publishJob({ jobId: 'flaky', type: 'email.send', payload: { to: 'x' } });
    await queue.publishJob({ jobId: 'fatal', type: 'email.send', payload: { to: 'y' } });
    const seen: Record<string, number[]> = { flaky: [], fatal: [] };
    for (;;) {
      const jobs = await fetchAtLeast(queue, 1, 'a job to fail');
      for (const job of jobs) {
        seen[job.jobId]!.push(job.attempts);
        const error =
          job.jobId === 'fatal'
            ? Object.assign(new Error('mailbox does not exist'), { code: 'NO_MAILBOX', retriable: false })
            : new Error(`smtp timeout ${job.attempts + 1}`);
        const outcome = await queue.fail(job, error);
        if (job.jobId === 'flaky' && job.attempts < 2) {
          expect(outcome.status).toBe('retrying');
          expect((await queue.status('flaky'))?.status).toBe('failed');
        }
      }
      const flaky = await queue.status('flaky');
      const fatal = await queue.status('fatal');
      if (flaky?.status === 'dead' && fatal?.status === 'dead') break;
    }
    expect(seen.flaky).toEqual([0, 1, 2]);
    expect(seen.fatal).toEqual([0]);
    expect(await queue.status('flaky')).toMatchObject({
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
    // Redrive: the dead jobs are pending again with their attempts reset.
    expect((await queue.redrive(['flaky'])).sort()).toEqual(['flaky']);
    const [again] = await fetchAtLeast(queue, 1, 'the redriven job');
    expect(again).toMatchObject({ jobId: 'flaky', attempts: 0 });
  });

  it('does not hand out a delayed job before its time, and says it is scheduled', async () => {
    const { module_queue: queue } = await setupModules();
    const delay = 1500;
    const before = Date.now();
    expect((await queue.publishJob({ jobId: 'later', type: 'report.build' }, { delay })).status).toBe(
      'scheduled',
    );
    expect((await queue.status('later'))?.status).toBe('scheduled');
    expect((await queue.counts()).scheduled).toBe(1);
    const exposition = await queue.metrics.metrics();
    expect(exposition).toContain('commercebridge_queue_jobs{queue="default",status="scheduled"} 1');
    expect(exposition).toContain('commercebridge_queue_jobs{queue="default",status="pending"} 0');
    const [job] = await fetchAtLeast(queue, 1, 'the delayed job fetched');
    expect(job?.jobId).toBe('later');
    expect(Date.now()).toBeGreaterThanOrEqual(before + delay);
    expect(await queue.complete(job!)).toBe(true);
  });

  it('strict priority across partitions and two workers: every higher-priority job before any lower one', async () => {
    const { pool, bridge, schema, module_queue: a } = await setupModules({ partitions: 4 });
    const b = createQueue({ config: bridge.config, catalog: bridge.catalog, pool, schema });
    try {
      // Low-priority jobs first (lower enqueue order), high ones after, spread over four partitions.
      await withTransaction(pool, async (client) => {
        for (let i = 0; i < 40; i++)
          await a.publishJob({ jobId: `low-${i}`, type: 't', priority: 0 }, { tx: client });
        for (let i = 0; i < 20; i++)
          await a.publishJob({ jobId: `mid-${i}`, type: 't', priority: 5 }, { tx: client });
        for (let i = 0; i < 10; i++)
          await a.publishJob({ jobId: `high-${i}`, type: 't', priority: 10 }, { tx: client });
      });
      const order: Array<{ jobId: string; priority: number; leasedAt: number }> = [];
      const drain = async (queue: QueueModule) => {
        for (;;) {
          const jobs = await queue.fetchBatch(3, { waitMs: 300 });
          if (jobs.length === 0) return;
          for (const job of jobs)
            order.push({ jobId: job.jobId, priority: job.priority, leasedAt: job.leasedAt.getTime() });
          for (const job of jobs) expect(await queue.complete(job)).toBe(true);
        }
      };
      await Promise.all([drain(a), drain(b)]);
      expect(order).toHaveLength(70);
      // By the database clock: no lower-priority job was leased before a higher-priority one.
      const lastLease = (p: number) =>
        Math.max(...order.filter((o) => o.priority === p).map((o) => o.leasedAt));
      const firstLease = (p: number) =>
        Math.min(...order.filter((o) => o.priority === p).map((o) => o.leasedAt));
      expect(lastLease(10)).toBeLessThanOrEqual(firstLease(5));
      expect(lastLease(5)).toBeLessThanOrEqual(firstLease(0));
      expect(new Set(order.map((o) => o.jobId)).size).toBe(70);
    } finally {
      await b.stop();
    }
  });

  it('a lease that runs out is ended by the reaper (one attempt counted); the stale holder changes nothing', async () => {
    const { pool, schema, bridge, module_queue: a } = await setupModules();
    await pool.query(`create table "${schema}".effects (job_id text)`);
    const b = createQueue({ config: bridge.config, catalog: bridge.catalog, pool, schema });
    try {
      await b.start();
      await a.publishJob({ jobId: 'slow', type: 't', timeoutMs: 1500 });
      const [held] = await fetchAtLeast(a, 1, 'the job leased to a');
      expect(held!.holder).toBe(a.workerId);
      // While a's lease runs, b gets nothing.
      expect(await b.fetchBatch(10, { waitMs: 100 })).toEqual([]);
      // a stops heart-beating (a stalled worker); b gets the job once the lease ran out and the reaper ended it.
      const [taken] = await fetchAtLeast(b, 1, 'the job handed to b after the lease ran out');
      expect(taken).toMatchObject({ jobId: 'slow', attempts: 1, holder: b.workerId });
      expect(taken!.leasedAt.getTime()).toBeGreaterThan(held!.leasedUntil.getTime());
      expect(await a.status('slow')).toMatchObject({ status: 'processing', holder: b.workerId, attempts: 1 });
      // The stale holder: completing says so and changes nothing; in a transaction it throws and rolls back.
      expect(await a.complete(held!)).toBe(false);
      await expect(a.extendLease(held!)).rejects.toMatchObject({ code: 'MODULE_LEASE_LOST' });
      expect((await a.fail(held!, new Error('late'))).status).toBe('stale');
      await expect(
        withTransaction(pool, async (client) => {
          await client.query(`insert into "${schema}".effects values ('slow')`);
          await a.complete(held!, { tx: client });
        }),
      ).rejects.toMatchObject({ code: 'MODULE_LEASE_LOST' });
      // The live holder extends its lease and completes, with its side effect, once.
      const until = await b.extendLease(taken!, 5_000);
      expect(until.getTime()).toBeGreaterThan(taken!.leasedAt.getTime() + 4_000);
      await withTransaction(pool, async (client) => {
        await client.query(`insert into "${schema}".effects values ('slow')`);
        expect(await b.complete(taken!, { tx: client, result: { ok: true } })).toBe(true);
      });
      const { rows } = await pool.query(`select count(*)::int as n from "${schema}".effects`);
      expect(rows[0].n).toBe(1);
      expect(await a.result('slow')).toMatchObject({ status: 'completed', result: { ok: true } });
    } finally {
      await b.stop();
    }
  });

  it('a lease that runs out on the last attempt dead-letters the job with the reason', async () => {
    const { module_queue: queue } = await setupModules();
    await queue.publishJob({ jobId: 'crasher', type: 't', timeoutMs: 200, maxAttempts: 2 });
    await fetchAtLeast(queue, 1, 'attempt 1'); // never settled: the worker "crashed"
    await fetchAtLeast(queue, 1, 'attempt 2');
    await waitFor(async () => (await queue.status('crasher'))?.status === 'dead', { what: 'the job dead' });
    expect(await queue.status('crasher')).toMatchObject({ attempts: 2, lastErrorCode: 'JOB_LEASE_EXPIRED' });
    const dlq = await readAllCommitted(queue.dlqTopic, 60);
    expect(dlq.map((m) => m.headers['dlq-error-code']?.toString())).toEqual(['JOB_LEASE_EXPIRED']);
    expect((await queue.result('crasher')).status).toBe('dead');
  });

  it('complete() in the caller transaction: a rollback leaves the job to be handed out again after its lease', async () => {
    const { pool, schema, module_queue: queue } = await setupModules();
    await pool.query(`create table "${schema}".effects (job_id text primary key)`);
    await queue.publishJob({ jobId: 'tx-job', type: 't', timeoutMs: 300 });
    const [job] = await fetchAtLeast(queue, 1, 'the job fetched');
    await expect(
      withTransaction(pool, async (client) => {
        await client.query(`insert into "${schema}".effects values ($1)`, [job!.jobId]);
        await queue.complete(job!, { tx: client });
        throw new Error('side effect failed');
      }),
    ).rejects.toThrow('side effect failed');
    const [retry] = await fetchAtLeast(queue, 1, 'the job handed out again after its lease');
    expect(retry).toMatchObject({ jobId: 'tx-job', attempts: 1 });
    await withTransaction(pool, async (client) => {
      await client.query(`insert into "${schema}".effects values ($1)`, [retry!.jobId]);
      expect(await queue.complete(retry!, { tx: client })).toBe(true);
    });
    expect((await queue.status('tx-job'))?.status).toBe('completed');
    const { rows } = await pool.query(`select count(*)::int as n from "${schema}".effects`);
    expect(rows[0].n).toBe(1);
  });

  it('ingests job cards that another producer wrote to the queue topic', async () => {
    const { module_queue: queue } = await setupModules();
    await queue.start();
    const codec = createWireCodec(builtin, { mode: 'headers' });
    const { bytes } = encodeEvent(builtin, 'job.enqueued', {
      jobId: 'foreign-1',
      queue: 'default',
      type: 'report.build',
      payload: Buffer.from('{"n":1}'),
      payloadContentType: 'application/json',
    });
    const wire = await codec.toWire('job.enqueued', bytes);
    const producer = kafka().producer();
    await producer.connect();
    try {
      await producer.send({
        topic: queue.topic,
        messages: [
          { key: 'foreign-1', value: Buffer.from(wire.value), headers: wire.headers },
          { key: 'junk', value: Buffer.from('not a job'), headers: {} },
        ],
      });
    } finally {
      await producer.disconnect();
    }
    const [job] = await fetchAtLeast(queue, 1, 'the foreign job handed out');
    expect(job).toMatchObject({ jobId: 'foreign-1', type: 'report.build', payload: { n: 1 } });
    expect(await queue.complete(job!)).toBe(true);
    const dlq = await waitFor(
      async () => {
        const entries = await readAllCommitted(queue.dlqTopic, 60);
        return entries.length > 0 ? entries : undefined;
      },
      { what: 'the undecodable message in the DLQ' },
    );
    expect(dlq[0]!.headers['dlq-error-code']?.toString()).toBe('CONSUMER_UNDECODABLE');
  });

  it('createWorker runs typed handlers, completes in their transaction, retries, dead-letters unknown types', async () => {
    const {
      pool,
      schema,
      module_queue: queue,
    } = await setupModules({
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
    });
    await pool.query(`create table "${schema}".sent (job_id text, attempt int)`);
    let flakyRuns = 0;
    const worker = queue.createWorker({
      concurrency: 2,
      handlers: {
        'email.send': async (job, ctx) => {
          await ctx.client.query(`insert into "${schema}".sent values ($1, $2)`, [job.jobId, job.attempts]);
          return { sent: job.jobId };
        },
        'email.flaky': async (job, ctx) => {
          await ctx.client.query(`insert into "${schema}".sent values ($1, $2)`, [job.jobId, job.attempts]);
          flakyRuns += 1;
          if (job.attempts < 2) throw new Error(`try ${job.attempts + 1} failed`);
        },
      },
    });
    await worker.start();
    await queue.publishJob({ jobId: 'ok-1', type: 'email.send' });
    await queue.publishJob({ jobId: 'ok-2', type: 'email.send' });
    await queue.publishJob({ jobId: 'flaky', type: 'email.flaky' });
    await queue.publishJob({ jobId: 'unknown', type: 'email.unknown' });
    expect(await queue.result('ok-1')).toEqual({
      status: 'completed',
      result: { sent: 'ok-1' },
      lastError: null,
    });
    expect((await queue.result('flaky')).status).toBe('completed');
    expect(await queue.result('unknown')).toMatchObject({
      status: 'dead',
      lastError: 'no handler for job type "email.unknown"',
    });
    await worker.stop();
    expect(flakyRuns).toBe(3);
    // Failed attempts rolled their writes back: one row per completed job.
    const { rows } = await pool.query(`select job_id, attempt from "${schema}".sent order by 1`);
    expect(rows).toEqual([
      { job_id: 'flaky', attempt: 2 },
      { job_id: 'ok-1', attempt: 0 },
      { job_id: 'ok-2', attempt: 0 },
    ]);
    // job.completed events with the result went through the outbox, on the queue topic.
    await waitFor(
      async () =>
        (await readAllCommitted(queue.topic, 60)).filter(
          (m) => m.headers['event-type']?.toString() === 'job.completed',
        ).length === 2,
      { what: 'two job.completed events (the jobs with a result)' },
    );
  });

  it('operators retry and cancel jobs by id from the database alone; a cancelled job is never handed out', async () => {
    const {
      pool,
      schema,
      module_queue: queue,
    } = await setupModules({
      retry: { maxAttempts: 1, initialDelayMs: 50, maxDelayMs: 50 },
    });
    const admin = createJobsAdmin({ pool, schema });
    await queue.publishJob({ jobId: 'doomed', type: 'email.send', payload: {} });
    await queue.publishJob({ jobId: 'unwanted', type: 'email.send', payload: {} });
    await queue.publishJob({ jobId: 'later', type: 'email.send', payload: {} }, { delay: 3_600_000 });
    expect(await admin.cancel(['unwanted', 'nope'])).toEqual(['unwanted']);
    const [doomed] = await fetchAtLeast(queue, 1, 'the one job still pending');
    expect(doomed?.jobId).toBe('doomed');
    expect((await queue.fail(doomed!, new Error('boom'))).status).toBe('dead');
    expect(await admin.counts()).toMatchObject({
      [queue.queue]: { dead: 1, cancelled: 1, scheduled: 1, pending: 0 },
    });
    expect(await queue.result('unwanted', { timeoutMs: 1_000 })).toMatchObject({ status: 'cancelled' });
    // Retry: the dead and the cancelled jobs with attempts reset, the scheduled one now.
    expect((await admin.retry(['doomed', 'unwanted', 'later'])).sort()).toEqual([
      'doomed',
      'later',
      'unwanted',
    ]);
    expect(await admin.status('doomed')).toMatchObject({ status: 'pending', attempts: 0 });
    const again = await fetchAtLeast(queue, 3, 'the three retried jobs');
    expect(again.map((j) => j.jobId).sort()).toEqual(['doomed', 'later', 'unwanted']);
    // Cancelling a running job: its holder's completion is stale, and nothing hands it out again.
    const running = again.find((j) => j.jobId === 'doomed')!;
    expect(await admin.cancel(['doomed'])).toEqual(['doomed']);
    expect(await queue.complete(running)).toBe(false);
    expect(await admin.status('doomed')).toMatchObject({ status: 'cancelled', holder: null });
    expect(await admin.retry(['missing'])).toEqual([]);
    expect((await admin.list({ status: 'cancelled' })).map((j) => j.jobId)).toEqual(['doomed']);
  });

  it('no stall: one job held for 20 s (lease renewed) while 2,000 others are enqueued and handed out', async () => {
    const { pool, bridge, schema, module_queue: holderQueue } = await setupModules({ partitions: 1 });
    const workers = createQueue({ config: bridge.config, catalog: bridge.catalog, pool, schema });
    const worker = workers.createWorker({ concurrency: 4, handlers: { quick: async () => {} } });
    try {
      await holderQueue.publishJob({ jobId: 'held', type: 'slow', timeoutMs: 3_000 });
      const [held] = await fetchAtLeast(holderQueue, 1, 'the job to hold');
      const heldUntil = Date.now() + 20_000;
      await worker.start();
      // 2,000 jobs at ~100/s on the held job's partition, each in its own transaction, while it is held.
      for (let i = 0; i < 2_000; i++) {
        await holderQueue.publishJob({ jobId: `q-${i}`, type: 'quick' });
        if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 80));
        if (held!.leasedUntil.getTime() - Date.now() < 2_000) await holderQueue.extendLease(held!);
      }
      await waitFor(
        async () => {
          if (held!.leasedUntil.getTime() - Date.now() < 2_000) await holderQueue.extendLease(held!);
          return (await workers.counts()).completed === 2_000;
        },
        { what: 'the 2,000 other jobs completed while one job is held', timeout: 60_000, interval: 200 },
      );
      while (Date.now() < heldUntil) {
        await holderQueue.extendLease(held!);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(await holderQueue.status('held')).toMatchObject({
        status: 'processing',
        holder: holderQueue.workerId,
      });
      expect(await holderQueue.complete(held!)).toBe(true);
      // Hand-out delay by the database clock: enqueue (row insert) to lease.
      const { rows } = await pool.query<{ ms: number }>(
        `select extract(epoch from (leased_at - enqueued_at)) * 1000 as ms from "${schema}".module_jobs
          where job_id like 'q-%' order by 1`,
      );
      expect(rows).toHaveLength(2_000);
      const at = (q: number) =>
        Math.round(Number(rows[Math.min(rows.length - 1, Math.floor(q * rows.length))]!.ms));
      console.log(
        JSON.stringify({
          queueStall: { jobs: rows.length, handOutDelayMs: { p50: at(0.5), p99: at(0.99) } },
        }),
      );
    } finally {
      await worker.stop();
      await workers.stop();
    }
  });
});
