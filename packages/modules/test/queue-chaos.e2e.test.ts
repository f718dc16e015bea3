// The queue's guarantee under crashes (DESIGN.md, guarantee 7), with real worker processes (queue-worker.ts):
// workers are killed with SIGKILL, restarted, join and leave while jobs run; some jobs outlast their lease
// (the worker renews it), some kill their worker on purpose. A trigger on the jobs table logs every hand-out
// and its end with the database clock, independently of the workers.
// CHAOS_PROFILE=ci (default): 1,500 jobs, 4 kills; CHAOS_PROFILE=full: 10,000 jobs, 12 kills.
import { migrate } from '@commercebridge/outbox';
import { expect, test } from 'vitest';
import {
  createTestSchema,
  createTopic,
  randomName,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import { type ChildHandle, spawnNode } from '../../../test/support/processes.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { createQueue, migrateModules, moduleCatalog, modulesConfigFromEnv } from '../src/index.ts';

const full = process.env['CHAOS_PROFILE'] === 'full';
const PROFILE = full ? { jobs: 10_000, kills: 12, crashers: 8 } : { jobs: 1_500, kills: 4, crashers: 2 };
const LEASE_MS = 1_500;
/** Attempts of a job that kills its worker; the other jobs get more: a job in flight on a killed worker loses
 * an attempt too, and comes back in the same reaper pass as the crashing job, often to the same worker. */
const MAX_ATTEMPTS = 3;
const MAX_ATTEMPTS_OTHERS = 10;

/** Records each lease (start, extensions, end) of module_jobs rows, in the transaction that makes the change. */
const HANDOUT_LOG = (s: string) => `
  create table ${s}.handouts (job_id text not null, holder text not null, attempts int not null,
    leased_at timestamptz not null, leased_until timestamptz not null, ended_at timestamptz, ended_status text,
    ended_code text);
  create function ${s}.log_handout() returns trigger language plpgsql as $$
  begin
    if old.status = 'processing' and (new.status <> 'processing' or old.holder is distinct from new.holder
        or old.attempts <> new.attempts) then
      update ${s}.handouts set ended_at = clock_timestamp(), ended_status = new.status,
             ended_code = new.last_error_code
       where job_id = old.job_id and holder = old.holder and attempts = old.attempts and ended_at is null;
    end if;
    if new.status = 'processing' and (old.status <> 'processing' or old.holder is distinct from new.holder
        or old.attempts <> new.attempts) then
      insert into ${s}.handouts values (new.job_id, new.holder, new.attempts, new.leased_at, new.leased_until);
    elsif new.status = 'processing' and new.leased_until is distinct from old.leased_until then
      update ${s}.handouts set leased_until = new.leased_until
       where job_id = new.job_id and holder = new.holder and attempts = new.attempts and ended_at is null;
    end if;
    return new;
  end $$;
  create trigger log_handout after update on ${s}.module_jobs for each row execute function ${s}.log_handout();
  create table ${s}.effects (job_id text not null, holder text not null, attempts int not null,
    done_at timestamptz not null);`;

interface Handout {
  job_id: string;
  holder: string;
  attempts: number;
  leased_at: Date;
  leased_until: Date;
  ended_at: Date | null;
  ended_status: string | null;
  ended_code: string | null;
}

test(`queue: ${PROFILE.jobs} jobs, 3 workers, ${PROFILE.kills} kill -9 plus crashing jobs: each job held by one worker at a time, completed once`, async () => {
  const pool = testPool();
  const schema = await createTestSchema(pool, 'queue_chaos');
  const s = `"${schema}"`;
  await migrate({ pool, schema });
  await migrateModules(pool, schema);
  await pool.query(HANDOUT_LOG(s));
  const topic = await createTopic(randomName('queue'), 3);
  await createTopic(`${topic}.dlq`, 1);
  const groupId = randomName('workers');
  const config = modulesConfigFromEnv({
    KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
    KAFKA_GROUP_ID: randomName('producer'),
    KAFKA_QUEUE_TOPIC: topic,
  });
  const producer = createQueue({
    config,
    catalog: moduleCatalog(config.topics),
    pool,
    schema,
    ingest: false,
  });

  const random = Math.random;
  const crashers = new Set(
    Array.from(
      { length: PROFILE.crashers },
      (_, i) => `job-${Math.floor((i + 0.5) * (PROFILE.jobs / PROFILE.crashers))}`,
    ),
  );
  // Enqueued in transactions of 100 while the workers run.
  const enqueuing = (async () => {
    for (let i = 0; i < PROFILE.jobs; i += 100) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        for (let j = i; j < Math.min(PROFILE.jobs, i + 100); j++) {
          const id = `job-${j}`;
          // 3% outlast their lease (the worker renews it), the others take 0-40 ms.
          const long = random() < 0.03;
          const durationMs = long ? LEASE_MS + 500 + Math.floor(random() * 1500) : Math.floor(random() * 40);
          await producer.publishJob(
            {
              jobId: id,
              type: 'chaos.job',
              payload: { durationMs, crash: crashers.has(id) },
              maxAttempts: crashers.has(id) ? MAX_ATTEMPTS : MAX_ATTEMPTS_OTHERS,
            },
            { tx: client },
          );
        }
        await client.query('commit');
      } finally {
        client.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  let serial = 0;
  const workers: ChildHandle[] = [];
  const spawnWorker = () => {
    const worker = spawnNode({
      name: `queue-worker-${++serial}`,
      script: 'packages/modules/test/queue-worker.ts',
      env: {
        WORKER_SCHEMA: schema,
        WORKER_TOPIC: topic,
        WORKER_GROUP: groupId,
        WORKER_NAME: `w${serial}`,
        WORKER_LEASE_MS: String(LEASE_MS),
        WORKER_CONCURRENCY: '8',
      },
    });
    workers.push(worker);
    return worker;
  };
  const live = () => workers.filter((w) => w.running);
  // One graceful stop per worker, even when the loop's extra worker and the final stop both ask for it.
  const stopping = new Map<ChildHandle, Promise<unknown>>();
  const stopWhenStarted = (w: ChildHandle) => {
    let stop = stopping.get(w);
    if (!stop) {
      stop = w
        .waitForLog((line) => line['event'] === 'started', { timeout: 60_000, what: 'worker started' })
        .then(() => w.terminate({ timeout: 30_000 }));
      stopping.set(w, stop);
    }
    return stop;
  };
  for (let i = 0; i < 3; i++) spawnWorker();

  const settled = async () =>
    (
      await pool.query<{ n: number }>(
        `select count(*)::int as n from ${s}.module_jobs where status in ('completed', 'dead')`,
      )
    ).rows[0]!.n;
  let kills = 0;
  const replaced = new Set<ChildHandle>();
  let joins = 0;
  // Kill -9 a random worker every ~1.5 s while jobs run; a crashed or killed worker is replaced; one extra
  // worker joins and leaves (SIGTERM) now and then.
  while (kills < PROFILE.kills || (await settled()) < PROFILE.jobs) {
    await new Promise((resolve) => setTimeout(resolve, 1000 + random() * 1000));
    for (const w of workers)
      if (!w.running && !w.name.endsWith('-replaced')) {
        Object.defineProperty(w, 'name', { value: `${w.name}-replaced` });
        spawnWorker();
      }
    const running = live();
    if (kills < PROFILE.kills && running.length > 0) {
      await running[Math.floor(random() * running.length)]!.kill();
      kills += 1;
    } else if (joins < kills && running.length === 3) {
      const extra = spawnWorker();
      replaced.add(extra); // it leaves on purpose: not replaced
      joins += 1;
      setTimeout(() => void stopWhenStarted(extra).catch(() => {}), 2000 + random() * 2000);
    }
    if ((await settled()) >= PROFILE.jobs && kills >= PROFILE.kills) break;
  }
  await enqueuing;
  await waitFor(async () => (await settled()) === PROFILE.jobs, {
    timeout: 300_000,
    what: `all ${PROFILE.jobs} jobs completed or dead`,
  });
  // A worker spawned in the loop's last round may still be loading: SIGTERM before its handler is installed
  // kills it by the default action, which is not the graceful stop this asserts. Wait for `started` first.
  await Promise.all(live().map((w) => stopWhenStarted(w)));
  await producer.stop();

  // Every job completed exactly once (one side effect), except the crashing ones: dead after MAX_ATTEMPTS.
  const { rows: effects } = await pool.query<{ job_id: string; n: number }>(
    `select job_id, count(*)::int as n from ${s}.effects group by job_id`,
  );
  expect(
    effects.filter((e) => e.n !== 1),
    'jobs whose side effect happened more than once',
  ).toEqual([]);
  const { rows: statuses } = await pool.query<{
    job_id: string;
    status: string;
    attempts: number;
    last_error_code: string | null;
  }>(`select job_id, status, attempts, last_error_code from ${s}.module_jobs`);
  expect(statuses).toHaveLength(PROFILE.jobs);
  const dead = statuses.filter((r) => r.status === 'dead');
  expect(dead.map((r) => r.job_id).sort()).toEqual([...crashers].sort());
  for (const row of dead)
    expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, last_error_code: 'JOB_LEASE_EXPIRED' });
  const effectIds = new Set(effects.map((e) => e.job_id));
  expect(statuses.filter((r) => r.status === 'completed' && !effectIds.has(r.job_id))).toEqual([]);
  expect([...crashers].filter((id) => effectIds.has(id))).toEqual([]);

  // No two holders at once: each hand-out starts after the previous one of its job ended, and, when that one
  // was ended by the reaper, after its lease ran out.
  const { rows: handouts } = await pool.query<Handout>(
    `select * from ${s}.handouts order by job_id, leased_at`,
  );
  const overlaps: string[] = [];
  const rehandoutDelays: number[] = [];
  /** From the reaper's end of a lease to the next hand-out (waiting for a worker with room). */
  const pickupDelays: number[] = [];
  let reaped = 0;
  for (let i = 1; i < handouts.length; i++) {
    const prev = handouts[i - 1]!;
    const next = handouts[i]!;
    if (prev.job_id !== next.job_id) continue;
    const expired = prev.ended_code === 'JOB_LEASE_EXPIRED' && prev.ended_status !== 'completed';
    if (!prev.ended_at || next.leased_at < prev.ended_at || (expired && next.leased_at < prev.leased_until)) {
      overlaps.push(
        `${next.job_id}: ${prev.holder} [${prev.leased_at.toISOString()}, ${prev.ended_at?.toISOString()}] and ${next.holder} from ${next.leased_at.toISOString()}`,
      );
    }
    if (expired) {
      rehandoutDelays.push(next.leased_at.getTime() - prev.leased_until.getTime());
      pickupDelays.push(next.leased_at.getTime() - (prev.ended_at ?? prev.leased_until).getTime());
    }
  }
  /** From a lease's end to the reaper ending it. */
  const reapDelays: number[] = [];
  for (const h of handouts) {
    if (h.ended_code !== 'JOB_LEASE_EXPIRED' || h.ended_status === 'completed' || !h.ended_at) continue;
    reaped += 1;
    reapDelays.push(h.ended_at.getTime() - h.leased_until.getTime());
  }
  expect(overlaps, 'intervals in which two workers held the same job').toEqual([]);
  expect(
    handouts.filter((h) => h.ended_at === null),
    'leases never ended',
  ).toEqual([]);
  // The killed workers' jobs were handed out again (or, for the last attempt, dead-lettered).
  expect(reaped).toBeGreaterThan(0);
  const percentiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
  };
  const longJobs = (
    await pool.query<{ n: number }>(
      `select count(*)::int as n from ${s}.handouts where leased_until - leased_at > interval '${LEASE_MS + 100} milliseconds'`,
    )
  ).rows[0]!.n;
  console.log(
    JSON.stringify({
      queueChaos: {
        jobs: PROFILE.jobs,
        kills,
        crashedByJobs: workers.flatMap((w) => w.lines()).filter((l) => l['event'] === 'crashing on purpose')
          .length,
        joins,
        handouts: handouts.length,
        leasesRenewedPastTheirLength: longJobs,
        abandonedLeases: reaped,
        rehandoutAfterLeaseEndMs: percentiles(rehandoutDelays),
        reaperAfterLeaseEndMs: percentiles(reapDelays),
        pickupAfterReaperMs: percentiles(pickupDelays),
        overlaps: overlaps.length,
      },
    }),
  );
});
