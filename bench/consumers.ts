// Throughput of the inbox consumer against a raw kafkajs eachBatch consumer reading the same topic.
//
//   pnpm bench:consumers         (BENCH_RUNS=5 BENCH_MESSAGES=30000 BENCH_PARTITIONS=3 by default)
//
// One topic of ~500 B messages (headers-mode wire format, as the relay writes them) is produced once. Each run
// reads all of it with a fresh group, first with the raw consumer, then with the inbox consumer, so machine
// noise hits both alike:
//   raw     kafkajs eachBatch, autoCommit, no decoding, no database: the ceiling
//   inbox   createConsumer: decode, one Postgres transaction per chunk (inbox rows + a savepoint per event +
//           a no-op handler), then the offset commit
// Throughput counts from the first message handed over to the last one done (group join excluded for both).
// Prints a table and one JSON line; ratio = inbox msg/s divided by raw msg/s (target >= 0.5).

import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { createLogger } from '../packages/config/src/index.ts';
import { createConsumer } from '../packages/consumers/src/index.ts';
import { migrate } from '../packages/outbox/src/index.ts';
import { uuidv7 } from '../packages/outbox/src/uuidv7.ts';
import { catalog, createWireCodec, encodeEvent, HEADERS } from '../packages/schemas/src/index.ts';
import { loadStackEnv } from '../test/support/stack-env.ts';
import { median } from './support.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const total = Number(process.env.BENCH_MESSAGES ?? 30_000);
const partitions = Number(process.env.BENCH_PARTITIONS ?? 3);
const env = loadStackEnv();
if (!env.DATABASE_URL || !env.KAFKA_BROKERS) {
  console.error('DATABASE_URL and KAFKA_BROKERS are not set: start the local stack with `./dev stack up`');
  process.exit(2);
}
const brokers = env.KAFKA_BROKERS.split(',');
const kafka = new Kafka({ clientId: 'bench-consumers', brokers, logLevel: logLevel.ERROR });
const suffix = randomBytes(4).toString('hex');
const topic = `bench_consumers_${suffix}`;
const schema = `bench_consumers_${suffix}`;
const codec = createWireCodec(catalog, { mode: 'headers' });
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: partitions + 2 });

async function produceAll(): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic, numPartitions: partitions, replicationFactor: 1 },
      { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
    ],
    waitForLeaders: true,
  });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  let bytes = 0;
  for (let i = 0; i < total; i += 1000) {
    const messages = [];
    for (let j = i; j < Math.min(total, i + 1000); j++) {
      const encoded = encodeEvent(catalog, 'order.placed', {
        orderId: `order-${j}`,
        customerId: 'customer-000042',
        channel: 'web',
        placedAt: '2025-01-01T12:00:00.000Z',
        items: [1, 2, 3].map((n) => ({
          lineItemId: `line-${n}-${j}`,
          sku: `SKU-${n}-ABCDEFGH`,
          name: `Product number ${n} with a reasonably long descriptive name`,
          quantity: n,
          unitPrice: { currencyCode: 'EUR', amount: `${10 * n}.50` },
        })),
      });
      const wire = await codec.toWire('order.placed', encoded.bytes);
      const headers = {
        ...wire.headers,
        // Time-ordered, as the outbox generates them (UUID v7): inbox inserts land at the right edge of the index.
        [HEADERS.eventId]: uuidv7(),
        [HEADERS.occurredAt]: new Date().toISOString(),
        [HEADERS.correlationId]: randomUUID(),
      };
      bytes += wire.value.length + Object.entries(headers).reduce((n, [k, v]) => n + k.length + v.length, 0);
      messages.push({ key: encoded.key, value: Buffer.from(wire.value), headers });
    }
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
  return Math.round(bytes / total);
}

interface Measure {
  msgPerSec: number;
  seconds: number;
  /** CPU time of this process per message (user + system), microseconds. */
  cpuUsPerMsg: number;
}

