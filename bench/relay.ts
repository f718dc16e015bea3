// Relay throughput and latency, each against a baseline measured in the same run.
//
//   pnpm bench:relay              BENCH_EVENTS=20000 BENCH_RUNS=5 BENCH_SLOTS=1,2,4 BENCH_BATCH=100 (defaults)
//   pnpm bench:relay --full       the same with BENCH_EVENTS=100000
//
// Drain: a backlog of BENCH_EVENTS events (~500 B order.placed payloads, ~20 headers bytes each) is published
// to a fresh 6-partition topic by
//   raw            S kafkajs transactional producers sending the same messages (same keys, values, headers),
//                  BENCH_BATCH per transaction, each producer the events of one slot: the upper bound
//   exactly-once   the relay with S slots (Kafka transaction per batch with the state record, then mark)
//   at-least-once  the relay with S slots, RELAY_DELIVERY=at-least-once (no transaction, mark after acks)
// for S in BENCH_SLOTS; the scenarios are interleaved run by run; the figure is the median of BENCH_RUNS.
// Time runs from start() (connect, slot leases, initTransactions, state record read included; the state topic
// exists beforehand) to the last event marked published (relay) or the last commit (raw). Ratios: exactly-once / raw (target >= 0.8), exactly-once / at-least-once
// (target >= 0.9).
// Latency: the relay CLI (4 slots, its own process); 8 writers commit transactions of BENCH_LATENCY_TX_EVENTS
// (10) events through publishMany(), paced to half the measured 4-slot exactly-once drain rate
// (BENCH_LATENCY_RATE to override) for BENCH_LATENCY_SECONDS (10); a read_committed kafkajs consumer in the
// writers' process takes the time each event becomes visible; latency = visible - commit returned.
// p50/p99 (target p99 <= 50 ms).
//
//   pnpm bench:relay --drain      BENCH_DRAIN_EVENTS=100000 BENCH_DRAIN_RUNS=3 BENCH_DRAIN_SLOTS=1,4
//                                 (BENCH_DRAIN_BASELINES=0: the relay only; a quick run: BENCH_DRAIN_EVENTS=20000
//                                 BENCH_DRAIN_RUNS=1, about 2 minutes)
//
// Drain against the machine's limits (issue 12's table): a fresh backlog of BENCH_DRAIN_EVENTS rows (~530 B
// order.placed events, one key per order, 5 events per order) is written with the relay stopped, then drained by
//   relay/S               the relay in its default configuration (exactly-once) with S slots
//   librdkafka-tx         Python confluent-kafka, one transactional producer, 1,000 messages per transaction
//   kafkajs-tx            one kafkajs transactional producer, 1,000 messages per transaction
//   kafkajs-idempotent    one kafkajs idempotent producer (acks=all), batches of 1,000
// each producing the same messages (keys, values, headers) to a fresh 6-partition topic. The scenarios are
// interleaved run by run (rotated order); figures are medians. CPU seconds per 10k events add, from /proc, the
// producing process (the relay runs inside this one, as does kafkajs; librdkafka reports its own), the broker
// (BENCH_KAFKA_PID, else .stack/kafka.pid) and every Postgres process (BENCH_POSTGRES_PID, else
// .stack/postgres.pid, with its children; the vacuum of the rows a relay marked runs after its window and is
// not counted). The stack is shared, so other load on it counts too: run it on a
// quiet machine. Every topic is read back by an independent read_committed reader (librdkafka,
// test/support/read_committed.py) that must see each event exactly once. JSON goes to bench/results/.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type Message } from 'kafkajs';
import pg from 'pg';
import { createLogger } from '../packages/config/src/index.ts';
import { createOutbox, lockBucket, migrate } from '../packages/outbox/src/index.ts';
import { type EventRow, eventSelectList, toClaimedEvent } from '../packages/outbox/src/sql/eventColumns.ts';
import { createRelay } from '../packages/relay/src/index.ts';
import { PRODUCER_RETRY } from '../packages/relay/src/slot.ts';
import { eventHeaders } from '../packages/relay/src/wire.ts';
import { commercebridge, defineCatalog, encodeEvent, protoSources } from '../packages/schemas/src/index.ts';
import { loadStackEnv } from '../test/support/stack-env.ts';
import { median, orderPayload, percentile } from './support.ts';

