// Pieces shared by the relay crash tests: the profile (CHAOS_PROFILE), a scenario (outbox schema, topic, truth
// tables) on the shared or a private stack, writer and relay processes, and the final verdict read with an
// independent read_committed client.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { migrate } from '../../packages/outbox/src/index.ts';
import { checkDelivery, type DeliveryDiff, formatDiff } from '../support/delivery-check.ts';
import { randomName, readAllCommitted, waitFor } from '../support/helpers.ts';
import { type ChildHandle, type LogLine, spawnNode } from '../support/processes.ts';
import { stackEnv } from '../support/stack-env.ts';
import {
  committedCount,
  createTruthTables,
  readTruth,
  truthMatchesOutbox,
  unpublishedCount,
} from './truth.ts';

export interface ChaosProfile {
  name: 'ci' | 'full';
  /** kill -9 test */
  kills: number;
  killEvents: number;
  /** two-relay test: how many times a relay is killed and its slots taken over */
  takeovers: number;
  takeoverEvents: number;
  /** broker/Postgres restart test */
  outageEvents: number;
  outageMs: number;
  /** fencing test: freezes at random moments (besides the one frozen inside the commit window) */
  randomFreezes: number;
  fencingEvents: number;
}

export function chaosProfile(): ChaosProfile {
  const name = process.env['CHAOS_PROFILE'] ?? 'ci';
  if (name === 'full') {
    return {
      name,
      kills: 24,
      killEvents: 20_000,
      takeovers: 3,
      takeoverEvents: 10_000,
      outageEvents: 10_000,
      outageMs: 8000,
      randomFreezes: 4,
      fencingEvents: 8000,
    };
  }
  if (name !== 'ci') throw new Error(`CHAOS_PROFILE must be ci or full (got "${name}")`);
  return {
    name,
    kills: 5,
    killEvents: 5000,
    takeovers: 1,
    takeoverEvents: 3000,
    outageEvents: 2000,
    outageMs: 4000,
    randomFreezes: 1,
    fencingEvents: 2000,
  };
}

export interface Services {
  brokers: string;
  databaseUrl: string;
}

export function sharedServices(): Services {
  const env = stackEnv();
  return { brokers: env.KAFKA_BROKERS, databaseUrl: env.DATABASE_URL };
}

export interface Scenario extends Services {
  pool: pg.Pool;
  schema: string;
  topic: string;
  stateTopic: string;
  slotCount: number;
  /** Where the writers list the event ids they rolled back or failed to commit. */
  rolledBackFile: string;
  logDir: string;
}

