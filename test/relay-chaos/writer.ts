// A writer process for the relay crash tests: concurrent transactions that publish 1..n events over many keys
// through the outbox, some rolled back on purpose. Each committed transaction also records its events in the
// truth table (test/relay-chaos/truth.ts); rolled-back and failed ones append their event ids to a file, so a
// stray message can be named. It keeps going through database outages (the Postgres restart test).
//
// Environment: DATABASE_URL, OUTBOX_SCHEMA, WRITER_TOPIC, WRITER_ID, WRITER_EVENTS (committed events to
// reach), WRITER_DURATION_MS (or stop after this long), WRITER_RATE (events per second over all workers, 0 =
// as fast as possible), WRITER_CONCURRENCY, WRITER_KEYS, WRITER_KEY_PREFIX, WRITER_MAX_EVENTS_PER_TX,
// WRITER_MAX_KEYS_PER_TX, WRITER_ROLLBACK_RATE (0..1), WRITER_ROLLED_BACK_FILE.
// Output: JSON lines `writer.started`, `writer.progress`, `writer.done` on stdout.
import { randomInt, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createOutbox } from '../../packages/outbox/src/index.ts';
import { chaosCatalog } from './truth.ts';

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') {
    process.stderr.write(`writer: ${name} is required\n`);
    process.exit(1);
  }
  return value;
}
function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`writer: ${name} must be a number >= 0 (got "${raw}")\n`);
    process.exit(1);
  }
  return value;
}

const schema = env('OUTBOX_SCHEMA');
const topic = env('WRITER_TOPIC');
const writerId = env('WRITER_ID', `writer-${process.pid}`);
const targetEvents = numberEnv('WRITER_EVENTS', Number.POSITIVE_INFINITY) || Number.POSITIVE_INFINITY;
const durationMs = numberEnv('WRITER_DURATION_MS', Number.POSITIVE_INFINITY) || Number.POSITIVE_INFINITY;
const rate = numberEnv('WRITER_RATE', 0);
const concurrency = Math.max(1, numberEnv('WRITER_CONCURRENCY', 4));
const keyCount = Math.max(1, numberEnv('WRITER_KEYS', 200));
const keyPrefix = process.env['WRITER_KEY_PREFIX'] ?? 'key-';
const maxEventsPerTx = Math.max(1, numberEnv('WRITER_MAX_EVENTS_PER_TX', 5));
const maxKeysPerTx = Math.max(1, numberEnv('WRITER_MAX_KEYS_PER_TX', 2));
const rollbackRate = numberEnv('WRITER_ROLLBACK_RATE', 0.1);
const rolledBackFile = process.env['WRITER_ROLLED_BACK_FILE'];

const log = (event: string, fields: Record<string, unknown> = {}): void => {
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), event, writer: writerId, ...fields })}\n`,
  );
};

const pool = new pg.Pool({
  connectionString: env('DATABASE_URL'),
  max: concurrency,
  connectionTimeoutMillis: 5000,
});
// An idle client losing its connection (Postgres restart) must not end the process.
pool.on('error', () => {});
const outbox = createOutbox({ catalog: chaosCatalog(topic), schema });
const quoted = `"${schema.replaceAll('"', '""')}"`;

const watched = new WeakSet<pg.PoolClient>();
const stats = { committed: 0, committedTx: 0, rolledBack: 0, rolledBackTx: 0, failedTx: 0, unknownTx: 0 };
let attempted = 0;
const started = Date.now();
let lastError = '';

function recordNeverCommitted(kind: 'rolledback' | 'failed', ids: string[]): void {
  if (rolledBackFile && ids.length > 0)
    appendFileSync(rolledBackFile, ids.map((id) => `${kind} ${id}\n`).join(''));
}

function done(): boolean {
  return stats.committed >= targetEvents || Date.now() - started >= durationMs;
}

