// A consumer process for the e2e tests: its handler inserts one row per event into <schema>.side_effects.
// Env: DATABASE_URL, KAFKA_BROKERS, WORKER_SCHEMA, WORKER_TOPIC, WORKER_GROUP, WORKER_NAME,
// WORKER_CONCURRENCY (partitions at once), WORKER_TRANSACTION (batch|message), WORKER_SESSION_TIMEOUT_MS.
import { createLogger } from '@commercebridge/config';
import { catalog, createWireCodec } from '@commercebridge/schemas';
import pg from 'pg';
import { jsonLog, requiredEnv } from '../../../test/support/child.ts';
import { createConsumer } from '../src/index.ts';

const env = requiredEnv;
const schema = env('WORKER_SCHEMA');
const name = env('WORKER_NAME');
const log = jsonLog(name);

const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 8 });
pool.on('error', (error) => log('postgres.error', { error: error.message }));
const concurrency = Number(process.env['WORKER_CONCURRENCY'] ?? 3);
const consumer = createConsumer({
  kafka: { brokers: env('KAFKA_BROKERS').split(',') },
  catalog,
  codec: createWireCodec(catalog, { mode: 'headers' }),
  pool,
  schema,
  groupId: env('WORKER_GROUP'),
  topics: [env('WORKER_TOPIC')],
  partitionsConsumedConcurrently: concurrency,
  transaction: process.env['WORKER_TRANSACTION'] === 'message' ? 'message' : 'batch',
  sessionTimeoutMs: Number(process.env['WORKER_SESSION_TIMEOUT_MS'] ?? 6000),
  logger: createLogger({
    destination: (line) => {
      const { level, msg, time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>;
      log(`consumer.${String(level)}`, { message: msg, ...fields });
    },
  }),
  // WORKER_COMMIT_DELAY_MS=n: log `pg.committed`, then wait n to 2n ms before the offset commit, so a test can
  // kill the process inside that window: the next owner must then skip what was already handled.
  hooks: {
    afterTransactionCommit: async (info) => {
      const delay = Number(process.env['WORKER_COMMIT_DELAY_MS'] ?? 0);
      if (delay <= 0) return;
      log('pg.committed', info);
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
    },
  },
  handlers: {
    'order.placed': async (event, ctx) => {
      await ctx.client.query(
        `insert into "${schema}".side_effects (event_id, order_id, worker, kafka_partition, kafka_offset)
         values ($1, $2, $3, $4, $5)`,
        [ctx.eventId, event.orderId, name, ctx.partition, ctx.offset],
      );
    },
  },
});

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  log('stopping');
  consumer
    .stop()
    .then(() => pool.end())
    .then(() => consumer.metrics.getSingleMetric('commercebridge_consumer_duplicates_skipped_total')?.get())
    .then((metric) => {
      const duplicatesSkipped = metric?.values.reduce((sum, v) => sum + v.value, 0) ?? 0;
      log('stopped', { duplicatesSkipped });
      process.exit(0);
    })
    .catch((error: Error) => {
      log('stop.failed', { error: error.message });
      process.exit(1);
    });
});

await consumer.start();
log('started');