function admin(brokers: string) {
  return new Kafka({
    clientId: randomName('chaos-admin'),
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
}

/**
 * A fresh outbox schema (migrated, with the truth tables) and topic for one test. On the shared stack both are
 * removed when the test passes; the schema and the processes' logs are kept when it fails.
 */
export async function createScenario(
  services: Services,
  options: { slotCount: number; partitions?: number; cleanup?: boolean },
): Promise<Scenario> {
  const { slotCount, partitions = 6, cleanup = true } = options;
  const pool = new pg.Pool({ connectionString: services.databaseUrl, max: 4 });
  pool.on('error', () => {});
  const schema = randomName('chaos');
  const topic = `${schema}.orders`;
  const stateTopic = `${schema}.relay-state`;
  await pool.query(`create schema "${schema}"`);
  await migrate({ pool, schema });
  await createTruthTables(pool, schema);
  const kafkaAdmin = admin(services.brokers);
  await kafkaAdmin.connect();
  try {
    await kafkaAdmin.createTopics({
      // The broker's default.replication.factor: 1 on the single-broker stack, 3 on a three-broker cluster.
      topics: [{ topic, numPartitions: partitions }],
      waitForLeaders: false,
    });
    // Not kafkajs' waitForLeaders: it fails when the broker it asks has not heard of the topic yet (clusters).
    await waitFor(
      async () => {
        const { topics } = await kafkaAdmin.fetchTopicMetadata({ topics: [topic] });
        const found = topics[0]?.partitions ?? [];
        return found.length === partitions && found.every((p) => p.leader >= 0);
      },
      { timeout: 60_000, interval: 200, what: `a leader for every partition of ${topic}` },
    );
  } finally {
    await kafkaAdmin.disconnect();
  }
  const logDir = mkdtempSync(join(tmpdir(), `${schema}-`));
  onTestFinished(async (context) => {
    const failed = context.task.result?.state === 'fail';
    if (failed) console.warn(`chaos scenario kept: schema ${schema}, topic ${topic}, logs in ${logDir}`);
    if (cleanup && !failed) {
      await pool.query(`drop schema "${schema}" cascade`).catch(() => {});
      const cleanupAdmin = admin(services.brokers);
      await cleanupAdmin.connect().catch(() => {});
      await cleanupAdmin.deleteTopics({ topics: [topic, stateTopic] }).catch(() => {});
      await cleanupAdmin.disconnect().catch(() => {});
    }
    await pool.end().catch(() => {});
    if (!failed) rmSync(logDir, { recursive: true, force: true });
  });
  return {
    ...services,
    pool,
    schema,
    topic,
    stateTopic,
    slotCount,
    rolledBackFile: join(logDir, 'rolled-back.txt'),
    logDir,
  };
}

export interface WriterOptions {
  id: string;
  events: number;
  /** Committed-event rate of this writer, events per second (0 = as fast as it can). */
  rate: number;
  concurrency?: number;
  keys?: number;
  rollbackRate?: number;
}

export function startWriter(scenario: Scenario, options: WriterOptions): ChildHandle {
  return spawnNode({
    name: options.id,
    script: 'test/relay-chaos/writer.ts',
    logDir: scenario.logDir,
    env: {
      DATABASE_URL: scenario.databaseUrl,
      OUTBOX_SCHEMA: scenario.schema,
      WRITER_TOPIC: scenario.topic,
      WRITER_ID: options.id,
      WRITER_EVENTS: String(options.events),
      WRITER_RATE: String(options.rate),
      WRITER_CONCURRENCY: String(options.concurrency ?? 4),
      WRITER_KEYS: String(options.keys ?? 300),
      WRITER_MAX_EVENTS_PER_TX: '6',
      WRITER_MAX_KEYS_PER_TX: '3',
      WRITER_ROLLBACK_RATE: String(options.rollbackRate ?? 0.15),
      WRITER_ROLLED_BACK_FILE: scenario.rolledBackFile,
    },
  });
}

/** Waits for a writer to finish (exit 0 with `writer.done`) and returns its summary line. */
export async function writerDone(writer: ChildHandle, timeout = 300_000): Promise<LogLine> {
  const line = await writer.waitForLog((l) => l['event'] === 'writer.done', {
    timeout,
    what: 'writer.done',
  });
  const status = await writer.exited;
  if (status.code !== 0)
    throw new Error(`${writer.name} exited with ${JSON.stringify(status)}\n${writer.tail()}`);
  return line;
}

export interface RelayProcessOptions {
  id: string;
  /** `commercebridge relay` (default) or a test runner script with the same environment. */
  script?: string;
  env?: Record<string, string>;
}

export function startRelay(scenario: Scenario, options: RelayProcessOptions): ChildHandle {
  return spawnNode({
    name: options.id,
    script: options.script ?? 'packages/cli/src/bin.ts',
    args: options.script ? [] : ['relay'],
    logDir: scenario.logDir,
    env: {
      KAFKA_BROKERS: scenario.brokers,
      DATABASE_URL: scenario.databaseUrl,
      OUTBOX_SCHEMA: scenario.schema,
      RELAY_SLOT_COUNT: String(scenario.slotCount),
      RELAY_ID: options.id,
      RELAY_STATE_TOPIC: scenario.stateTopic,
      RELAY_TRANSACTIONAL_ID_PREFIX: `${scenario.schema}.relay.`,
      RELAY_SCHEMA_MODE: 'headers',
      RELAY_METRICS_PORT: '0',
      RELAY_LEASE_TTL_MS: '3000',
      RELAY_POLL_INTERVAL_MS: '200',
      COMMERCEBRIDGE_LOG_LEVEL: 'debug',
      KAFKA_MAX_BATCH_SIZE: '100',
      ...options.env,
    },
  });
}

/** Waits for `relay.ready` and returns its metrics port. */
export async function relayReady(relay: ChildHandle, timeout = 60_000): Promise<number> {
  const line = await relay.waitForLog((l) => l['msg'] === 'relay.ready', { timeout, what: 'relay.ready' });
  return Number(line['metricsPort']);
}

/** The slots a relay reports as owned on /readyz (null when it does not answer). */
export async function ownedSlots(port: number): Promise<number[] | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { slots?: number[] };
    return body.slots ?? null;
  } catch {
    return null;
  }
}

/** Owner of each slot per the lease table (only unexpired leases). */
export async function leaseOwners(scenario: Scenario): Promise<Map<number, string>> {
  const { rows } = await scenario.pool.query<{ slot: number; owner: string }>(
    `select slot, owner from "${scenario.schema}".relay_slots
      where owner is not null and lease_expires_at > now() order by slot`,
  );
  return new Map(rows.map((row) => [row.slot, row.owner]));
}

export async function waitAllPublished(scenario: Scenario, timeout = 120_000): Promise<void> {
  await waitFor(async () => (await unpublishedCount(scenario.pool, scenario.schema)) === 0, {
    timeout,
    interval: 250,
    what: `every committed event of ${scenario.schema} marked published`,
  });
}

export interface Verdict {
  diff: DeliveryDiff;
  summary: string;
  committed: number;
  rolledBack: number;
}

/**
 * The final check: the truth (Postgres) against the topic read to its end by librdkafka with
 * isolation.level=read_committed.
 */
