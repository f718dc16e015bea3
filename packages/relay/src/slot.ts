import { performance } from 'node:perf_hooks';
import type { Logger } from '@commercebridge/config';
import { type CompressionTypes, type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import type pg from 'pg';
import type { ResolvedOptions } from './config.ts';
import {
  classifyKafkaError,
  failureScope,
  isFencedError,
  messageOf,
  RelayError,
  toRelayError,
} from './errors.ts';
import { decodeStateRecord, encodeStateRecord, readLastStateRecord } from './kafka/stateReader.ts';
import type { TopicChecker } from './kafka/topics.ts';
import type { RelayMetrics } from './metrics.ts';
import {
  ADVISORY_LOCK_CLASSID,
  type ClaimedEvent,
  claimBatch,
  type Executor,
  fromPg,
  LOCK_BUCKETS,
  markPublished,
  type ParkedHead,
  type ParkRequest,
  parkEvents,
  parkedHeads,
  type WriterHorizon,
  writerHorizon,
} from './outbox.ts';
import { lockForParking } from './sql/lockForParking.ts';
import { renewLeases } from './sql/renewLeases.ts';
import { StallTracker } from './stall.ts';
import type { SlotStall } from './types.ts';
import type { MessageEncoder } from './wire.ts';

export interface SlotContext {
  options: ResolvedOptions;
  db: pg.Pool;
  /** The same pool as the outbox package's executor. */
  outbox: Executor;
  kafka: Kafka;
  log: Logger;
  metrics: RelayMetrics;
  topics: TopicChecker;
  encode: MessageEncoder;
  compression: CompressionTypes;
  onPublished: (count: number) => void;
  /** This outbox's id (outboxInstance), written in every state record. */
  instance: string;
}

export type SlotEnd = { reason: 'stopped' } | { reason: 'lost'; lost: 'lease_lost' | 'fenced' };

const BACKOFF_MIN_MS = 100;
/**
 * A failure no retry can fix, which nothing will park (unpublishable = block, or not about one event): the slot
 * is stalled at once and tries again only this often, in case an operator fixed the cause (created or
 * reconfigured the topic, granted an ACL, retried a parked event).
 */
export const NON_RETRIABLE_RECHECK_MS = 30_000;
/** A topic found missing is looked up again at most this often (rows of it meanwhile count as failing). */
const TOPIC_RECHECK_MS = 1000;

/**
 * kafkajs retries of one producer request. Right after a commit the coordinator is still writing the markers
 * and answers the next transaction's AddPartitionsToTxn with CONCURRENT_TRANSACTIONS for a few milliseconds;
 * kafkajs' default first backoff (300 ms, 100 ms with 5 retries) would then stall every batch, so the first
 * retries are quick. Bounded (~2.3 s in all): past that the relay's own loop retries the batch from a fresh
 * producer.
 */
export const PRODUCER_RETRY = { retries: 8, initialRetryTime: 10, maxRetryTime: 1000 };

/** Errors raised before a transaction began: the producer is still usable. */
const preTransaction = new WeakSet<object>();
/** The event a failure is about (it failed alone, or was the first to fail its checks). */
const culpritOf = new WeakMap<object, ClaimedEvent>();
/** The first event of the batch a failure happened in (shown while the culprit is not known yet). */
const batchHeadOf = new WeakMap<object, ClaimedEvent>();

/** A claimed event that passed its checks, encoded. */
interface Ready {
  row: ClaimedEvent;
  message: Message;
}

/** One event to set aside: its own failure, or none when it is parked behind an earlier event of its key. */
interface ToPark {
  row: ClaimedEvent;
  error: RelayError | null;
}

/** What a round does with its rows: send a prefix, park some, or stop at one that fails. */
interface Plan {
  send: Ready[];
  park: ToPark[];
  stop: { row: ClaimedEvent; error: RelayError } | null;
}

/**
 * One produce request's messages, grouped by topic, each with its partition set (withPartition) where the
 * topic's partition count is known.
 */
function groupByTopic(
  chunk: Ready[],
  partitionsOf: (topic: string) => number | undefined,
): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const { row, message } of chunk) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push(withPartition(row.topic, message, partitionsOf(row.topic)));
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** Postgres calls are labelled RELAY_DATABASE (retriable) unless they already carry a relay code. */
async function dbCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RelayError) throw error;
    throw new RelayError('RELAY_DATABASE', `${what}: ${messageOf(error)}`, { cause: error, retriable: true });
  }
}
const BACKOFF_MAX_MS = 5000;

/** Rejects after `ms`; the late outcome of `promise` is swallowed (the caller has moved on). */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RelayError('RELAY_TIMEOUT', `${what} took longer than ${ms} ms`, { retriable: true })),
      ms,
    );
  });
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const defaultPartitioner = Partitioners.DefaultPartitioner();