const full = process.argv.includes('--full');
const events = Number(process.env['BENCH_EVENTS'] ?? (full ? 100_000 : 20_000));
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const batchSize = Number(process.env['BENCH_BATCH'] ?? 100);
const slotCounts = (process.env['BENCH_SLOTS'] ?? '1,2,4').split(',').map(Number);
const latencySeconds = Number(process.env['BENCH_LATENCY_SECONDS'] ?? 10);
const latencyTxEvents = Number(process.env['BENCH_LATENCY_TX_EVENTS'] ?? 10);
const latencySlots = Number(process.env['BENCH_LATENCY_SLOTS'] ?? 4);
const partitions = 6;
const env = loadStackEnv();
if (!env.DATABASE_URL || !env.KAFKA_BROKERS) {
  console.error('DATABASE_URL / KAFKA_BROKERS are not set: start the local stack with `./dev stack up`');
  process.exit(2);
}
const brokers = env.KAFKA_BROKERS.split(',');
const kafka = new Kafka({ clientId: 'bench-relay', brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 24 });
const id = randomBytes(4).toString('hex');
const schema = `bench_relay_${id}`;
const createdTopics = new Set<string>();

type Mode = 'raw' | 'exactly-once' | 'at-least-once';
const modes: Mode[] = ['raw', 'exactly-once', 'at-least-once'];

function catalogFor(topic: string) {
  const { orders } = commercebridge;
  return defineCatalog(
    {
      'order.placed': { topic, message: orders.v1.OrderPlaced, key: (p) => p.orderId, required: ['orderId'] },
    },
    { sources: protoSources },
  );
}

async function createTopic(topic: string, config: { name: string; value: string }[] = []) {
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, replicationFactor: 1, configEntries: config }],
    waitForLeaders: true,
  });
  createdTopics.add(topic);
}

async function deleteTopic(topic: string) {
  if (!createdTopics.delete(topic)) return;
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
}

/** The backlog: BENCH_EVENTS rows over 2,000 keys, inserted in bulk (the drain, not the insert, is measured). */
async function insertBacklog(topic: string): Promise<number> {
  const catalog = catalogFor(topic);
  const chunk = 5000;
  let bytes = 0;
  for (let start = 0; start < events; start += chunk) {
    const rows = Array.from({ length: Math.min(chunk, events - start) }, (_, i) => {
      const encoded = encodeEvent(catalog, 'order.placed', orderPayload(`order-${(start + i) % 2000}`));
      bytes = encoded.bytes.length;
      return encoded;
    });
    await pool.query(
      `insert into "${schema}".events (event_id, event_type, topic, partition_key, bucket, message_name,
         schema_version, payload, headers)
       select gen_random_uuid(), 'order.placed', $1, k, b, 'commercebridge.orders.v1.OrderPlaced', 1, p,
              jsonb_build_object('correlation-id', gen_random_uuid()::text)
         from unnest($2::text[], $3::int[], $4::bytea[]) as t(k, b, p)`,
      [
        topic,
        rows.map((r) => r.key),
        rows.map((r) => lockBucket(r.key)),
        rows.map((r) => Buffer.from(r.bytes)),
      ],
    );
  }
  await pool.query(`vacuum analyze "${schema}".events`);
  return bytes;
}

async function resetBacklog(topic: string) {
  await pool.query(`update "${schema}".events set published_at = null, topic = $1`, [topic]);
  await pool.query(`vacuum analyze "${schema}".events`);
}

/** The same messages the relay sends, built from the rows, grouped by slot. */
async function messagesBySlot(slots: number): Promise<Message[][]> {
  const { rows } = await pool.query<EventRow>(
    `select ${eventSelectList} from "${schema}".events order by position`,
  );
  const bySlot: Message[][] = Array.from({ length: slots }, () => []);
  for (const row of rows) {
    const headers = eventHeaders(toClaimedEvent(row));
    bySlot[row.bucket % slots]!.push({ key: row.partition_key, value: row.payload, headers });
  }
  return bySlot;
}