export async function verify(scenario: Scenario): Promise<Verdict> {
  const mismatch = await truthMatchesOutbox(scenario.pool, scenario.schema);
  if (mismatch) throw new Error(`the writers' truth is not trustworthy: ${mismatch}`);
  const expected = await readTruth(scenario.pool, scenario.schema);
  const messages = await readAllCommitted(scenario.topic, 180, scenario.brokers);
  const delivered = messages.map((m) => ({
    eventId: m.headers['event-id']?.toString() ?? null,
    key: m.key,
    partition: m.partition,
    offset: m.offset,
  }));
  let rolledBack: string[] = [];
  try {
    rolledBack = readFileSync(scenario.rolledBackFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ')[1]!);
  } catch {
    // no writer rolled anything back
  }
  const diff = checkDelivery(expected, delivered, { rolledBack });
  return {
    diff,
    summary: formatDiff(diff),
    committed: await committedCount(scenario.pool, scenario.schema),
    rolledBack: rolledBack.length,
  };
}

/** A committed record of the relay-state topic: which rows one Kafka transaction of a slot carried. */
export interface StateRecord {
  slot: number;
  relayId: string;
  positions: number[];
  /** CreateTime: when the relay sent it. */
  timestamp: number;
  partition: number;
  offset: number;
}

/** The relay-state topic read to its end with read_committed (only committed transactions' records). */
export async function readStateRecords(scenario: Scenario): Promise<StateRecord[]> {
  const messages = await readAllCommitted(scenario.stateTopic, 120, scenario.brokers);
  return messages.map((m) => {
    const value = JSON.parse(m.value?.toString() ?? '{}') as {
      slot: number;
      relayId: string;
      positions: number[];
    };
    return {
      slot: value.slot,
      relayId: value.relayId,
      positions: value.positions,
      timestamp: m.timestamp,
      partition: m.partition,
      offset: m.offset,
    };
  });
}

/**
 * Per slot, the runs of one relay in the slot's committed state records (offset order): `a a b b` is two runs.
 * A run can only begin after its relay acquired the slot, so more runs than acquisitions means two relays
 * committed in one slot at the same time.
 */
export function ownershipRuns(records: readonly StateRecord[]): Map<number, string[]> {
  const runs = new Map<number, string[]>();
  const sorted = [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  for (const record of sorted) {
    const list = runs.get(record.slot) ?? [];
    if (list[list.length - 1] !== record.relayId) list.push(record.relayId);
    runs.set(record.slot, list);
  }
  return runs;
}

/** A relay frozen (SIGSTOP) then resumed (SIGCONT), and its log lines from the resume on. */
export interface FreezeRecord {
  relayId: string;
  /** The slots it held when frozen. */
  slots: number[];
  frozenAt: number;
  resumedAt: number;
  linesAfterResume: LogLine[];
  /**
   * Per slot, the state-topic offset the new owner read back after its initTransactions fenced the zombie (its
   * `slot.recovered` `stateOffset`; -1 when the slot had no state record yet).
   */
  fencedAtOffset: ReadonlyMap<number, number>;
}

/**
 * Zombie commits of one freeze, for each slot the relay held: a commit counts against it when it became visible
 * after the new owner fenced the slot and before the relay acquired the slot anew (a fresh lease, legitimately).
 * Two independent signs, both read from the committed state records (read_committed):
 * - a record of the zombie at an offset past the one the new owner read back after fencing: Kafka accepted the
 *   zombie's commit after the epoch bump;
 * - a record of the zombie sent after SIGCONT (its CreateTime): it passed a lease check it no longer held.
 * A `batch.committed` log line after SIGCONT is no sign: the broker may have completed the commit before
 * SIGSTOP, with only the Postgres mark and the log line left for after the resume.
 */
export function zombieCommits(freeze: FreezeRecord, records: readonly StateRecord[]): string[] {
  const after = freeze.linesAfterResume;
  const found: string[] = [];
  for (const slot of freeze.slots) {
    const reacquired = after.find((l) => l['msg'] === 'slot.acquired' && l['slot'] === slot);
    const reacquiredAt = reacquired ? Date.parse(String(reacquired['time'])) : Number.POSITIVE_INFINITY;
    const fencedAt = freeze.fencedAtOffset.get(slot);
    if (fencedAt === undefined) {
      found.push(`slot ${slot}: no recovery by the new owner was recorded, so its fence cannot be checked`);
      continue;
    }
    for (const record of records) {
      if (record.relayId !== freeze.relayId || record.slot !== slot || record.timestamp >= reacquiredAt)
        continue;
      if (record.offset > fencedAt) {
        found.push(`state record of slot ${slot} at offset ${record.offset}, after the fence at ${fencedAt}`);
      } else if (record.timestamp >= freeze.resumedAt) {
        found.push(`state record of slot ${slot} sent at ${record.timestamp} (resumed ${freeze.resumedAt})`);
      }
    }
  }
  return found;
}

/** Lines of a relay's log with the given `event`, from line `from` on. */
export function events(relay: ChildHandle, event: string, from = 0): LogLine[] {
  return relay
    .lines()
    .slice(from)
    .filter((line) => line['msg'] === event);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A random integer in [min, max]. */
export function between(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}