/**
 * The message with its partition set, chosen as kafkajs' default partitioner would (murmur2 of the key modulo
 * the partition count read when the topic was first seen), so that the partitions a batch goes to are known
 * and `checkWritten` can hold kafkajs' answer against them. Without a known count, kafkajs chooses.
 */
export function withPartition(topic: string, message: Message, partitions: number | undefined): Message {
  if (partitions === undefined || message.partition !== undefined || message.key == null) return message;
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [],
    isr: [],
    partitionErrorCode: 0,
  }));
  return { ...message, partition: defaultPartitioner({ topic, partitionMetadata, message }) };
}

/**
 * Every partition the batch went to is in kafkajs' answer exactly once. kafkajs 2.2.4 keeps one sendBatch's
 * answers per broker object and, retrying after a broker failed, sends only to brokers without an answer: a
 * partition whose leader moved to a broker that had answered already is never sent, and a broker that comes
 * back as a new object after a metadata refresh is sent its share again with new sequence numbers. Both
 * resolve the sendBatch; in a transaction they commit a batch with records missing or written twice (seen
 * on a three-broker cluster when a partition leader is killed). The transaction is aborted instead.
 */
export function checkWritten(
  written: ReadonlyArray<{ topicName: string; partition: number }>,
  sent: ReadonlyArray<{ topic: string; messages: ReadonlyArray<Message> }>,
  options: { allowTwice?: boolean } = {},
): void {
  const expected = new Set<string>();
  let complete = true;
  for (const { topic, messages } of sent) {
    for (const message of messages) {
      if (message.partition === undefined) complete = false;
      else expected.add(`${topic}/${message.partition}`);
    }
  }
  const seen = new Map<string, number>();
  for (const { topicName, partition } of written) {
    const key = `${topicName}/${partition}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const twice = options.allowTwice ? [] : [...seen].filter(([, n]) => n > 1).map(([key]) => key);
  const missing = complete ? [...expected].filter((key) => !seen.has(key)) : [];
  if (twice.length > 0 || missing.length > 0) {
    throw new RelayError(
      'RELAY_KAFKA',
      `the Kafka client reported the batch written ${twice.length > 0 ? `twice to ${twice.join(', ')}` : ''}` +
        `${twice.length > 0 && missing.length > 0 ? ' and ' : ''}` +
        `${missing.length > 0 ? `not at all to ${missing.join(', ')}` : ''} after a broker failure: ` +
        'the transaction is aborted and the batch sent again',
      { retriable: true },
    );
  }
}

/**
 * Publishes one slot: acquire (initTransactions fences any older producer of the slot, then the last state
 * record is read back and its rows marked), then batches, each in one Kafka transaction with the slot's state
 * record, marked in Postgres after the commit. Any failure inside or after a transaction re-runs acquisition,
 * so a commit whose outcome is unknown is resolved from the state record, never by sending again.
 */
export class SlotWorker {
  readonly done: Promise<SlotEnd>;
  private stopRequested = false;
  private woken = false;
  private wakeUp: (() => void) | null = null;
  private producer: Producer | null = null;
  private backoffMs = BACKOFF_MIN_MS;
  /** The next batch, read while the previous one committed (dropped on any failure). */
  private prefetched: ClaimedEvent[] | null = null;
  /** The mark of the last committed batch, still running. */
  private pendingMark: Promise<void> | null = null;
  /** performance.now() until which the lease is certainly ours (see leaseRenewed). */
  private leaseValidUntil = 0;
  private readonly transactional: boolean;
  /** Most events per Kafka transaction: RELAY_TX_MAX_EVENTS, at least one produce request's worth. */
  private readonly transactionLimit: number;
  private readonly parking: boolean;
  private readonly stall: StallTracker;
  private cutBackoff: (() => void) | null = null;
  /** The stall bound passed during an attempt: the next backoff is skipped. */
  private parkDue = false;
  /**
   * The partition keys of this slot with parked rows, each with its earliest one (loaded on acquisition). Only
   * this slot's owner parks rows, so it holds every such key; a key may be stale (its rows were retried or
   * purged meanwhile), which is checked in the database before an event is held back for it.
   */
  private parkedKeys = new Map<string, ParkedHead>();
  /** Topics found missing: since when (for the park bound), when last looked up, and the error. */
  private readonly failingTopics = new Map<string, { since: number; checkedAt: number; error: RelayError }>();
  /** Events that failed on their own (by position): since when, how often, and the last error. */
  private readonly failedEvents = new Map<number, { since: number; attempts: number; error: RelayError }>();
  /**
   * After Kafka refused a produce request of several events as a whole: the events before it go on as usual,
   * then its events one per transaction, so that the event the broker refuses is found (and only it waits, or
   * is parked).
   */
  private isolate: { from: number; through: number } | null = null;
  /**
   * Every row of the slot below this position is published, and none can still appear there (see advanceFloor):
   * claims start here instead of walking the index entries of published rows that vacuum has not removed yet.
   */
  private floor = 0;
  /** Per bucket of the slot: the writer horizon's last position when its lock was last seen free. */
  private readonly freeAt = new Map<number, number>();

  constructor(
    private readonly ctx: SlotContext,
    readonly slot: number,
  ) {
    this.transactional = ctx.options.delivery === 'exactly-once';
    this.transactionLimit = Math.max(ctx.options.transactionMaxEvents, ctx.options.batchSize);
    this.parking = ctx.options.unpublishable === 'park';
    this.stall = new StallTracker(slot, ctx.options.stallTimeoutMs, ctx.log, ctx.metrics, () => {
      // The failing event is due to be parked: now, not after the rest of the backoff.
      if (this.cutBackoff) this.cutBackoff();
      else this.parkDue = true;
    });
    this.done = this.run();
  }

  /** Why the slot is stalled, while it is (for /readyz). */
  stalled(): SlotStall | null {
    return this.stall.view();
  }

  /** New rows may be there: claim now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Graceful: the open batch is finished (committed and marked) or aborted, then the worker ends. */
  stop(): void {
    this.stopRequested = true;
    this.wake();
  }

  /** Cut short (shutdown timeout): drop the producer; the next owner's initTransactions aborts what is open. */
  async kill(): Promise<void> {
    this.stopRequested = true;
    this.wake();
    await this.closeProducer();
  }

  private async sleep(ms: number): Promise<void> {
    if (this.woken || this.stopRequested) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = finish;
    });
    this.wakeUp = null;
    this.woken = false;
  }

  /** The next exponential backoff: 0.1 s doubling up to 5 s, with jitter; reset when a round completes. */
  private nextBackoff(): number {
    const ms = Math.round(this.backoffMs * (0.5 + Math.random() / 2));
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    return ms;
  }

  private async backoff(ms: number): Promise<void> {
    // A backoff is not cut short by NOTIFY wake-ups, only by stop() and by the stall bound when the failing
    // event is to be parked then.
    if (this.stopRequested || this.parkDue) {
      this.parkDue = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        clearInterval(check);
        this.cutBackoff = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      const check = setInterval(() => this.stopRequested && finish(), 50);
      this.cutBackoff = finish;
    });
  }

  private async run(): Promise<SlotEnd> {
    const { log } = this.ctx;
    let acquired = false;
    try {
      while (!this.stopRequested) {
        try {
          if (!acquired) {
            await this.acquire();
            acquired = true;
          }
          const result = await this.publishOnce();
          // A completed round (even one with nothing to do) means the slot is not stuck.
          this.backoffMs = BACKOFF_MIN_MS;
          this.parkDue = false;
          this.stall.progressed();
          if (result === 'idle') await this.sleep(this.ctx.options.pollIntervalMs);
        } catch (caught) {
          this.prefetched = null;
          // Claimed from the oldest unpublished row again (an aborted transaction's rows are unpublished again;
          // the floor accounts for them anyway, this is belt and braces).
          this.floor = 0;
          const error = toRelayError(caught);
          this.ctx.metrics.errors.inc({ code: error.code });
          const lost = await this.classifyLoss(error);
          if (lost) {
            log.warn({ slot: this.slot, reason: lost, error: messageOf(error) }, 'slot.lost');
            return { reason: 'lost', lost };
          }
          const wait = this.failed(error);
          log.warn(
            {
              slot: this.slot,
              code: error.code,
              error: messageOf(error),
              cause: error.cause === undefined ? undefined : messageOf(error.cause),
              retriable: error.retriable,
              eventId: (culpritOf.get(error) ?? batchHeadOf.get(error))?.eventId,
            },
            'batch.failed',
          );
          if (!preTransaction.has(error)) {
            // The producer's state (open transaction, unknown commit outcome) is not trusted any more.
            await this.closeProducer();
            acquired = false;
            // Recovery (after re-acquiring) marks the last committed batch from its state record. Before a
            // transaction, by contrast, the pending mark is kept: the next claim waits for it.
            this.pendingMark = null;
          }
          await this.backoff(wait);
        }
      }
      // Stopping: the last batch is finished, i.e. marked too.
      await this.settleMark().catch(() => {});
      return { reason: 'stopped' };
    } finally {
      this.stall.close();
      await this.closeProducer();
    }
  }

  /**
   * Books a failed round (the failing event's attempts, the stall) and returns how long to wait before the
   * next one: at once when the event is to be parked now, 30 s for a failure no retry can fix and nothing will
   * park, else the exponential backoff.
   */
  private failed(error: RelayError): number {
    const culprit = culpritOf.get(error);
    if (culprit) {
      const known = this.failedEvents.get(culprit.position);
      if (!known && this.failedEvents.size >= 10_000) this.failedEvents.clear();
      this.failedEvents.set(culprit.position, {
        since: known?.since ?? Date.now(),
        attempts: (known?.attempts ?? 0) + 1,
        error,
      });
    }
    const scope = failureScope(error);
    const parkable = this.parking && scope !== 'slot';
    // A batch refused as a whole: which event it is about is found next, one event per transaction.
    const searching = !culprit && scope !== 'slot';
    // Fenced (or the lease in doubt) while the lease is still ours: re-initializing is the cure, not an operator.
    const transient = error.code === 'RELAY_FENCED' || error.code === 'RELAY_LEASE_LOST';
    const hopeless = !error.retriable && !searching && !transient;
    this.stall.failed(error, culprit ?? batchHeadOf.get(error) ?? null, { parkable, hopeless });
    if (parkable && !error.retriable) return BACKOFF_MIN_MS;
    if (hopeless && !parkable) return NON_RETRIABLE_RECHECK_MS;
    return this.nextBackoff();
  }

  /** Fenced or lease gone while another relay owns the slot: give it up. Fenced with our lease: re-acquire. */
  private async classifyLoss(error: RelayError): Promise<'lease_lost' | 'fenced' | null> {
    if (error.code !== 'RELAY_FENCED' && error.code !== 'RELAY_LEASE_LOST') return null;
    const held = await this.holdsLease().catch(() => true);
    if (!held) return error.code === 'RELAY_FENCED' ? 'fenced' : 'lease_lost';
    // Our lease is intact (e.g. the coordinator timed our transaction out): re-initialize and go on.
    return null;
  }

  /**
   * A renewal sent at `sentAt` (performance.now()) succeeded: the database set the expiry to its own now + ttl,
   * which is no earlier than sentAt + ttl on our clock. Until then minus a margin for clock-rate drift, nobody
   * can take the lease, so the pre-commit check needs no round trip.
   */
  leaseRenewed(sentAt: number): void {
    const ttl = this.ctx.options.leaseTtlMs;
    this.leaseValidUntil = Math.max(this.leaseValidUntil, sentAt + ttl - Math.min(1000, ttl / 5));
  }

  /** The heartbeat found the lease taken: the next pre-commit check asks the database. */
  leaseLost(): void {
    this.leaseValidUntil = 0;
  }

  private async holdsLease(): Promise<boolean> {
    const { db, options } = this.ctx;
    const sentAt = performance.now();
    const renewed = await dbCall('renewing the lease', () =>
      renewLeases(db, options.schema, {
        relayId: options.relayId,
        slots: [this.slot],
        ttlMs: options.leaseTtlMs,
      }),
    );
    if (renewed.length === 1) this.leaseRenewed(sentAt);
    else this.leaseValidUntil = 0;
    return renewed.length === 1;
  }

  private async requireLease(when: string, recentEnough = false): Promise<void> {
    if (recentEnough && performance.now() < this.leaseValidUntil) return;
    if (!(await this.holdsLease())) {
      throw new RelayError(
        'RELAY_LEASE_LOST',
        `lease of slot ${this.slot} is held by another relay (${when})`,
      );
    }
  }

  private async closeProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    if (producer) await withTimeout(producer.disconnect(), 5000, 'producer disconnect').catch(() => {});
  }

  private async acquire(): Promise<void> {
    const { kafka, options, log } = this.ctx;
    await this.requireLease('before initTransactions');
    const timeout = options.batchTimeoutMs;
    if (this.transactional) {
      const producer = kafka.producer({
        transactionalId: `${options.transactionalIdPrefix}${this.slot}`,
        idempotent: true,
        maxInFlightRequests: options.maxInFlight,
        transactionTimeout: 60_000,
        retry: PRODUCER_RETRY,
      });
      this.producer = producer;
      await withTimeout(producer.connect(), Math.max(timeout, 10_000), 'producer connect');
      // InitProducerId for our transactional id: bumps the epoch (a zombie of this slot can no longer commit)
      // and completes whatever transaction the previous owner left open, before we read the state back.
      const init = await withTimeout(producer.transaction(), Math.max(timeout, 30_000), 'initTransactions');
      await init.abort();
      const last = await withTimeout(
        readLastStateRecord(kafka, options.stateTopic, this.slot),
        Math.max(timeout, 10_000),
        'reading the state record',
      );
      let record = last ? decodeStateRecord(last.value, this.slot) : null;
      if (record?.instance !== undefined && record.instance !== this.ctx.instance) {
        // Positions of another outbox (a database recreated under this schema name, or another database on
        // this cluster): marking them here would mark rows never sent. Nothing of this outbox is in doubt then:
        // its own last commit would have written the last record.
        log.warn(
          {
            slot: this.slot,
            stateOffset: last?.offset ?? null,
            recordInstance: record.instance,
            instance: this.ctx.instance,
          },
          'slot.state_foreign',
        );
        record = null;
      }
      let marked = 0;
      if (record && record.positions.length > 0) {
        const positions = record.positions;
        marked = await dbCall('marking recovered rows', () =>
          markPublished(this.ctx.outbox, { schema: options.schema, positions }),
        );
      }
      log.info(
        {
          slot: this.slot,
          marked,
          stateOffset: last?.offset ?? null,
          positions: record?.positions.length ?? 0,
        },
        'slot.recovered',
      );
    } else {
      const producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: options.maxInFlight,
        retry: PRODUCER_RETRY,
      });
      this.producer = producer;
      await withTimeout(producer.connect(), Math.max(timeout, 10_000), 'producer connect');
      log.info({ slot: this.slot, marked: 0, delivery: 'at-least-once' }, 'slot.recovered');
    }
    // The keys with parked events (a previous owner may have parked them): their later events stay behind.
    const heads = await dbCall('reading parked events', () =>
      parkedHeads(this.ctx.outbox, { schema: options.schema, slot: this.slot, slotCount: options.slotCount }),
    );
    this.parkedKeys = new Map(heads.map((head) => [head.partitionKey, head]));
  }

  private async publishOnce(): Promise<'idle' | 'published' | 'parked'> {
    const { options, metrics } = this.ctx;
    let rows = this.prefetched;
    this.prefetched = null;
    if (!rows) {
      // A fresh claim must not see the previous batch as unpublished.
      await this.settleMark();
      // A NOTIFY arriving from here on makes the next sleep return at once.
      this.woken = false;
      rows = await this.beforeTransaction(() => this.claim(this.transactionLimit));
    }
    if (rows.length === 0) return 'idle';
    if (this.isolate) {
      const { from, through } = this.isolate;
      if (rows[0]!.position > through) this.isolate = null;
      else if (rows[0]!.position < from) rows = rows.filter((row) => row.position < from);
      else rows = rows.slice(0, 1);
    }
    const plan = await this.beforeTransaction(() => this.plan(rows));
    if (plan.park.length > 0) {
      await this.beforeTransaction(() => this.park(plan.park));
      // Claimed again from the start: a row moved back by a retry meanwhile may come before the rest.
      return 'parked';
    }
    if (plan.send.length === 0) {
      // The first event cannot go (yet): the slot waits (block, or until the park bound).
      const stop = plan.stop!;
      culpritOf.set(stop.error, stop.row);
      preTransaction.add(stop.error);
      throw stop.error;
    }
    // Events before a failing one go now; the failing one is then first, and fails alone.
    const producer = this.producer;
    if (!producer)
      throw new RelayError('RELAY_STOPPED', `slot ${this.slot} has no producer`, { retriable: true });
    const chunks: Ready[][] = [];
    for (let i = 0; i < plan.send.length; i += options.batchSize)
      chunks.push(plan.send.slice(i, i + options.batchSize));
    const started = performance.now();
    /** The rows sent in this transaction so far (the claimed rows past the time bound are left for the next). */
    const sent: ClaimedEvent[] = [];
    let positions: number[] = [];
    let next: Promise<ClaimedEvent[] | null> = Promise.resolve(null);
    // The previous transaction's mark runs while this one is sent; the next transaction's rows are read while
    // its last produce request is sent and it commits. Reading before this transaction's mark is safe: its
    // positions are left out, and within a lock bucket no later commit can take a lower position.
    const marked = this.settleMark();
    marked.catch(() => {});
    const tx = this.transactional ? await producer.transaction() : null;
    try {
      let lease: Promise<void> = Promise.resolve();
      for (let i = 0; i < chunks.length; i++) {
        const chunk = chunks[i]!;
        // The last produce request of the transaction: the last chunk claimed, or the time bound reached.
        const last = i === chunks.length - 1 || performance.now() - started >= options.transactionMaxMs;
        for (const ready of chunk) sent.push(ready.row);
        const topicMessages = groupByTopic(chunk, (topic) => this.ctx.topics.partitionsOf(topic));
        if (last) {
          positions = sent.map((row) => row.position);
          if (tx) {
            // The state record names every row of the transaction, and rides in its last produce request.
            topicMessages.push({
              topic: options.stateTopic,
              messages: [
                {
                  key: String(this.slot),
                  partition: this.slot,
                  value: encodeStateRecord({
                    v: 1,
                    slot: this.slot,
                    slotCount: options.slotCount,
                    relayId: options.relayId,
                    instance: this.ctx.instance,
                    positions,
                  }),
                },
              ],
            });
            // The lease is checked before the commit (concurrently with the last send, which it does not depend
            // on): a relay that lost its slot (frozen past its lease) stops here; one that froze after this
            // check is fenced by the new owner's initTransactions.
            lease = this.requireLease('before commit', true);
            lease.catch(() => {});
          }
          const inFlight = positions;
          // Rows claimed but left unsent by the time bound are the next transaction's, as they are (they were
          // the oldest unpublished rows but for this transaction's; a row committed late since then comes after
          // them within its bucket, and the claim after them returns it). Else the next rows are claimed now.
          const unsent = plan.send.slice(sent.length).map((ready) => ready.row);
          next = marked.then(() => (unsent.length > 0 ? unsent : this.prefetch(inFlight)));
          next.catch(() => {});
        }
        const request = {
          acks: -1,
          compression: this.ctx.compression,
          timeout: options.batchTimeoutMs,
          topicMessages,
        };
        const written = await withTimeout(
          tx ? tx.sendBatch(request) : producer.sendBatch(request),
          options.batchTimeoutMs,
          'sending the batch',
        ).catch((error: unknown) => {
          throw this.sendFailed(
            error,
            chunk.map((ready) => ready.row),
          );
        });
        // kafkajs 2.2.4 can resolve a sendBatch that skipped or repeated a broker's share after a retry (see
        // checkWritten): in a transaction it is aborted and its rows go again; without one, a skipped share is
        // sent again (at least once: a share written twice is no reason to send a third time).
        try {
          checkWritten(written, topicMessages, { allowTwice: tx === null });
        } catch (error) {
          throw this.sendFailed(
            error,
            chunk.map((ready) => ready.row),
          );
        }
        if (last) break;
      }
      if (tx) {
        await lease;
        // The previous transaction is marked before this one commits: this commit's state record replaces the
        // previous one, and recovery reads only the last.
        await marked;
        if (options.hooks.beforeKafkaCommit)
          await options.hooks.beforeKafkaCommit({ slot: this.slot, positions });
        await withTimeout(tx.commit(), options.batchTimeoutMs, 'committing the transaction');
      }
      this.prefetched = await next;
    } catch (error) {
      if (tx?.isActive()) await withTimeout(tx.abort(), 5000, 'abort').catch(() => {});
      if (error instanceof RelayError) throw error;
      throw isFencedError(error) ? toRelayError(error) : error;
    }
    const seconds = (performance.now() - started) / 1000;
    metrics.transactionSeconds.observe(seconds);
    metrics.batchSize.observe(sent.length);
    // Marked in the background, overlapping the next transaction's sends; awaited before that one commits.
    const mark = this.markCommitted(positions, seconds);
    mark.catch(() => {});
    this.pendingMark = mark;
    return 'published';
  }

  /**
   * Kafka refused a produce request (`batch`: its events): which event or topic it is about, when that can be
   * told. A refused record in a request of several is searched for, one event per transaction; a topic the
   * broker does not know is looked up again.
   */
  private sendFailed(caught: unknown, batch: ClaimedEvent[]): RelayError {
    const error = classifyKafkaError(caught);
    const scope = failureScope(error);
    if (error.code === 'RELAY_TOPIC_MISSING') this.ctx.topics.forget(new Set(batch.map((row) => row.topic)));
    if (scope !== 'slot' && batch.length === 1) culpritOf.set(error, batch[0]!);
    else {
      batchHeadOf.set(error, batch[0]!);
      if (scope !== 'slot' && error.code !== 'RELAY_TOPIC_MISSING')
        this.isolate = { from: batch[0]!.position, through: batch[batch.length - 1]!.position };
    }
    return error;
  }

  /**
   * Checks each claimed event in position order: is an earlier event of its key parked (then it must not go
   * ahead: parked behind it, or, under block, the slot waits), does its topic exist, does it encode. A failing
   * event is parked when its time has come (at once if no retry can fix it, else after the stall bound);
   * otherwise the round sends what comes before it and stops there.
   */
  private async plan(rows: ClaimedEvent[]): Promise<Plan> {
    const plan: Plan = { send: [], park: [], stop: null };
    await this.refreshParkedKeys(rows);
    // Keys with an event parked by this round: their later events go behind it.
    const parkedNow = new Map<string, ClaimedEvent>();
    for (const row of rows) {
      const blocker = parkedNow.get(row.partitionKey) ?? this.parkedBefore(row);
      if (blocker) {
        if (this.parking) {
          plan.park.push({ row, error: null });
          continue;
        }
        plan.stop = {
          row,
          error: new RelayError(
            'RELAY_BEHIND_PARKED',
            `event ${row.eventId} of key ${JSON.stringify(row.partitionKey)} comes after the parked event ` +
              `${blocker.eventId}: retry it (commercebridge outbox parked retry --id ${blocker.eventId}) or ` +
              'purge it; until then later events of the key wait, in order',
          ),
        };
        return plan;
      }
      // Refused by the broker before, and no retry can help: parked without sending it again. (A missing topic
      // is looked up again instead: it may exist by now.)
      const known = this.failedEvents.get(row.position);
      const refused = known && this.parking && !known.error.retriable && failureScope(known.error) !== 'slot';
      const checked = refused ? known : await this.check(row);
      if ('message' in checked) {
        plan.send.push({ row, message: checked.message });
        continue;
      }
      if (this.parking && this.parkNow(checked.error, row)) {
        plan.park.push({ row, error: checked.error });
        parkedNow.set(row.partitionKey, row);
        continue;
      }
      plan.stop = { row, error: checked.error };
      return plan;
    }
    return plan;
  }

  /** Whether a failing event is to be parked now: at once when no retry helps, else after the stall bound. */
  private parkNow(error: RelayError, row: ClaimedEvent): boolean {
    const scope = failureScope(error);
    if (scope === 'slot') return false;
    if (!error.retriable) return true;
    const since =
      scope === 'topic'
        ? this.failingTopics.get(row.topic)?.since
        : this.failedEvents.get(row.position)?.since;
    return since !== undefined && Date.now() - since >= this.ctx.options.stallTimeoutMs;
  }

  /** Topic, then encoding. A failure of the infrastructure (broker, registry unreachable) is thrown. */
  private async check(row: ClaimedEvent): Promise<Ready | { error: RelayError }> {
    const topicError = await this.checkTopic(row.topic);
    if (topicError) return { error: topicError };
    try {
      const { value, headers } = await this.ctx.encode(row);
      return { row, message: { key: row.partitionKey, value, headers } };
    } catch (caught) {
      const error = toRelayError(caught, 'RELAY_ENCODE');
      if (failureScope(error) === 'slot') {
        culpritOf.set(error, row);
        throw error;
      }
      return { error };
    }
  }

  private async checkTopic(topic: string): Promise<RelayError | null> {
    if (this.ctx.topics.knows(topic)) {
      if (this.failingTopics.size > 0) this.failingTopics.delete(topic);
      return null;
    }
    const failing = this.failingTopics.get(topic);
    const now = Date.now();
    if (failing && now - failing.checkedAt < TOPIC_RECHECK_MS) return failing.error;
    try {
      await this.ctx.topics.ensure([topic]);
      this.failingTopics.delete(topic);
      return null;
    } catch (caught) {
      const error = classifyKafkaError(caught);
      if (failureScope(error) !== 'topic') throw error;
      this.failingTopics.set(topic, { since: failing?.since ?? now, checkedAt: now, error });
      return error;
    }
  }

  /** The earliest parked event of the row's key, when it comes before the row. */
  private parkedBefore(row: ClaimedEvent): ParkedHead | undefined {
    const head = this.parkedKeys.get(row.partitionKey);
    return head && head.position < row.position ? head : undefined;
  }

  /** Keys the memory says have parked rows before a claimed row: asked again (a retry may have emptied them). */
  private async refreshParkedKeys(rows: ClaimedEvent[]): Promise<void> {
    if (this.parkedKeys.size === 0) return;
    const keys = new Set<string>();
    for (const row of rows) if (this.parkedBefore(row)) keys.add(row.partitionKey);
    if (keys.size === 0) return;
    const { options } = this.ctx;
    const heads = await dbCall('reading parked events', () =>
      parkedHeads(this.ctx.outbox, {
        schema: options.schema,
        slot: this.slot,
        slotCount: options.slotCount,
        keys: [...keys],
      }),
    );
    for (const key of keys) this.parkedKeys.delete(key);
    for (const head of heads) this.parkedKeys.set(head.partitionKey, head);
  }

  /**
   * Moves events into events_parked in one Postgres transaction that first locks this slot's lease row (a relay
   * that lost the slot parks nothing) and the rows' bucket locks. A row parked behind another is moved only if
   * that one is still parked when the statement runs.
   */
  private async park(items: ToPark[]): Promise<void> {
    const { db, options, metrics, log } = this.ctx;
    const requests: ParkRequest[] = items.map(({ row, error }) =>
      error
        ? {
            position: row.position,
            code: error.code,
            message: messageOf(error),
            attempts: this.failedEvents.get(row.position)?.attempts ?? 1,
          }
        : { position: row.position, code: 'RELAY_BEHIND_PARKED', message: '', attempts: 0, behind: true },
    );
    const moved = await dbCall('parking events', async () => {
      const client = await db.connect();
      try {
        await client.query('begin');
        const ours = await lockForParking(client, options.schema, {
          slot: this.slot,
          relayId: options.relayId,
          buckets: [...new Set(items.map(({ row }) => row.bucket))],
          lockClassId: ADVISORY_LOCK_CLASSID,
        });
        if (!ours) {
          throw new RelayError(
            'RELAY_LEASE_LOST',
            `lease of slot ${this.slot} is held by another relay (before parking)`,
          );
        }
        const result = await parkEvents(fromPg(client), { schema: options.schema, events: requests });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    });
    const byPosition = new Map(items.map((item) => [item.row.position, item.row]));
    const codes: Record<string, number> = {};
    for (const m of moved) {
      metrics.parkedTotal.inc({ slot: String(this.slot), code: m.reasonCode });
      codes[m.reasonCode] = (codes[m.reasonCode] ?? 0) + 1;
      this.failedEvents.delete(m.position);
      const head = this.parkedKeys.get(m.partitionKey);
      if (!head || head.position > m.position) {
        this.parkedKeys.set(m.partitionKey, {
          partitionKey: m.partitionKey,
          position: m.position,
          eventId: m.eventId,
        });
      }
    }
    if (moved.length > 0) {
      log.warn(
        {
          slot: this.slot,
          count: moved.length,
          codes,
          events: moved.slice(0, 20).map((m) => {
            const row = byPosition.get(m.position);
            return {
              eventId: m.eventId,
              eventType: row?.eventType,
              topic: row?.topic,
              position: m.position,
              code: m.reasonCode,
              reason: m.reasonMessage,
            };
          }),
        },
        'events.parked',
      );
    }
  }

  private async markCommitted(positions: number[], seconds: number): Promise<void> {
    const { options, metrics, log } = this.ctx;
    if (options.hooks.afterKafkaCommit) await options.hooks.afterKafkaCommit({ slot: this.slot, positions });
    await dbCall('marking the batch published', () =>
      markPublished(this.ctx.outbox, { schema: options.schema, positions }),
    );
    metrics.published.inc(positions.length);
    this.ctx.onPublished(positions.length);
    if (this.failedEvents.size > 0) for (const position of positions) this.failedEvents.delete(position);
    if (log.isLevelEnabled?.('debug') !== false) {
      log.debug(
        {
          slot: this.slot,
          count: positions.length,
          firstPosition: positions[0],
          lastPosition: positions[positions.length - 1],
          ms: Math.round(seconds * 1000),
        },
        'batch.committed',
      );
    }
  }

  /** Waits for the previous batch's mark; its failure fails the caller (the slot then recovers). */
  private async settleMark(): Promise<void> {
    const pending = this.pendingMark;
    if (!pending) return;
    try {
      await pending;
    } finally {
      if (this.pendingMark === pending) this.pendingMark = null;
    }
  }

  /**
   * The oldest unpublished rows of the slot (without `exclude`, the rows in flight), from the slot's floor. With
   * parked rows around the floor is not used: a retry puts rows back with their old, lower positions.
   */
  private async claim(limit: number, exclude: number[] = []): Promise<ClaimedEvent[]> {
    const { options } = this.ctx;
    const useFloor = this.parkedKeys.size === 0;
    if (!useFloor) this.floor = 0;
    // The horizon is read before the claim's snapshot is taken (the claim is the next statement).
    const horizon = useFloor
      ? await dbCall('reading the writer horizon', () =>
          writerHorizon(this.ctx.outbox, { schema: options.schema }),
        )
      : null;
    const from = this.floor;
    const rows = await dbCall('claiming a batch', () =>
      claimBatch(this.ctx.outbox, {
        schema: options.schema,
        slot: this.slot,
        slotCount: options.slotCount,
        limit,
        exclude,
        from,
      }),
    );
    if (horizon) this.advanceFloor(horizon, rows, exclude);
    return rows;
  }

  /**
   * Raises the floor after a claim read in a snapshot taken after `horizon`. Below the new floor nothing of the
   * slot can be unpublished: not a visible row (the claim returned the lowest visible one, `rows[0]`, apart from
   * the rows in flight, which count), and not a row whose transaction is still open: such a row holds its
   * bucket's lock, and its position is above the last position seen when that lock was last seen free (a
   * writer takes the lock before its row gets a position). A locked bucket never seen free keeps the floor.
   * Rows of a bucket come in position order (the bucket lock), so a row below the floor of a bucket whose later
   * rows were sent cannot exist.
   */
  private advanceFloor(horizon: WriterHorizon, rows: ClaimedEvent[], inFlight: number[]): void {
    const { slotCount } = this.ctx.options;
    const locked = new Set(horizon.lockedBuckets);
    let candidate = rows.length > 0 ? rows[0]!.position : horizon.lastPosition + 1;
    for (const position of inFlight) if (position < candidate) candidate = position;
    for (let bucket = this.slot; bucket < LOCK_BUCKETS; bucket += slotCount) {
      if (!locked.has(bucket)) {
        this.freeAt.set(bucket, horizon.lastPosition);
        continue;
      }
      const free = this.freeAt.get(bucket);
      if (free === undefined) return;
      if (free + 1 < candidate) candidate = free + 1;
    }
    if (candidate > this.floor) this.floor = candidate;
  }

  /**
   * The rows of the transaction after the one in flight: the oldest unpublished rows of the slot without the
   * in-flight ones. A failure only costs the prefetch (null: the next round claims as usual).
   */
  private async prefetch(inFlight: number[]): Promise<ClaimedEvent[] | null> {
    if (this.stopRequested) return null;
    this.woken = false;
    try {
      const next = await this.claim(this.transactionLimit, inFlight);
      return next.length > 0 ? next : null;
    } catch {
      return null;
    }
  }

  /** Failures before a transaction starts leave the producer usable: retry without re-initializing. */
  private async beforeTransaction<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const relayError = toRelayError(error, 'RELAY_DATABASE');
      preTransaction.add(relayError);
      throw relayError;
    }
  }
}
