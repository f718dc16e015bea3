// Throughput of the worker queue against pg-boss on the same Postgres, in the same run.
//
//   pnpm bench:queue        (BENCH_RUNS=5 BENCH_JOBS=5000 by default)
//
// Each run enqueues BENCH_JOBS jobs one at a time (each in its own transaction) while W fetch loops (W = 1, then
// 4, in this process) fetch batches of 50 and complete every job with no work; it counts from the first enqueue
// to the last completion. Systems alternate run by run (ours, pg-boss, ours, ...), each in a fresh schema:
//   ours     createQueue: publishJob (job row + its outbox card, per-key advisory lock), fetchBatch (leases with
//            holder and leased_until), complete (guarded by the holder); ingest off, no relay: the cards stay
//            in the outbox, so Kafka is not measured here (the relay's own benchmark is bench:relay)
//   pg-boss  10.4.2 (the newest release for Node 20): send, fetch({ batchSize }), complete(ids)
// Latency: enqueue returned to fetch returned, per job, client clock. CPU: this process (user + system) and
// the Postgres server processes (/proc), per 1,000 jobs. Prints a table and one JSON line.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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
const env = loadStackEnv();
if (!env.DATABASE_URL || !env.KAFKA_BROKERS) {
  console.error('DATABASE_URL and KAFKA_BROKERS are not set: start the local stack with `./dev stack up`');
  process.exit(2);
}

/** CPU seconds of all postgres processes (utime + stime from /proc), or NaN when /proc is not readable. */
function postgresCpuSeconds(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name !== 'postgres') continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
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
  p50Ms: number;
  p99Ms: number;
  cpuMsPerKJobs: number;
}

interface System {
  name: string;
  setup(): Promise<{
    enqueue(id: string): Promise<void>;
    /** Fetches up to BATCH jobs and completes them; returns their ids. */
    fetchAndComplete(): Promise<string[]>;
    close(): Promise<void>;
  }>;
}

async function measure(system: System, workers: number): Promise<Result> {
  const handle = await system.setup();
  const enqueuedAt = new Map<string, number>();
  const latencies: number[] = [];
  let done = 0;
  const cpu = process.cpuUsage();
  const pgCpu = postgresCpuSeconds();
  const started = performance.now();
  const producing = (async () => {
    for (let i = 0; i < total; i++) {
      const id = `job-${i}`;
      await handle.enqueue(id);
      enqueuedAt.set(id, performance.now());
    }
  })();
  const loop = async () => {
    while (done < total) {
      const ids = await handle.fetchAndComplete();
      const now = performance.now();
      for (const id of ids) {
        const at = enqueuedAt.get(id);
        if (at !== undefined) latencies.push(Math.max(0, now - at));
      }
      done += ids.length;
      if (ids.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  await Promise.all([producing, ...Array.from({ length: workers }, loop)]);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6 + (postgresCpuSeconds() - pgCpu);
  await handle.close();
  latencies.sort((a, b) => a - b);
  return {
    jobsPerSec: total / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMsPerKJobs: (cpuSeconds * 1000 * 1000) / total,
  };
}

const ours: System = {
  name: 'ours',
  async setup() {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });
    const schema = `bench_queue_${randomBytes(4).toString('hex')}`;
    await migrate({ pool, schema });
    await migrateModules(pool, schema);
    const config = modulesConfigFromEnv({
      KAFKA_BROKERS: env.KAFKA_BROKERS,
      KAFKA_QUEUE_TOPIC: `${schema}.queue`,
    });
    const queue = createQueue({ config, catalog: moduleCatalog(config.topics), pool, schema, ingest: false });
    await queue.start();
    return {
      async enqueue(id) {
        await queue.publishJob({ jobId: id, type: 'bench.noop', payload: { id } });
      },
      async fetchAndComplete() {
        const jobs = await queue.fetchBatch(BATCH, { waitMs: 0 });
        await Promise.all(jobs.map((job) => queue.complete(job)));
        return jobs.map((job) => job.jobId);
      },
      async close() {
        await queue.stop();
        await pool.query(`drop schema "${schema}" cascade`);
        await pool.end();
      },
    };
  },
};

const pgBoss: System = {
  name: 'pg-boss',
  async setup() {
    const schema = `bench_pgboss_${randomBytes(4).toString('hex')}`;
    const boss = new PgBoss({
      connectionString: env.DATABASE_URL,
      schema,
      max: 10,
      supervise: false,
      schedule: false,
    });
    boss.on('error', () => {});
    await boss.start();
    await boss.createQueue('bench');
    return {
      async enqueue(id) {
        await boss.send('bench', { id });
      },
      async fetchAndComplete() {
        const jobs = await boss.fetch<{ id: string }>('bench', { batchSize: BATCH });
        if (jobs.length === 0) return [];
        await boss.complete(
          'bench',
          jobs.map((job) => job.id),
        );
        return jobs.map((job) => job.data.id);
      },
      async close() {
        await boss.stop({ graceful: false, wait: true });
        const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
        await pool.query(`drop schema "${schema}" cascade`);
        await pool.end();
      },
    };
  },
};

const results: Record<string, Record<number, Result[]>> = {
  ours: { 1: [], 4: [] },
  'pg-boss': { 1: [], 4: [] },
};
for (let run = 0; run < runs; run++) {
  for (const workers of [1, 4]) {
    for (const system of run % 2 === 0 ? [ours, pgBoss] : [pgBoss, ours]) {
      const result = await measure(system, workers);
      results[system.name]![workers]!.push(result);
      console.error(
        `run ${run + 1}/${runs} ${system.name} workers=${workers}: ${result.jobsPerSec.toFixed(0)} jobs/s`,
      );
    }
  }
}

const summary = [];
for (const workers of [1, 4]) {
  const of = (name: string) => {
    const rs = results[name]![workers]!;
    return {
      jobsPerSec: Math.round(median(rs.map((r) => r.jobsPerSec))),
      p50Ms: Math.round(median(rs.map((r) => r.p50Ms))),
      p99Ms: Math.round(median(rs.map((r) => r.p99Ms))),
      cpuMsPerKJobs: Math.round(median(rs.map((r) => r.cpuMsPerKJobs))),
    };
  };
  const a = of('ours');
  const b = of('pg-boss');
  summary.push({ workers, ours: a, pgBoss: b, ratio: Number((a.jobsPerSec / b.jobsPerSec).toFixed(2)) });
}
console.log(`\nqueue: ${total} jobs, batches of ${BATCH}, median of ${runs} interleaved runs\n`);
console.log(
  '| workers | system | jobs/s | p50 ms | p99 ms | CPU ms / 1k jobs (process + Postgres) | ratio ours/pg-boss |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of summary) {
  for (const [name, r] of [
    ['ours', row.ours],
    ['pg-boss 10.4.2', row.pgBoss],
  ] as const) {
    console.log(
      `| ${row.workers} | ${name} | ${r.jobsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuMsPerKJobs} | ${name === 'ours' ? row.ratio : ''} |`,
    );
  }
}
console.log(JSON.stringify({ bench: 'queue', jobs: total, runs, batch: BATCH, results: summary }));
process.exit(0);
