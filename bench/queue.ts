// Throughput of the worker queue against pg-boss on the same Postgres, in the same run.
//
//   pnpm bench:queue        (BENCH_RUNS=5 BENCH_JOBS=5000 by default)
//
// Each run enqueues BENCH_JOBS jobs one at a time (each in its own transaction) while W fetch loops (W = 1, then
// 4) fetch batches of 50 and complete every job with no work; enqueue and consumption run concurrently, and a
// run counts from the first enqueue to the last completion. Producer and workers are separate instances of the
// system with separate connection pools (as separate processes would be), but they run in this process: the W
// fetch loops are concurrent async loops on one instance. Systems alternate run by run (ours, pg-boss, ours, ...),
// each run in a fresh schema that is dropped afterwards:
//   ours     createQueue({ ingest: false }): publishJob (job row + its job.enqueued card in the outbox, one
//            transaction), fetchBatch (leases with holder and leased_until), complete(job) per job, its own
//            transaction (the API has no batch complete; the 50 of a batch are completed concurrently). No relay
//            runs: the cards stay unpublished in the outbox, so Kafka is not measured here (see bench:relay).
//   pg-boss  10.4.2 (the newest release for Node 20; 11 and 12 need Node 22): send (one insert, autocommit),
//            fetch({ batchSize: 50 }), complete(name, ids) for the batch in one statement
// Latency: enqueue call returned -> fetch returned the job, per job id, client clock (a job handed out before its
// enqueue call returned counts 0). CPU: this process (user + system) and every postgres process from /proc
// (including exited backends, through the postmaster's cutime), per 1,000 jobs. Prints a table and one JSON line.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import PgBoss from 'pg-boss';
import {
  createQueue,
  migrateModules,
  moduleCatalog,
  modulesConfigFromEnv,
} from '../packages/modules/src/index.ts';
import { migrate } from '../packages/outbox/src/index.ts';
import { loadStackEnv } from '../test/support/stack-env.ts';
import { median, percentile } from './support.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const total = Number(process.env.BENCH_JOBS ?? 5_000);
const BATCH = 50;
const WORKERS = [1, 4];
/** A run that has not finished after this long fails the benchmark (a lost job, a stuck loop). */
const RUN_TIMEOUT_MS = Number(process.env.BENCH_RUN_TIMEOUT_MS ?? 300_000);
const PG_BOSS_VERSION = (
  JSON.parse(readFileSync(new URL('../node_modules/pg-boss/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const env = loadStackEnv();
if (!env.DATABASE_URL || !env.KAFKA_BROKERS) {
  console.error('DATABASE_URL and KAFKA_BROKERS are not set: start the local stack with `./dev stack up`');
  process.exit(2);
}
const databaseUrl = env.DATABASE_URL;
const kafkaBrokers = env.KAFKA_BROKERS;

/** CPU seconds of all postgres processes (utime + stime + reaped children's), or NaN when /proc is not readable. */
function postgresCpuSeconds(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name !== 'postgres') continue;
        // Fields after the command: state is [0], utime [11], stime [12], cutime [13], cstime [14].
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      } catch {
        // the process ended
      }
    }
  } catch {
    return Number.NaN;
  }
  return ticks / 100;
}

interface Result {
  jobsPerSec: number;
  /** Jobs enqueued per second by the producer (first enqueue to last enqueue returned). */
  enqueuePerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerKJobs: number;
  pgCpuMsPerKJobs: number;
}

interface Handle {
  enqueue(id: string): Promise<void>;
  /** Fetches up to BATCH jobs and completes them; returns their ids once fetch returned, and the completions. */
  fetch(): Promise<{ ids: string[]; completed: Promise<void> }>;
  /** Jobs completed in the database (a check that every job went through exactly once). */
  completedCount(): Promise<number>;
  /** Outbox rows left unpublished (ours), for the output. */
  unpublished(): Promise<number | undefined>;
  close(): Promise<void>;
}

interface System {
  name: 'ours' | 'pg-boss';
  setup(): Promise<Handle>;
}