async function runRaw(): Promise<Measure> {
  const cpu = process.cpuUsage();
  const consumer = kafka.consumer({
    groupId: `bench-raw-${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: 500,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  let last = 0;
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      partitionsConsumedConcurrently: partitions,
      eachBatch: async ({ batch }) => {
        if (first === 0) first = performance.now();
        seen += batch.messages.length;
        if (seen >= total) {
          last = performance.now();
          resolve();
        }
      },
    });
  });
  await done;
  const used = process.cpuUsage(cpu);
  await consumer.disconnect();
  const seconds = (last - first) / 1000;
  return { msgPerSec: total / seconds, seconds, cpuUsPerMsg: (used.user + used.system) / total };
}

async function runInbox(): Promise<Measure> {
  const cpu = process.cpuUsage();
  let seen = 0;
  let first = 0;
  let last = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const consumer = createConsumer({
    catalog,
    codec,
    pool,
    schema,
    brokers,
    groupId: `bench-inbox-${randomBytes(4).toString('hex')}`,
    topics: [topic],
    partitionsConsumedConcurrently: partitions,
    maxBatchSize: Number(process.env.BENCH_BATCH ?? 500),
    maxInFlight: 100_000,
    createDlqTopics: false,
    logger: createLogger({ level: 'warn', destination: (line) => process.stderr.write(`${line}\n`) }),
    handlers: {
      'order.placed': async () => {
        if (first === 0) first = performance.now();
        seen += 1;
        if (seen >= total) {
          last = performance.now();
          resolveDone();
        }
      },
    },
  });
  await consumer.start();
  await done;
  const used = process.cpuUsage(cpu);
  await consumer.stop();
  if (process.env.BENCH_DEBUG) console.error(await consumer.metrics.metrics());
  const seconds = (last - first) / 1000;
  return { msgPerSec: total / seconds, seconds, cpuUsPerMsg: (used.user + used.system) / total };
}

async function main(): Promise<void> {
  await pool.query(`create schema "${schema}"`);
  await migrate({ pool, schema });
  const avgBytes = await produceAll();
  const raw: Measure[] = [];
  const inbox: Measure[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      // BENCH_ONLY=inbox skips the baseline (for profiling the inbox consumer alone).
      raw.push(
        process.env.BENCH_ONLY === 'inbox'
          ? { msgPerSec: Number.NaN, seconds: 0, cpuUsPerMsg: Number.NaN }
          : await runRaw(),
      );
      inbox.push(await runInbox());
      console.error(
        `run ${r + 1}/${runs}: raw ${Math.round(raw[r]!.msgPerSec)} msg/s, inbox ${Math.round(inbox[r]!.msgPerSec)} msg/s`,
      );
    }
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => {});
    await admin.disconnect();
    await pool.query(`drop schema "${schema}" cascade`);
    await pool.end();
  }
  const rawMedian = median(raw.map((m) => m.msgPerSec));
  const inboxMedian = median(inbox.map((m) => m.msgPerSec));
  console.log(
    `consumers benchmark: ${total} messages of ~${avgBytes} B (value + headers), ${partitions} partitions, ` +
      `median of ${runs} runs`,
  );
  console.table({
    raw: {
      'msg/s': Math.round(rawMedian),
      'CPU µs/msg': Number(median(raw.map((m) => m.cpuUsPerMsg)).toFixed(1)),
      runs: raw.map((m) => Math.round(m.msgPerSec)).join(' '),
    },
    inbox: {
      'msg/s': Math.round(inboxMedian),
      'CPU µs/msg': Number(median(inbox.map((m) => m.cpuUsPerMsg)).toFixed(1)),
      runs: inbox.map((m) => Math.round(m.msgPerSec)).join(' '),
    },
  });
  console.log(
    JSON.stringify({
      bench: 'consumers',
      messages: total,
      messageBytes: avgBytes,
      partitions,
      runs,
      rawMsgPerSec: Math.round(rawMedian),
      inboxMsgPerSec: Math.round(inboxMedian),
      rawCpuUsPerMsg: Number(median(raw.map((m) => m.cpuUsPerMsg)).toFixed(1)),
      inboxCpuUsPerMsg: Number(median(inbox.map((m) => m.cpuUsPerMsg)).toFixed(1)),
      ratio: Number((inboxMedian / rawMedian).toFixed(3)),
      target: 0.5,
      // The machine is shared: a ratio measured under load says more about Postgres' CPU share than about us.
      loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
      maxBatchSize: Number(process.env.BENCH_BATCH ?? 500),
    }),
  );
}

await main();
