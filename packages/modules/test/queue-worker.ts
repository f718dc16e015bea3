// A queue worker process for the crash tests: createWorker with one handler, `chaos.job`, whose payload says
// how long it runs and whether it kills its own process (kill -9) on purpose. The side effect (one row in
// <schema>.effects) is written in the transaction that completes the job.
// Env: DATABASE_URL, KAFKA_BROKERS, WORKER_SCHEMA, WORKER_TOPIC, WORKER_GROUP, WORKER_NAME, WORKER_LEASE_MS,
// WORKER_CONCURRENCY.
import { createLogger } from '@commercebridge/config';
import pg from 'pg';
import { jsonLog, requiredEnv } from '../../../test/support/child.ts';
import { createQueue, moduleCatalog, modulesConfigFromEnv } from '../src/index.ts';

const env = requiredEnv;
const schema = env('WORKER_SCHEMA');
const name = env('WORKER_NAME');
const log = jsonLog(name);

const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 12 });
pool.on('error', (error) => log('postgres.error', { error: error.message }));
const config = modulesConfigFromEnv({
  KAFKA_BROKERS: env('KAFKA_BROKERS'),
  KAFKA_GROUP_ID: env('WORKER_GROUP'),
  KAFKA_QUEUE_TOPIC: env('WORKER_TOPIC'),
});
const queue = createQueue({
  config,
  catalog: moduleCatalog(config.topics),
  pool,
  schema,
  leaseMs: Number(env('WORKER_LEASE_MS')),
  retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
  logger: createLogger({
    destination: (line) => {
      const { level, msg, time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>;
      log(`queue.${String(level)}`, { message: msg, ...fields });
    },
  }),
});
const worker = queue.createWorker({
  concurrency: Number(process.env['WORKER_CONCURRENCY'] ?? 8),
  handlers: {
    'chaos.job': async (job, ctx) => {
      const payload = job.payload as { durationMs: number; crash?: boolean };
      if (payload.crash) {
        log('crashing on purpose', { jobId: job.jobId, attempts: job.attempts });
        process.kill(process.pid, 'SIGKILL');
      }
      await new Promise((resolve) => setTimeout(resolve, payload.durationMs));
      await ctx.client.query(
        `insert into "${schema}".effects (job_id, holder, attempts, done_at) values ($1, $2, $3, clock_timestamp())`,
        [job.jobId, job.holder, job.attempts],
      );
    },
  },
});

process.on('SIGTERM', () => {
  log('stopping');
  worker
    .stop()
    .then(() => queue.stop())
    .then(() => pool.end())
    .then(() => {
      log('stopped');
      process.exit(0);
    })
    .catch((error: Error) => {
      log('stop.failed', { error: error.message });
      process.exit(1);
    });
});

await worker.start();
log('started', { workerId: queue.workerId });