async function oneTransaction(): Promise<void> {
  const keys = new Set<string>();
  const wantedKeys = 1 + randomInt(maxKeysPerTx);
  while (keys.size < Math.min(wantedKeys, keyCount)) keys.add(`${keyPrefix}${randomInt(keyCount)}`);
  const keyList = [...keys];
  const count = Math.max(keyList.length, 1 + randomInt(maxEventsPerTx));
  // Every chosen key gets at least one event; the rest go to random keys, interleaved.
  const events = Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    key: i < keyList.length ? keyList[i]! : keyList[randomInt(keyList.length)]!,
  }));
  for (let i = events.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  const rollback = Math.random() < rollbackRate;
  attempted += count;
  const ids = events.map((e) => e.eventId);

  let client: pg.PoolClient;
  try {
    client = await pool.connect();
    if (!watched.has(client)) {
      watched.add(client);
      // A checked-out client whose connection drops between two queries emits 'error' (Postgres restart):
      // the next query fails and the transaction counts as failed; the process must not die of it.
      client.on('error', () => {});
    }
  } catch (error) {
    stats.failedTx += 1;
    lastError = (error as Error).message;
    return;
  }
  let committing = false;
  try {
    await client.query('begin');
    await outbox.publishMany(
      client,
      events.map((e) => ({
        type: 'order.placed' as const,
        payload: { orderId: e.key, customerId: writerId },
        eventId: e.eventId,
      })),
    );
    // Last before COMMIT: the key counters, in key order (no deadlock between two writers). The row lock is
    // held to the end, so a later writer of the key gets a higher seq only after this one has committed.
    const perKey = new Map<string, number>();
    for (const e of events) perKey.set(e.key, (perKey.get(e.key) ?? 0) + 1);
    const sortedKeys = [...perKey.keys()].sort();
    const { rows } = await client.query<{ key: string; seq: string }>(
      `insert into ${quoted}.chaos_keys (key, seq)
       select key, n from unnest($1::text[], $2::bigint[]) as t(key, n) order by key
       on conflict (key) do update set seq = chaos_keys.seq + excluded.seq
       returning key, seq`,
      [sortedKeys, sortedKeys.map((k) => perKey.get(k)!)],
    );
    const next = new Map<string, number>();
    for (const row of rows) next.set(row.key, Number(row.seq) - perKey.get(row.key)! + 1);
    const seqs = events.map((e) => {
      const seq = next.get(e.key)!;
      next.set(e.key, seq + 1);
      return seq;
    });
    await client.query(
      `insert into ${quoted}.chaos_truth (event_id, key, seq, writer)
       select id, key, seq, $4 from unnest($1::uuid[], $2::text[], $3::bigint[]) as t(id, key, seq)`,
      [ids, events.map((e) => e.key), seqs, writerId],
    );
    if (rollback) {
      await client.query('rollback');
      stats.rolledBack += count;
      stats.rolledBackTx += 1;
      recordNeverCommitted('rolledback', ids);
    } else {
      committing = true;
      await client.query('commit');
      stats.committed += count;
      stats.committedTx += 1;
    }
    client.release();
  } catch (error) {
    lastError = (error as Error).message;
    client.release(error as Error);
    if (committing) {
      // COMMIT sent, no answer: it may or may not have committed. The truth table knows.
      stats.unknownTx += 1;
    } else {
      stats.failedTx += 1;
      recordNeverCommitted('failed', ids);
    }
  }
}

async function worker(): Promise<void> {
  while (!done()) {
    if (rate > 0) {
      // Pace all workers together: transaction n starts no earlier than n / rate seconds after the start.
      const due = started + (attempted / rate) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      if (done()) return;
    }
    const failedBefore = stats.failedTx + stats.unknownTx;
    await oneTransaction();
    // Database down: do not spin.
    if (stats.failedTx + stats.unknownTx > failedBefore) await sleep(200);
  }
}

log('writer.started', { schema, topic, targetEvents, durationMs, rate, concurrency, keyCount });
const progress = setInterval(() => log('writer.progress', { ...stats, lastError }), 2000);
await Promise.all(Array.from({ length: concurrency }, () => worker()));
clearInterval(progress);
log('writer.done', { ...stats, lastError, ms: Date.now() - started });
await pool.end().catch(() => {});