async function measure(system: System, workers: number): Promise<Result & { unpublished?: number }> {
  const handle = await system.setup();
  try {
    const enqueuedAt = new Map<string, number>();
    const handedOutAt = new Map<string, number>();
    const latencies: number[] = [];
    let completed = 0;
    let enqueueDone = 0;
    const cpu = process.cpuUsage();
    const pgCpu = postgresCpuSeconds();
    const started = performance.now();
    const deadline = started + RUN_TIMEOUT_MS;
    const producing = (async () => {
      for (let i = 0; i < total; i++) {
        const id = `job-${i}`;
        await handle.enqueue(id);
        const now = performance.now();
        const handed = handedOutAt.get(id);
        // Handed out before the enqueue call returned (the commit reached the worker first).
        if (handed !== undefined) latencies.push(Math.max(0, handed - now));
        else enqueuedAt.set(id, now);
      }
      enqueueDone = performance.now();
    })();
    const loop = async () => {
      while (completed < total) {
        if (performance.now() > deadline) {
          throw new Error(`${system.name}: ${completed}/${total} jobs completed after ${RUN_TIMEOUT_MS} ms`);
        }
        const { ids, completed: completing } = await handle.fetch();
        const now = performance.now();
        for (const id of ids) {
          const at = enqueuedAt.get(id);
          if (at === undefined) handedOutAt.set(id, now);
          else latencies.push(Math.max(0, now - at));
        }
        await completing;
        completed += ids.length;
        if (ids.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await Promise.all([producing, ...Array.from({ length: workers }, loop)]);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const pgCpuSeconds = postgresCpuSeconds() - pgCpu;
    const inDb = await handle.completedCount();
    if (inDb !== total || latencies.length !== total) {
      throw new Error(
        `${system.name}: ${inDb} jobs completed in the database, ${latencies.length} hand-outs seen, ${total} enqueued`,
      );
    }
    latencies.sort((a, b) => a - b);
    return {
      jobsPerSec: total / seconds,
      enqueuePerSec: total / ((enqueueDone - started) / 1000),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      cpuMsPerKJobs: ((used.user + used.system) / 1000 / total) * 1000,
      pgCpuMsPerKJobs: ((pgCpuSeconds * 1000) / total) * 1000,
      unpublished: await handle.unpublished(),
    };
  } finally {
    await handle.close();
  }
}

const ours: System = {
  name: 'ours',
  async setup() {
    const schema = `bench_queue_${randomBytes(4).toString('hex')}`;
    const producerPool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const workerPool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    await migrate({ pool: workerPool, schema });
    await migrateModules(workerPool, schema);
    const config = modulesConfigFromEnv({
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_GROUP_ID: `${schema}-group`,
      KAFKA_QUEUE_TOPIC: `${schema}.queue`,
    });
    const catalog = moduleCatalog(config.topics);
    // ingest: false, so no Kafka consumer runs: hand-out comes from the job rows.
    const producer = createQueue({ config, catalog, pool: producerPool, schema, ingest: false });
    const worker = createQueue({ config, catalog, pool: workerPool, schema, ingest: false });
    await worker.start();
    return {
      async enqueue(id) {
        await producer.publishJob({ jobId: id, type: 'bench.noop', payload: { id } });
      },
      async fetch() {
        const jobs = await worker.fetchBatch(BATCH, { waitMs: 0 });
        const completed = Promise.all(jobs.map((job) => worker.complete(job))).then((done) => {
          if (done.some((ok) => !ok)) throw new Error('ours: complete returned false (lease lost)');
        });
        return { ids: jobs.map((job) => job.jobId), completed };
      },
      async completedCount() {
        const { rows } = await workerPool.query<{ n: number }>(
          `select count(*)::int as n from "${schema}".module_jobs where status = 'completed'`,
        );
        return rows[0]!.n;
      },
      async unpublished() {
        const { rows } = await workerPool.query<{ n: number }>(
          `select count(*)::int as n from "${schema}".events where published_at is null`,
        );
        return rows[0]!.n;
      },
      async close() {
        await producer.stop();
        await worker.stop();
        await workerPool.query(`drop schema "${schema}" cascade`);
        await Promise.all([producerPool.end(), workerPool.end()]);
      },
    };
  },
};

const pgBoss: System = {
  name: 'pg-boss',
  async setup() {
    const schema = `bench_pgboss_${randomBytes(4).toString('hex')}`;
    const options = { connectionString: databaseUrl, schema, supervise: false, schedule: false };
    const worker = new PgBoss({ ...options, max: 10 });
    worker.on('error', (error) => console.error('pg-boss error', error));
    await worker.start();
    await worker.createQueue('bench');
    const producer = new PgBoss({ ...options, max: 2, migrate: false });
    producer.on('error', (error) => console.error('pg-boss error', error));
    await producer.start();
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    return {
      async enqueue(id) {
        await producer.send('bench', { id });
      },
      async fetch() {
        const jobs = await worker.fetch<{ id: string }>('bench', { batchSize: BATCH });
        const completed =
          jobs.length === 0
            ? Promise.resolve()
            : worker.complete(
                'bench',
                jobs.map((job) => job.id),
              );
        return { ids: jobs.map((job) => job.data.id), completed };
      },
      async completedCount() {
        const { rows } = await pool.query<{ n: number }>(
          `select count(*)::int as n from "${schema}".job where name = 'bench' and state = 'completed'`,
        );
        return rows[0]!.n;
      },
      async unpublished() {
        return undefined;
      },
      async close() {
        await producer.stop({ graceful: false, wait: true });
        await worker.stop({ graceful: false, wait: true });
        await pool.query(`drop schema "${schema}" cascade`);
        await pool.end();
      },
    };
  },
};

type Results = Record<System['name'], Record<number, Result[]>>;
const results: Results = { ours: { 1: [], 4: [] }, 'pg-boss': { 1: [], 4: [] } };
let unpublished = 0;
for (let run = 0; run < runs; run++) {
  for (const workers of WORKERS) {
    for (const system of run % 2 === 0 ? [ours, pgBoss] : [pgBoss, ours]) {
      const result = await measure(system, workers);
      results[system.name][workers]!.push(result);
      if (result.unpublished !== undefined) unpublished = result.unpublished;
      console.error(
        `run ${run + 1}/${runs} ${system.name} workers=${workers}: ${Math.round(result.jobsPerSec)} jobs/s ` +
          `(enqueue ${Math.round(result.enqueuePerSec)}/s), p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`,
      );
    }
  }
}

const round1 = (n: number) => Number(n.toFixed(1));
function summarize(name: System['name'], workers: number) {
  const rs = results[name][workers]!;
  const of = (pick: (r: Result) => number) => median(rs.map(pick));
  return {
    jobsPerSec: Math.round(of((r) => r.jobsPerSec)),
    enqueuePerSec: Math.round(of((r) => r.enqueuePerSec)),
    p50Ms: round1(of((r) => r.p50Ms)),
    p99Ms: round1(of((r) => r.p99Ms)),
    cpuMsPerKJobs: Math.round(of((r) => r.cpuMsPerKJobs)),
    pgCpuMsPerKJobs: Math.round(of((r) => r.pgCpuMsPerKJobs)),
    runs: rs.map((r) => Math.round(r.jobsPerSec)),
  };
}
const summary = WORKERS.map((workers) => {
  const a = summarize('ours', workers);
  const b = summarize('pg-boss', workers);
  return { workers, ours: a, pgBoss: b, ratio: Number((a.jobsPerSec / b.jobsPerSec).toFixed(2)) };
});

console.log(
  `queue benchmark: ${total} jobs enqueued one per transaction, fetched in batches of ${BATCH}, no-op work, ` +
    `median of ${runs} interleaved runs (ours vs pg-boss ${PG_BOSS_VERSION}, same Postgres)`,
);
console.log(
  '  workers = concurrent fetch loops in this process; the producer runs alongside, on its own pool\n' +
    `  ours: ingest off, no relay: its job.enqueued outbox rows stay unpublished (${unpublished} of the last run)\n` +
    '  CPU ms / 1k jobs: node = this process (producer + workers), pg = all postgres processes',
);
const table: Record<string, Record<string, string | number>> = {};
for (const row of summary) {
  for (const [name, r] of [
    ['ours', row.ours],
    [`pg-boss ${PG_BOSS_VERSION}`, row.pgBoss],
  ] as const) {
    table[`${name} ×${row.workers}`] = {
      system: name,
      workers: row.workers,
      'jobs/s': r.jobsPerSec,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      'ratio ours/pg-boss': name === 'ours' ? row.ratio : '',
      'enqueue/s': r.enqueuePerSec,
      'node CPU ms/1k': r.cpuMsPerKJobs,
      'pg CPU ms/1k': r.pgCpuMsPerKJobs,
      runs: r.runs.join(' '),
    };
  }
}
console.table(table);
console.log(
  JSON.stringify({
    bench: 'queue',
    jobs: total,
    runs,
    batch: BATCH,
    pgBoss: PG_BOSS_VERSION,
    workersInProcess: true,
    oursOutboxUnpublished: true,
    loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
    results: summary,
  }),
);
process.exit(0);