async function drainRaw(topic: string, slots: number, run: string): Promise<number> {
  const bySlot = await messagesBySlot(slots);
  const started = performance.now();
  await Promise.all(
    bySlot.map(async (messages, slot) => {
      const producer = kafka.producer({
        transactionalId: `bench-raw-${run}-${slot}`,
        idempotent: true,
        maxInFlightRequests: 5,
        // The relay's retry settings, so that the baseline is as well tuned as the relay.
        retry: PRODUCER_RETRY,
      });
      await producer.connect();
      for (let i = 0; i < messages.length; i += batchSize) {
        const tx = await producer.transaction();
        await tx.sendBatch({
          acks: -1,
          topicMessages: [{ topic, messages: messages.slice(i, i + batchSize) }],
        });
        await tx.commit();
      }
      await producer.disconnect();
    }),
  );
  return performance.now() - started;
}

async function drainRelay(slots: number, mode: Exclude<Mode, 'raw'>, run: string): Promise<number> {
  const stateTopic = `bench.relay.state.${id}.${run}`;
  const relaySchema = schema;
  // Every drain is a new relay deployment: its own slot count, state topic and transactional ids.
  await pool.query(`delete from "${relaySchema}".settings where name = 'relay.slot_count'`);
  await pool.query(`delete from "${relaySchema}".relay_slots`).catch(() => {});
  const relay = createRelay({
    database: pool,
    schema: relaySchema,
    kafka: { brokers },
    slotCount: slots,
    relayId: `bench-${run}`,
    transactionalIdPrefix: `bench-relay-${run}-`,
    stateTopic,
    batchSize,
    delivery: mode,
    logger: createLogger({ level: 'warn', destination: (line) => process.stderr.write(`${line}\n`) }),
  });
  // The state topic is created beforehand, as a deployment would have it (creating a topic is a one-time cost
  // that would otherwise weigh on short drains).
  if (mode === 'exactly-once') {
    await admin.createTopics({
      topics: [
        {
          topic: stateTopic,
          numPartitions: slots,
          replicationFactor: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
      waitForLeaders: true,
    });
    createdTopics.add(stateTopic);
  }
  const started = performance.now();
  await relay.start();
  while (relay.snapshot().publishedTotal < events) await new Promise((resolve) => setTimeout(resolve, 5));
  const elapsed = performance.now() - started;
  await relay.stop();
  await deleteTopic(stateTopic);
  return elapsed;
}

/**
 * Commit-to-visible latency. The relay runs as its own process (the CLI), so that the writers and the measuring
 * consumer, which share this process and its clock, do not steal its event loop. Writers commit transactions of
 * BENCH_LATENCY_TX_EVENTS events through publishMany(), paced to `rate` events/s.
 */
async function latency(rate: number): Promise<{ p50: number; p99: number; count: number; rate: number }> {
  const topic = `bench.relay.latency.${id}`;
  await createTopic(topic);
  const catalog = catalogFor(topic);
  await pool.query(`delete from "${schema}".events`);
  await pool.query(`delete from "${schema}".settings where name = 'relay.slot_count'`);
  await pool.query(`delete from "${schema}".relay_slots`);
  const stateTopic = `bench.relay.state.${id}.latency`;
  await admin.createTopics({
    topics: [
      { topic: stateTopic, numPartitions: 4, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ],
    waitForLeaders: true,
  });
  createdTopics.add(stateTopic);
  const relay = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/bin.ts', 'relay'], {
    cwd: join(dirname(fileURLToPath(import.meta.url)), '..'),
    env: {
      ...process.env,
      KAFKA_BROKERS: env.KAFKA_BROKERS,
      DATABASE_URL: env.DATABASE_URL,
      OUTBOX_SCHEMA: schema,
      RELAY_SLOT_COUNT: String(latencySlots),
      RELAY_ID: 'bench-latency',
      RELAY_TRANSACTIONAL_ID_PREFIX: `bench-relay-latency-${id}-`,
      RELAY_STATE_TOPIC: stateTopic,
      RELAY_SCHEMA_MODE: 'headers',
      KAFKA_MAX_BATCH_SIZE: String(batchSize),
      RELAY_METRICS_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let relayOutput = '';
  relay.stdout!.on('data', (chunk) => {
    relayOutput += chunk;
  });
  const relayExit = new Promise<number | null>((resolve) => relay.on('exit', (code) => resolve(code)));
  while (!relayOutput.includes('"msg":"relay.ready"')) {
    if (relay.exitCode !== null) throw new Error(`relay exited before ready:\n${relayOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  const consumer = kafka.consumer({
    groupId: `bench-latency-${id}`,
    maxWaitTimeInMs: 5,
    readUncommitted: false,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = performance.now();
      for (const message of batch.messages) {
        const eventId = message.headers?.['event-id']?.toString();
        const at = eventId ? committedAt.get(eventId) : undefined;
        if (at !== undefined) latencies.push(now - at);
      }
    },
  });
  while (!joined) await new Promise((resolve) => setTimeout(resolve, 20));

  const outbox = createOutbox({ catalog, schema });
  const writers = 8;
  const perTx = latencyTxEvents;
  const transactions = Math.max(1, Math.round((rate * latencySeconds) / perTx));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const client = await pool.connect();
      try {
        for (;;) {
          const n = next++;
          if (n >= transactions) return;
          // Paced: transaction n is due at n * perTx / rate seconds.
          const wait = started + ((n * perTx) / rate) * 1000 - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          await client.query('begin');
          const results = await outbox.publishMany(
            client,
            Array.from({ length: perTx }, (_, i) => ({
              type: 'order.placed' as const,
              payload: orderPayload(`order-${(n * perTx + i) % 2000}`),
            })),
          );
          await client.query('commit');
          const at = performance.now();
          for (const result of results) committedAt.set(result.eventId, at);
        }
      } finally {
        client.release();
      }
    }),
  );
  const total = transactions * perTx;
  const achieved = total / ((performance.now() - started) / 1000);
  const deadline = Date.now() + 60_000;
  while (latencies.length < total && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await consumer.disconnect();
  relay.kill('SIGTERM');
  const code = await relayExit;
  // BENCH_RELAY_LOG=<file> (with COMMERCEBRIDGE_LOG_LEVEL=debug: one line per batch) keeps the relay's log.
  if (process.env['BENCH_RELAY_LOG']) writeFileSync(process.env['BENCH_RELAY_LOG'], relayOutput);
  if (code !== 0) process.stderr.write(`relay exited with ${code}\n`);
  await deleteTopic(stateTopic);
  await deleteTopic(topic);
  if (latencies.length < total)
    throw new Error(`only ${latencies.length} of ${total} events seen by the consumer`);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    count: total,
    rate: Math.round(achieved),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Drain: the relay's default configuration against producer baselines (see the header, --drain).

const drainEvents = Number(process.env['BENCH_DRAIN_EVENTS'] ?? 100_000);
const drainRuns = Number(process.env['BENCH_DRAIN_RUNS'] ?? 3);
const drainSlots = (process.env['BENCH_DRAIN_SLOTS'] ?? '1,4').split(',').map(Number);
const perTransaction = 1000;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const stackDir = process.env['STACK_STATE_DIR'] ?? join(repoRoot, '.stack');
const clockTicks = 100;

function stackPid(variable: string, file: string): number | null {
  const fromEnv = process.env[variable];
  if (fromEnv) return Number(fromEnv);
  try {
    return Number(readFileSync(join(stackDir, file), 'utf8').trim());
  } catch {
    return null;
  }
}

/** utime + stime (+ reaped children's) of a process in seconds, 0 when it is gone. */
function processCpu(pid: number, withReaped: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the command.
    const ticks =
      Number(fields[11]) + Number(fields[12]) + (withReaped ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / clockTicks;
  } catch {
    return 0;
  }
}

/** A process and its live children (Postgres: the postmaster and its backends). */
function treeCpu(pid: number): Map<number, number> {
  const cpu = new Map<number, number>([[pid, processCpu(pid, true)]]);
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(' ').map(Number) : [])
        cpu.set(child, processCpu(child, false));
    }
  } catch {}
  return cpu;
}

/** CPU seconds of this process, the broker and Postgres between two samples. */
function cpuSampler() {
  const kafkaPid = stackPid('BENCH_KAFKA_PID', 'kafka.pid');
  const postgresPid = stackPid('BENCH_POSTGRES_PID', 'postgres.pid');
  const sample = () => ({
    self: process.cpuUsage(),
    kafka: kafkaPid ? processCpu(kafkaPid, true) : 0,
    postgres: postgresPid ? treeCpu(postgresPid) : new Map<number, number>(),
  });
  const before = sample();
  return () => {
    const after = sample();
    // A backend that ended in between is in the postmaster's cutime with its whole life: subtracting what it had
    // used before the window (it is in `before`, not in `after`) leaves its share inside the window.
    let postgres = 0;
    for (const seconds of after.postgres.values()) postgres += seconds;
    for (const seconds of before.postgres.values()) postgres -= seconds;
    const self = process.cpuUsage(before.self);
    return {
      self: (self.user + self.system) / 1e6,
      kafka: after.kafka - before.kafka,
      postgres,
    };
  };
}

interface DrainRow {
  key: string;
  bucket: number;
  payload: Buffer;
  eventId: string;
  correlationId: string;
}

/** The backlog's rows, encoded once: one key per order, 5 events per order, ~530 B each. */
function drainRows(topic: string): DrainRow[] {
  const catalog = catalogFor(topic);
  return Array.from({ length: drainEvents }, (_, i) => {
    const orderId = `ord_${randomBytes(8).toString('hex')}_${Math.floor(i / 5)}`;
    const encoded = encodeEvent(catalog, 'order.placed', orderPayload(orderId));
    return {
      key: encoded.key,
      bucket: lockBucket(encoded.key),
      payload: Buffer.from(encoded.bytes),
      eventId: crypto.randomUUID(),
      correlationId: crypto.randomUUID(),
    };
  });
}

/** A fresh backlog: the table emptied, the rows inserted with the relay stopped, then vacuum analyze. */
async function writeBacklog(rows: DrainRow[], topic: string): Promise<void> {
  await pool.query(`truncate "${schema}".events`);
  const chunk = 5000;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    await pool.query(
      `insert into "${schema}".events (event_id, event_type, topic, partition_key, bucket, message_name,
         schema_version, payload, headers)
       select e, 'order.placed', $1, k, b, 'commercebridge.orders.v1.OrderPlaced', 1, p,
              jsonb_build_object('correlation-id', c)
         from unnest($2::uuid[], $3::text[], $4::int[], $5::bytea[], $6::text[]) as t(e, k, b, p, c)`,
      [
        topic,
        part.map((r) => r.eventId),
        part.map((r) => r.key),
        part.map((r) => r.bucket),
        part.map((r) => r.payload),
        part.map((r) => r.correlationId),
      ],
    );
  }
  await pool.query(`vacuum analyze "${schema}".events`);
}

/** The messages the relay sends for the backlog, in position order. */
async function backlogMessages(): Promise<Message[]> {
  const { rows } = await pool.query<EventRow>(
    `select ${eventSelectList} from "${schema}".events order by position`,
  );
  return rows.map((row) => ({
    key: row.partition_key,
    value: row.payload,
    headers: eventHeaders(toClaimedEvent(row)),
  }));
}

function writeMessagesFile(messages: Message[]): string {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const bytes = (value: string | Buffer) => {
    const b = Buffer.isBuffer(value) ? value : Buffer.from(value);
    parts.push(u32(b.length), b);
  };
  for (const m of messages) {
    bytes(m.key as string);
    bytes(m.value as Buffer);
    const headers = Object.entries(m.headers ?? {});
    parts.push(u32(headers.length));
    for (const [name, value] of headers) {
      bytes(name);
      bytes(value as string | Buffer);
    }
  }
  const file = join(tmpdir(), `bench-relay-${id}.messages`);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

function runPython(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('python3', args, { maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${args[0]} failed: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
}

/** Every message of the topic, read_committed, by librdkafka: the count and the distinct event ids. */
async function verifyCommitted(topic: string): Promise<{ messages: number; distinct: number }> {
  const out = await runPython([
    join(repoRoot, 'test', 'support', 'read_committed.py'),
    brokers.join(','),
    topic,
    '300',
  ]);
  const ids = new Set<string>();
  let messages = 0;
  for (const line of out.split('\n')) {
    if (!line) continue;
    messages++;
    const headers = (JSON.parse(line) as { headers: Record<string, string> }).headers;
    ids.add(headers['event-id'] ?? `${messages}`);
  }
  return { messages, distinct: ids.size };
}

type DrainScenario = `relay/${number}` | 'librdkafka-tx' | 'kafkajs-tx' | 'kafkajs-idempotent';

interface DrainResult {
  seconds: number;
  producerCpu: number;
  kafkaCpu: number;
  postgresCpu: number;
}

async function drainKafkajs(topic: string, messages: Message[], transactional: boolean, run: string) {
  const producer = kafka.producer(
    transactional
      ? {
          transactionalId: `bench-kafkajs-${run}`,
          idempotent: true,
          maxInFlightRequests: 5,
          retry: PRODUCER_RETRY,
        }
      : { idempotent: true, maxInFlightRequests: 5, retry: PRODUCER_RETRY },
  );
  await producer.connect();
  for (let i = 0; i < messages.length; i += perTransaction) {
    const batch = { acks: -1, topicMessages: [{ topic, messages: messages.slice(i, i + perTransaction) }] };
    if (transactional) {
      const tx = await producer.transaction();
      await tx.sendBatch(batch);
      await tx.commit();
    } else {
      await producer.sendBatch(batch);
    }
  }
  await producer.disconnect();
}

async function drainOnce(
  scenario: DrainScenario,
  topic: string,
  messages: Message[],
  messagesFile: string,
  run: string,
): Promise<DrainResult> {
  const measure = cpuSampler();
  const started = performance.now();
  let producerCpu: number | null = null;
  if (scenario.startsWith('relay/')) {
    await drainRelayDefault(Number(scenario.slice('relay/'.length)), run);
  } else if (scenario === 'librdkafka-tx') {
    const out = await runPython([
      join(repoRoot, 'bench', 'librdkafka_producer.py'),
      brokers.join(','),
      topic,
      messagesFile,
      'transactional',
      String(perTransaction),
    ]);
    producerCpu = (JSON.parse(out) as { cpuSeconds: number }).cpuSeconds;
  } else {
    await drainKafkajs(topic, messages, scenario === 'kafkajs-tx', run);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = measure();
  // The Python producer is its own process; this process only waited for it.
  return { seconds, producerCpu: producerCpu ?? cpu.self, kafkaCpu: cpu.kafka, postgresCpu: cpu.postgres };
}

/** The relay with its defaults (only the slot count, names and logging set), from start() to the last mark. */
async function drainRelayDefault(slots: number, run: string): Promise<void> {
  const stateTopic = `bench.relay.state.${id}.${run}`;
  await pool.query(`delete from "${schema}".settings where name = 'relay.slot_count'`);
  await pool.query(`delete from "${schema}".relay_slots`).catch(() => {});
  await admin.createTopics({
    topics: [
      {
        topic: stateTopic,
        numPartitions: slots,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
    ],
    waitForLeaders: true,
  });
  createdTopics.add(stateTopic);
  const relay = createRelay({
    database: pool,
    schema,
    kafka: { brokers },
    slotCount: slots,
    relayId: `bench-${run}`,
    transactionalIdPrefix: `bench-relay-${run}-`,
    stateTopic,
    logger: createLogger({ level: 'warn', destination: (line) => process.stderr.write(`${line}\n`) }),
  });
  await relay.start();
  while (relay.snapshot().publishedTotal < drainEvents)
    await new Promise((resolve) => setTimeout(resolve, 5));
  await relay.stop();
  await deleteTopic(stateTopic);
}

async function drain(): Promise<void> {
  const slotScenarios = drainSlots.map((s) => `relay/${s}` as DrainScenario);
  // BENCH_DRAIN_BASELINES=0: the relay alone (e.g. comparing backlog sizes).
  const baselines: DrainScenario[] =
    process.env['BENCH_DRAIN_BASELINES'] === '0' ? [] : ['librdkafka-tx', 'kafkajs-tx', 'kafkajs-idempotent'];
  const scenarios: DrainScenario[] = [...slotScenarios, ...baselines];
  const seedTopic = `bench.relay.drain.${id}`;
  process.stderr.write(`encoding ${drainEvents} events\n`);
  const rows = drainRows(seedTopic);
  await writeBacklog(rows, seedTopic);
  const messages = await backlogMessages();
  const messagesFile = writeMessagesFile(messages);
  const results: Record<string, DrainResult[]> = {};
  const total = drainRuns * scenarios.length;
  let done = 0;
  for (let run = 0; run < drainRuns; run++) {
    const order = scenarios.map((_, i) => scenarios[(i + run) % scenarios.length]!);
    for (const scenario of order) {
      const name = `${run}-${scenario.replace('/', '')}`;
      const topic = `bench.relay.drain.${id}.${name}`;
      await createTopic(topic);
      if (scenario.startsWith('relay/')) {
        // A fresh backlog with the relay stopped, as a deployment that was down would find it.
        await writeBacklog(rows, topic);
      }
      const result = await drainOnce(scenario, topic, messages, messagesFile, name);
      // The marked rows' vacuum, outside the window: left to autovacuum it would land in a later scenario's.
      if (scenario.startsWith('relay/')) await pool.query(`vacuum "${schema}".events`);
      const seen = await verifyCommitted(topic);
      await deleteTopic(topic);
      if (seen.messages !== drainEvents || seen.distinct !== drainEvents) {
        throw new Error(
          `${scenario}: the read_committed reader saw ${seen.messages} messages (${seen.distinct} distinct events), ` +
            `expected ${drainEvents}`,
        );
      }
      results[scenario] = [...(results[scenario] ?? []), result];
      done++;
      const cpu = result.producerCpu + result.kafkaCpu + result.postgresCpu;
      process.stderr.write(
        `[${done}/${total}] ${scenario}: ${Math.round(drainEvents / result.seconds)} events/s, ` +
          `${((cpu / drainEvents) * 10_000).toFixed(2)} CPU-s per 10k (producer ${result.producerCpu.toFixed(1)}, ` +
          `broker ${result.kafkaCpu.toFixed(1)}, postgres ${result.postgresCpu.toFixed(1)})\n`,
      );
    }
  }
  const per10k = (seconds: number) => Number(((seconds / drainEvents) * 10_000).toFixed(3));
  const table = scenarios.map((scenario) => {
    const list = results[scenario]!;
    const m = (f: (r: DrainResult) => number) => median(list.map(f));
    return {
      scenario,
      eventsPerSec: Math.round(m((r) => drainEvents / r.seconds)),
      cpuPer10k: per10k(m((r) => r.producerCpu + r.kafkaCpu + r.postgresCpu)),
      producerCpuPer10k: per10k(m((r) => r.producerCpu)),
      brokerCpuPer10k: per10k(m((r) => r.kafkaCpu)),
      postgresCpuPer10k: per10k(m((r) => r.postgresCpu)),
      runs: list.map((r) => Math.round(drainEvents / r.seconds)),
    };
  });
  console.log(
    `relay drain: ${drainEvents} events of ~${rows[0]!.payload.length} B, 6 partitions, relay defaults, ` +
      `median of ${drainRuns} interleaved runs; CPU-s per 10k events: producing process + broker + Postgres`,
  );
  console.log('scenario              events/s   CPU/10k   (producer   broker   postgres)');
  for (const r of table) {
    console.log(
      `${r.scenario.padEnd(20)}  ${String(r.eventsPerSec).padStart(8)}   ${r.cpuPer10k.toFixed(2).padStart(7)}   ` +
        `(${r.producerCpuPer10k.toFixed(2).padStart(8)}   ${r.brokerCpuPer10k.toFixed(2).padStart(6)}   ` +
        `${r.postgresCpuPer10k.toFixed(2).padStart(8)})`,
    );
  }
  const report = {
    benchmark: 'relay-drain',
    at: new Date().toISOString(),
    events: drainEvents,
    eventBytes: rows[0]!.payload.length,
    runs: drainRuns,
    perTransaction,
    table,
  };
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `relay-drain-${report.at.replaceAll(':', '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written ${file}`);
}

async function main() {
  await admin.connect();
  await pool.query(`create schema "${schema}"`);
  await migrate({ pool, schema });
  if (process.argv.includes('--drain')) {
    await drain();
    return;
  }
  const seedTopic = `bench.relay.seed.${id}`;
  const eventBytes = await insertBacklog(seedTopic);
  if (process.env['BENCH_LATENCY_ONLY']) {
    const rate = Number(process.env['BENCH_LATENCY_RATE'] ?? 100);
    console.log(JSON.stringify(await latency(rate)));
    return;
  }
  const results: Record<string, number[]> = {};
  const key = (mode: Mode, slots: number) => `${mode}/${slots}`;
  const total = runs * slotCounts.length * modes.length;
  let done = 0;
  for (let run = 0; run < runs; run++) {
    for (const slots of slotCounts) {
      // Rotate the order so that no mode always runs first or last.
      const order = modes.map((_, i) => modes[(i + run) % modes.length]!);
      for (const mode of order) {
        const topic = `bench.relay.${id}.${run}.${slots}.${mode}`;
        await createTopic(topic);
        await resetBacklog(topic);
        const name = `${run}-${slots}-${mode}`;
        const ms = mode === 'raw' ? await drainRaw(topic, slots, name) : await drainRelay(slots, mode, name);
        await deleteTopic(topic);
        const list = results[key(mode, slots)] ?? [];
        list.push(events / (ms / 1000));
        results[key(mode, slots)] = list;
        done++;
        process.stderr.write(
          `[${done}/${total}] ${mode} slots=${slots}: ${Math.round(events / (ms / 1000))} events/s\n`,
        );
      }
    }
  }
  const rows = slotCounts.map((slots) => {
    const rate = (mode: Mode) => Math.round(median(results[key(mode, slots)]!));
    const raw = rate('raw');
    const eo = rate('exactly-once');
    const alo = rate('at-least-once');
    return {
      slots,
      rawEventsPerSec: raw,
      exactlyOnceEventsPerSec: eo,
      atLeastOnceEventsPerSec: alo,
      exactlyOnceVsRaw: Number((eo / raw).toFixed(3)),
      exactlyOnceVsAtLeastOnce: Number((eo / alo).toFixed(3)),
      runs: Object.fromEntries(modes.map((mode) => [mode, results[key(mode, slots)]!.map(Math.round)])),
    };
  });
  const maxRate =
    rows.find((r) => r.slots === 4)?.exactlyOnceEventsPerSec ?? rows.at(-1)!.exactlyOnceEventsPerSec;
  const latencyRate = Number(process.env['BENCH_LATENCY_RATE'] ?? Math.max(1, Math.round(maxRate / 2)));
  const lat = await latency(latencyRate);

  console.log(
    `relay benchmark: ${events} events of ${eventBytes} B payload, batch ${batchSize}, ${partitions} partitions, ` +
      `median of ${runs} runs`,
  );
  console.log('slots   raw ev/s   exactly-once ev/s   at-least-once ev/s   eo/raw   eo/alo');
  for (const r of rows) {
    console.log(
      `${String(r.slots).padStart(5)}   ${String(r.rawEventsPerSec).padStart(8)}   ` +
        `${String(r.exactlyOnceEventsPerSec).padStart(17)}   ${String(r.atLeastOnceEventsPerSec).padStart(18)}   ` +
        `${r.exactlyOnceVsRaw.toFixed(3).padStart(6)}   ${r.exactlyOnceVsAtLeastOnce.toFixed(3).padStart(6)}`,
    );
  }
  console.log(
    `commit-to-visible latency, ${latencySlots} slots, ${latencyTxEvents} events per transaction, ${lat.rate} events/s (target ${Math.round(maxRate / 2)}, half of ` +
      `${maxRate}), ${lat.count} events: p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms`,
  );
  console.log(
    JSON.stringify({
      benchmark: 'relay',
      events,
      eventBytes,
      batchSize,
      partitions,
      runs,
      targets: { exactlyOnceVsRawMin: 0.8, exactlyOnceVsAtLeastOnceMin: 0.9, latencyP99MaxMs: 50 },
      drain: rows,
      latency: {
        slots: latencySlots,
        targetRate: Math.round(maxRate / 2),
        achievedRate: lat.rate,
        events: lat.count,
        eventsPerTransaction: latencyTxEvents,
        p50Ms: Number(lat.p50.toFixed(2)),
        p99Ms: Number(lat.p99.toFixed(2)),
      },
    }),
  );
}

let cleaned: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    for (const topic of [...createdTopics]) await deleteTopic(topic);
    await admin.disconnect().catch(() => {});
    await pool.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
    await pool.end();
  })();
  return cleaned;
}
// Interrupted: still drop the schema and the topics of this run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanup().finally(() => process.exit(130)));
}

main()
  .finally(cleanup)
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
