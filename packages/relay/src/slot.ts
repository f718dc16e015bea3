import { performance } from 'node:perf_hooks';
import type { CompressionTypes, Kafka, Message, Producer } from 'kafkajs';
import type pg from 'pg';
import type { ResolvedOptions } from './config.ts';
import { isFencedError, messageOf, RelayError, toRelayError } from './errors.ts';
import { decodeStateRecord, encodeStateRecord, readLastStateRecord } from './kafka/stateReader.ts';
import type { TopicChecker } from './kafka/topics.ts';
import type { Logger } from './log.ts';
import type { RelayMetrics } from './metrics.ts';
import { type ClaimedEvent, claimBatch, type Executor, markPublished } from './outbox.ts';
import { renewLeases } from './sql/renewLeases.ts';
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
}

export type SlotEnd = { reason: 'stopped' } | { reason: 'lost'; lost: 'lease_lost' | 'fenced' };

const BACKOFF_MIN_MS = 100;

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

  constructor(
    private readonly ctx: SlotContext,
    readonly slot: number,
  ) {
    this.transactional = ctx.options.delivery === 'exactly-once';
    this.done = this.run();
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

  private async backoff(): Promise<void> {
    const ms = Math.round(this.backoffMs * (0.5 + Math.random() / 2));
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    // A backoff is not cut short by NOTIFY wake-ups, only by stop().
    if (this.stopRequested) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      const check = setInterval(() => this.stopRequested && finish(), 50);
      function finish() {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
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
            this.backoffMs = BACKOFF_MIN_MS;
          }
          const result = await this.publishOnce();
          if (result === 'idle') await this.sleep(this.ctx.options.pollIntervalMs);
          else this.backoffMs = BACKOFF_MIN_MS;
        } catch (caught) {
          this.prefetched = null;
          const error = toRelayError(caught);
          this.ctx.metrics.errors.inc({ code: error.code });
          const lost = await this.classifyLoss(error);
          if (lost) {
            log.warn('slot.lost', { slot: this.slot, reason: lost, error: messageOf(error) });
            return { reason: 'lost', lost };
          }
          log.warn('batch.failed', {
            slot: this.slot,
            code: error.code,
            error: messageOf(error),
            cause: error.cause === undefined ? undefined : messageOf(error.cause),
            retriable: error.retriable,
          });
          if (!preTransaction.has(error)) {
            // The producer's state (open transaction, unknown commit outcome) is not trusted any more.
            await this.closeProducer();
            acquired = false;
            // Recovery (after re-acquiring) marks the last committed batch from its state record. Before a
            // transaction, by contrast, the pending mark is kept: the next claim waits for it.
            this.pendingMark = null;
          }
          await this.backoff();
        }
      }
      // Stopping: the last batch is finished, i.e. marked too.
      await this.settleMark().catch(() => {});
      return { reason: 'stopped' };
    } finally {
      await this.closeProducer();
    }
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
      const record = last ? decodeStateRecord(last.value, this.slot) : null;
      let marked = 0;
      if (record && record.positions.length > 0) {
        const positions = record.positions;
        marked = await dbCall('marking recovered rows', () =>
          markPublished(this.ctx.outbox, { schema: options.schema, positions }),
        );
      }
      log.info('slot.recovered', {
        slot: this.slot,
        marked,
        stateOffset: last?.offset ?? null,
        positions: record?.positions.length ?? 0,
      });
    } else {
      const producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: options.maxInFlight,
        retry: PRODUCER_RETRY,
      });
      this.producer = producer;
      await withTimeout(producer.connect(), Math.max(timeout, 10_000), 'producer connect');
      log.info('slot.recovered', { slot: this.slot, marked: 0, delivery: 'at-least-once' });
    }
  }

  private async publishOnce(): Promise<'idle' | 'published'> {
    const { options, topics, metrics } = this.ctx;
    let rows = this.prefetched;
    this.prefetched = null;
    if (!rows) {
      // A fresh claim must not see the previous batch as unpublished.
      await this.settleMark();
      // A NOTIFY arriving from here on makes the next sleep return at once.
      this.woken = false;
      rows = await this.beforeTransaction(() => this.claim(options.batchSize));
    }
    if (rows.length === 0) return 'idle';
    const byTopic = await this.beforeTransaction(async () => {
      await topics.ensure(new Set(rows.map((row) => row.topic)));
      return this.encodeAll(rows);
    });
    const positions = rows.map((row) => row.position);
    const producer = this.producer;
    if (!producer)
      throw new RelayError('RELAY_STOPPED', `slot ${this.slot} has no producer`, { retriable: true });
    const started = performance.now();
    if (this.transactional) {
      const stateRecord: Message = {
        key: String(this.slot),
        partition: this.slot,
        value: encodeStateRecord({
          v: 1,
          slot: this.slot,
          slotCount: options.slotCount,
          relayId: options.relayId,
          positions,
        }),
      };
      const tx = await producer.transaction();
      try {
        // The lease is checked before the commit (concurrently with the send, which it does not depend on): a
        // relay that lost its slot (frozen past its lease) stops here; one that froze after this check is
        // fenced by the new owner's initTransactions.
        const send = withTimeout(
          tx.sendBatch({
            acks: -1,
            compression: this.ctx.compression,
            timeout: options.batchTimeoutMs,
            topicMessages: [...byTopic, { topic: options.stateTopic, messages: [stateRecord] }],
          }),
          options.batchTimeoutMs,
          'sending the batch',
        );
        const lease = this.requireLease('before commit', true);
        lease.catch(() => {});
        // The previous batch's mark runs while this batch is sent; then the next batch is read while this one
        // is sent and committed. Reading before this batch's mark is safe: its positions are left out, and
        // within a lock bucket no later commit can take a lower position.
        const marked = this.settleMark();
        marked.catch(() => {});
        const next = marked.then(() => this.prefetch(positions));
        next.catch(() => {});
        await send;
        await lease;
        // The previous batch is marked before this one commits: this commit's state record replaces the
        // previous one, and recovery reads only the last.
        await marked;
        if (options.hooks.beforeKafkaCommit)
          await options.hooks.beforeKafkaCommit({ slot: this.slot, positions });
        await withTimeout(tx.commit(), options.batchTimeoutMs, 'committing the transaction');
        this.prefetched = await next;
      } catch (error) {
        if (tx.isActive()) await withTimeout(tx.abort(), 5000, 'abort').catch(() => {});
        throw isFencedError(error) ? toRelayError(error) : error;
      }
    } else {
      const next = this.settleMark().then(() => this.prefetch(positions));
      next.catch(() => {});
      await withTimeout(
        producer.sendBatch({
          acks: -1,
          compression: this.ctx.compression,
          timeout: options.batchTimeoutMs,
          topicMessages: byTopic,
        }),
        options.batchTimeoutMs,
        'sending the batch',
      );
      this.prefetched = await next;
    }
    const seconds = (performance.now() - started) / 1000;
    metrics.transactionSeconds.observe(seconds);
    metrics.batchSize.observe(rows.length);
    // Marked in the background, overlapping the next batch's send; awaited before that batch commits.
    const mark = this.markCommitted(positions, seconds);
    mark.catch(() => {});
    this.pendingMark = mark;
    return 'published';
  }

  private async markCommitted(positions: number[], seconds: number): Promise<void> {
    const { options, metrics, log } = this.ctx;
    if (options.hooks.afterKafkaCommit) await options.hooks.afterKafkaCommit({ slot: this.slot, positions });
    await dbCall('marking the batch published', () =>
      markPublished(this.ctx.outbox, { schema: options.schema, positions }),
    );
    metrics.published.inc(positions.length);
    this.ctx.onPublished(positions.length);
    if (log.enabled('debug')) {
      log.debug('batch.committed', {
        slot: this.slot,
        count: positions.length,
        firstPosition: positions[0],
        lastPosition: positions[positions.length - 1],
        ms: Math.round(seconds * 1000),
      });
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

  private claim(limit: number): Promise<ClaimedEvent[]> {
    const { options } = this.ctx;
    return dbCall('claiming a batch', () =>
      claimBatch(this.ctx.outbox, {
        schema: options.schema,
        slot: this.slot,
        slotCount: options.slotCount,
        limit,
      }),
    );
  }

  /**
   * The batch after the one in flight: the oldest unpublished rows of the slot without the in-flight ones.
   * A failure only costs the prefetch (null: the next round claims as usual).
   */
  private async prefetch(inFlight: number[]): Promise<ClaimedEvent[] | null> {
    if (this.stopRequested) return null;
    const skip = new Set(inFlight);
    this.woken = false;
    try {
      const rows = await this.claim(this.ctx.options.batchSize + inFlight.length);
      const next = rows.filter((row) => !skip.has(row.position)).slice(0, this.ctx.options.batchSize);
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

  private async encodeAll(rows: ClaimedEvent[]): Promise<{ topic: string; messages: Message[] }[]> {
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) {
      const { value, headers } = await this.ctx.encode(row);
      let messages = byTopic.get(row.topic);
      if (!messages) {
        messages = [];
        byTopic.set(row.topic, messages);
      }
      messages.push({ key: row.partitionKey, value, headers });
    }
    return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }
}
