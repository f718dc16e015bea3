import { createKafkaClient, createTopicsAndWait, toKafkaAccessError } from '@commercebridge/config';
import { type HttpServer, startHttpServer } from '@commercebridge/observability';
import { fromPg } from '@commercebridge/outbox';
import type { Catalog } from '@commercebridge/schemas';
import { context, type Span, type SpanContext, trace } from '@opentelemetry/api';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import {
  type Admin,
  type Batch,
  type EachBatchPayload,
  type Consumer as KafkaConsumer,
  type KafkaMessage,
  Partitioners,
  type Producer,
} from 'kafkajs';
import type pg from 'pg';
import { Registry } from 'prom-client';
import { backoffDelay } from './backoff.ts';
import {
  coordinatesEventId,
  DLQ_HEADERS,
  dlqTopicOf,
  headerStrings,
  INBOX_KEY_HEADER,
  isUuid,
} from './dlq-headers.ts';
import { drizzleOn, loadDrizzle } from './drizzle.ts';
import { ConsumerError, classifyFailure, type FailureClass } from './errors.ts';
import { consumerLag, topicDepth } from './lag.ts';
import { addScrapedGauges, createMetrics } from './metrics.ts';
import { type ResolvedConsumerOptions, resolveConsumerOptions } from './options.ts';
import { ConsumerProbes } from './probes.ts';
import { deleteInbox } from './sql/deleteInbox.ts';
import { insertInbox } from './sql/insertInbox.ts';
import { endSpan, parseTraceparent, startHandlerSpan, traceparentFor } from './tracing.ts';
import type {
  Consumer,
  ConsumerOptions,
  HandlerContext,
  Logger,
  TraceInfo,
  TransactionExecutor,
} from './types.ts';

type AnyHandler = (event: unknown, ctx: HandlerContext) => Promise<void>;

/** A message of a batch after decoding: handled, skipped (no handler for its type) or bound for the DLQ. */
type Prepared =
  | { kind: 'skip'; message: KafkaMessage }
  | { kind: 'undecodable'; message: KafkaMessage; failure: FailureClass }
  | {
      kind: 'event';
      message: KafkaMessage;
      type: string;
      payload: unknown;
      /** The inbox key: the event id, or for a redriven event the id of the original event. */
      inboxKey: string;
      eventId: string;
      headers: Record<string, string>;
      producer: SpanContext | undefined;
    };

interface DlqEntry {
  message: KafkaMessage;
  failure: FailureClass;
  attempts: number;
  firstFailureAt: Date;
  lastFailureAt: Date;
}

interface TransactionOutcome {
  /** Entries (from the start of the slice) whose effects are committed. */
  settled: number;
  undecodable: DlqEntry[];
  failed?: { entry: Extract<Prepared, { kind: 'event' }>; error: unknown; at: Date };
  /**
   * A transaction over several entries met a deadlock or a serialization failure: it was rolled back whole
   * (nothing settled), and its entries are to run again one transaction each.
   */
  conflict?: { error: unknown; sqlState: string };
}

/** SQLSTATEs of a transaction Postgres aborted because of concurrent transactions: deadlock, serialization. */
const CONFLICT_STATES = new Set(['40P01', '40001']);

/** The deadlock/serialization SQLSTATE of `error` or of one of its causes (an OutboxError wraps the pg error). */
function conflictState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONFLICT_STATES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failed event waiting for its next attempt (its partition is paused until `dueAt`). */
interface RetryState {
  /** Attempts made so far. */
  attempt: number;
  failure: ReturnType<typeof classifyFailure>;
  firstFailureAt: Date;
  lastFailureAt: Date;
  dueAt: number;
}

function retryKey(topic: string, partition: number, offset: string): string {
  return `${topic}/${partition}/${offset}`;
}

/** Thrown inside a batch when the consumer stops or loses the partition: the rest is left for redelivery. */
class Abandon extends Error {}

const REBALANCE_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);

/**
 * The handlers' view of one transaction's client. Before a handler's first statement it queues a savepoint
 * (pg runs queued statements in order), so a handler that does not use the transaction costs no round trip.
 * One per transaction, reset per handler: no closures are made per message on this hot path.
 */
class SavepointGuard {
  /** What handlers get as `ctx.client`. */
  readonly client: pg.PoolClient;
  /** The current handler's savepoint, once the handler used the client. */
  pending: Promise<unknown> | undefined;
  private open = false;
  private readonly raw: pg.PoolClient;

  constructor(raw: pg.PoolClient) {
    this.raw = raw;
    const guard = this;
    this.client = new Proxy(raw, {
      get(target, property) {
        if (property === 'query') {
          return function query(...args: unknown[]) {
            guard.take();
            return (target.query as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Before each handler. */
  reset(): void {
    this.pending = undefined;
  }

  private take(): void {
    if (this.pending) return;
    // Keep the previous handler's work (release) and open this handler's savepoint in one round trip.
    this.pending = this.raw.query(
      this.open ? 'release savepoint handler; savepoint handler' : 'savepoint handler',
    );
    this.pending.catch(ignore);
    this.open = true;
  }
}

/**
 * A pooled client for one transaction. While checked out, a client whose connection dies (Postgres restart,
 * terminated backend) emits 'error'; without a listener that would crash the process. The failing query
 * rejects anyway, so the listener only has to exist.
 */
async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  client.on('error', ignore);
  return client;
}

function checkin(client: pg.PoolClient, broken: boolean): void {
  // A broken client is destroyed and may still emit 'error' when its socket closes: keep the listener.
  if (!broken) client.off('error', ignore);
  client.release(broken);
}

function ignore(): void {}

/**
 * Waits until the client has processed the ReadyForQuery of its last query, which carries the transaction
 * status: pg settles a failed query on its ErrorResponse, and the ReadyForQuery may arrive in a later packet.
 * Reads pg's `readyForQuery` flag and its connection's event (pg 8); without them the COMMIT check remains.
 */
async function readyForQuery(client: pg.PoolClient): Promise<void> {
  const raw = client as unknown as {
    readyForQuery?: boolean;
    connection?: { once(event: 'readyForQuery', listener: () => void): void };
  };
  while (raw.readyForQuery === false && raw.connection) {
    await new Promise<void>((resolve) => raw.connection!.once('readyForQuery', resolve));
  }
}

/**
 * A handler that caught a database error and returned normally leaves the transaction aborted: committing it
 * would silently drop the handler's writes while recording the event as handled. Treat that as a failure.
 */
async function assertUsable(client: pg.PoolClient): Promise<void> {
  await readyForQuery(client);
  const status = (client as { getTransactionStatus?: () => string | null }).getTransactionStatus?.();
  if (status === 'E') {
    throw new ConsumerError('CONSUMER_HANDLER_FAILED', abortedMessage, { retriable: false });
  }
}

const abortedMessage =
  'the handler returned after a database error in its transaction (the transaction is aborted): rethrow it';

/**
 * COMMIT of an aborted transaction answers ROLLBACK: nothing was written, so the offsets must not move.
 * Returns false in that case. This is the safety net behind `assertUsable`: pg settles a failed query on its
 * ErrorResponse, possibly before the ReadyForQuery that updates the client's transaction status arrives, so a
 * handler that swallowed a database error is not always visible in the status right after it returns.
 */
async function commitTransaction(client: pg.PoolClient): Promise<boolean> {
  const result = await client.query('commit');
  return result.command !== 'ROLLBACK';
}

async function commitOrThrow(client: pg.PoolClient): Promise<void> {
  if (!(await commitTransaction(client))) {
    throw new ConsumerError('CONSUMER_DATABASE', 'the inbox transaction was rolled back at commit', {
      retriable: true,
    });
  }
}

/** The `ctx` of one handler run; a class so that a run allocates one object and no closures. */
class Context implements HandlerContext {
  readonly type: string;
  readonly eventId: string;
  readonly key: string | null;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Record<string, string>;
  readonly attempt: number;
  readonly client: pg.PoolClient;
  readonly trace: TraceInfo;
  private drizzleHandle: NodePgDatabase<Record<string, never>> | undefined;
  private executorHandle: TransactionExecutor | undefined;
  private logger: Logger | undefined;
  private readonly baseLog: Logger;

  constructor(
    batch: Batch,
    entry: Extract<Prepared, { kind: 'event' }>,
    client: pg.PoolClient,
    attempt: number,
    log: Logger,
    span: Span,
  ) {
    this.type = entry.type;
    this.eventId = entry.eventId;
    this.key = entry.message.key === null ? null : entry.message.key.toString('utf8');
    this.topic = batch.topic;
    this.partition = batch.partition;
    this.offset = entry.message.offset;
    this.headers = entry.headers;
    this.attempt = attempt;
    this.client = client;
    this.baseLog = log;
    this.trace = { producer: entry.producer, span, traceparent: traceparentFor(span, entry.producer) };
  }

  get db(): NodePgDatabase<Record<string, never>> {
    this.drizzleHandle ??= drizzleOn(this.client);
    return this.drizzleHandle;
  }

  get executor(): TransactionExecutor {
    this.executorHandle ??= fromPg(this.client);
    return this.executorHandle;
  }

  get log(): Logger {
    this.logger ??= this.baseLog.child({
      eventId: this.eventId,
      type: this.type,
      topic: this.topic,
      partition: this.partition,
    });
    return this.logger;
  }
}

/**
 * A read_committed consumer group whose handlers run inside a Postgres transaction together with the inbox
 * insert; Kafka offsets are committed only after that transaction commits.
 */
export function createConsumer<C extends Catalog>(options: ConsumerOptions<C>): Consumer {
  const opts: ResolvedConsumerOptions = resolveConsumerOptions(options);
  const handlers = options.handlers as unknown as Record<string, AnyHandler>;
  const { pool, codec } = options;
  const log = opts.logger.child({ component: 'consumer', groupId: opts.groupId });
  const registry = options.registry ?? new Registry();
  const metrics = createMetrics(registry);
  const tracer = options.tracer ?? trace.getTracer('@commercebridge/consumers');
  const group = opts.groupId;
  const probes = new ConsumerProbes(group, log);

  const kafka = createKafkaClient(opts.kafka, { logger: log });
  let consumer: KafkaConsumer | undefined;
  let producer: Producer | undefined;

  // Group membership as seen by GROUP_JOIN, to avoid committing for a partition this member no longer owns.
  let generation = 0;
  let assignment: Record<string, number[]> = {};
  const owns = (topic: string, partition: number) => assignment[topic]?.includes(partition) ?? false;

  // Backpressure: messages fetched and not yet settled. Above maxInFlight fetching pauses until half drain.
  let inFlight = 0;
  let pressurePaused = false;
  let userPaused = false;
  const topicList = () => opts.topics.map((topic) => ({ topic }));
  const updatePaused = () => metrics.paused.set({ group }, pressurePaused || userPaused ? 1 : 0);
  function acquire(count: number): void {
    inFlight += count;
    metrics.inFlight.set({ group }, inFlight);
    if (inFlight > opts.maxInFlight && !pressurePaused) {
      pressurePaused = true;
      consumer?.pause(topicList());
      updatePaused();
      log.debug({ inFlight, maxInFlight: opts.maxInFlight }, 'paused fetching: too many messages in flight');
    }
  }
  function release(count: number): void {
    inFlight -= count;
    metrics.inFlight.set({ group }, inFlight);
    if (pressurePaused && inFlight <= opts.maxInFlight / 2) {
      pressurePaused = false;
      if (!userPaused) consumer?.resume(topicList());
      updatePaused();
    }
  }

  async function prepare(batch: Batch, message: KafkaMessage): Promise<Prepared> {
    const headers = headerStrings(message.headers);
    const declaredType = headers['event-type'];
    // Messages of types this consumer does not handle are neither decoded nor dead-lettered.
    if (declaredType !== undefined && !handlers[declaredType]) return { kind: 'skip', message };
    if (message.value === null) {
      const failure = {
        code: 'CONSUMER_UNDECODABLE',
        retriable: false,
        message: 'message has no value (tombstone)',
      };
      return { kind: 'undecodable', message, failure };
    }
    let decoded: { type: string; payload: unknown };
    try {
      decoded = await codec.fromWire(message.value, headers);
    } catch (error) {
      // A decoder that says "retry" (registry unreachable) must not send good messages to the DLQ.
      if ((error as { retriable?: unknown }).retriable === true) throw error;
      const failure = classifyFailure(error, false);
      return {
        kind: 'undecodable',
        message,
        failure: {
          ...failure,
          code: failure.code === 'CONSUMER_HANDLER_FAILED' ? 'CONSUMER_UNDECODABLE' : failure.code,
        },
      };
    }
    if (!handlers[decoded.type]) return { kind: 'skip', message };
    const rawId = headers['event-id'];
    let eventId: string;
    if (rawId === undefined) eventId = coordinatesEventId(batch.topic, batch.partition, message.offset);
    else if (isUuid(rawId)) eventId = rawId.toLowerCase();
    else {
      const failure = {
        code: 'CONSUMER_INVALID_EVENT_ID',
        retriable: false,
        message: `header event-id is not a uuid: ${JSON.stringify(rawId)}`,
      };
      return { kind: 'undecodable', message, failure };
    }
    const inboxKeyHeader = headers[INBOX_KEY_HEADER];
    const inboxKey =
      inboxKeyHeader !== undefined && isUuid(inboxKeyHeader) ? inboxKeyHeader.toLowerCase() : eventId;
    return {
      kind: 'event',
      message,
      type: decoded.type,
      payload: decoded.payload,
      inboxKey,
      eventId,
      headers,
      producer: parseTraceparent(headers['traceparent']),
    };
  }

  async function runHandler(
    batch: Batch,
    entry: Extract<Prepared, { kind: 'event' }>,
    client: pg.PoolClient,
    attempt: number,
  ): Promise<void> {
    const handler = handlers[entry.type]!;
    const { span, ctx: otelContext } = startHandlerSpan(tracer, {
      type: entry.type,
      topic: batch.topic,
      partition: batch.partition,
      offset: entry.message.offset,
      groupId: group,
      eventId: entry.eventId,
      producer: entry.producer,
      attempt,
    });
    const handlerContext = new Context(batch, entry, client, attempt, log, span);
    const started = performance.now();
    let failure: { error: unknown } | undefined;
    try {
      // Without a tracer SDK the span is a no-op: skip making it the active one.
      await (trace.isSpanContextValid(span.spanContext())
        ? context.with(otelContext, handler, undefined, entry.payload, handlerContext)
        : handler(entry.payload, handlerContext));
    } catch (error) {
      failure = { error };
    }
    metrics.duration.observe(
      { group, topic: batch.topic, type: entry.type },
      (performance.now() - started) / 1000,
    );
    if (failure) {
      endSpan(span, failure.error);
      throw failure.error;
    }
    endSpan(span);
  }

  function countHandled(topic: string, byType: Map<string, number>): void {
    for (const [type, count] of byType) metrics.handled.inc({ group, topic, type }, count);
  }

  /**
   * One Postgres transaction over `entries`: inbox rows in one statement, then each new event's handler
   * behind a savepoint (taken only if the handler uses the transaction). When a handler fails, the committed prefix is kept and the failing entry is returned
   * so it can be retried alone; the entries after it are not touched (their inbox rows are removed again).
   */
  async function runTransaction(batch: Batch, entries: Prepared[]): Promise<TransactionOutcome> {
    const undecodable: DlqEntry[] = [];
    const client = await checkout(pool);
    let broken = false;
    try {
      // Queued back to back: pg sends the insert as soon as begin completes, without a turn of our code.
      const begun = client.query('begin');
      const events = entries.filter((e): e is Extract<Prepared, { kind: 'event' }> => e.kind === 'event');
      const inserted = insertInbox(
        client,
        opts.schema,
        group,
        batch.topic,
        batch.partition,
        events.map((e) => ({ eventId: e.inboxKey, offset: e.message.offset })),
      );
      const [, fresh] = await Promise.all([begun, inserted]);
      const handled = new Set<string>();
      let duplicates = 0;
      // Counted once committed, per type: the metric never includes work that was rolled back.
      const handledByType = new Map<string, number>();
      const guard = new SavepointGuard(client);
      for (let k = 0; k < entries.length; k++) {
        const entry = entries[k]!;
        if (entry.kind === 'skip') continue;
        if (entry.kind === 'undecodable') {
          const now = new Date();
          undecodable.push({
            message: entry.message,
            failure: entry.failure,
            attempts: 0,
            firstFailureAt: now,
            lastFailureAt: now,
          });
          continue;
        }
        if (!fresh.has(entry.inboxKey) || handled.has(entry.inboxKey)) {
          metrics.duplicates.inc({ group, topic: batch.topic });
          duplicates += 1;
          continue;
        }
        guard.reset();
        try {
          await runHandler(batch, entry, guard.client, 1);
          await guard.pending;
          if (guard.pending) await assertUsable(client);
        } catch (error) {
          const at = new Date();
          const sqlState = entries.length > 1 ? conflictState(error) : undefined;
          if (sqlState !== undefined) {
            // Other handlers of this transaction hold locks (outbox lock buckets, rows) that take part in the
            // conflict: undo the whole transaction and let the caller run the entries one by one.
            await client.query('rollback');
            return { settled: 0, undecodable: [], conflict: { error, sqlState } };
          }
          // Without a savepoint the handler sent nothing: there is nothing of it to undo.
          if (guard.pending) await client.query('rollback to savepoint handler');
          const notHandled = entries
            .slice(k)
            .filter(
              (e): e is Extract<Prepared, { kind: 'event' }> =>
                e.kind === 'event' && fresh.has(e.inboxKey) && !handled.has(e.inboxKey),
            )
            .map((e) => e.inboxKey);
          await deleteInbox(client, opts.schema, group, [...new Set(notHandled)]);
          await commitOrThrow(client);
          countHandled(batch.topic, handledByType);
          return { settled: k, undecodable, failed: { entry, error, at } };
        }
        handled.add(entry.inboxKey);
        handledByType.set(entry.type, (handledByType.get(entry.type) ?? 0) + 1);
      }
      await commitOrThrow(client);
      countHandled(batch.topic, handledByType);
      if (duplicates > 0) {
        // Normal after a crash or a rebalance: the previous owner handled them but had not committed offsets.
        log.info(
          {
            topic: batch.topic,
            partition: batch.partition,
            count: duplicates,
            firstOffset: entries[0]?.message.offset,
          },
          'skipped events already in the inbox',
        );
      }
      return { settled: entries.length, undecodable };
    } catch (error) {
      const sqlState = entries.length > 1 ? conflictState(error) : undefined;
      // A serializable transaction may fail at COMMIT: the connection is fine, the entries run again alone.
      if (
        sqlState !== undefined &&
        (client as { getTransactionStatus?: () => string | null }).getTransactionStatus?.() !== null
      ) {
        await client.query('rollback').catch(() => {});
        return { settled: 0, undecodable: [], conflict: { error, sqlState } };
      }
      broken = true;
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      checkin(client, broken);
    }
  }

  async function sendToDlq(topic: string, partition: number, entries: DlqEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await producer!.send({
      topic: dlqTopicOf(topic),
      acks: -1,
      messages: entries.map((e) => ({
        key: e.message.key,
        value: e.message.value,
        headers: {
          ...e.message.headers,
          [DLQ_HEADERS.errorCode]: e.failure.code,
          [DLQ_HEADERS.errorMessage]: e.failure.message.slice(0, 4000),
          [DLQ_HEADERS.errorRetriable]: String(e.failure.retriable),
          [DLQ_HEADERS.attempts]: String(e.attempts),
          [DLQ_HEADERS.originalTopic]: topic,
          [DLQ_HEADERS.originalPartition]: String(partition),
          [DLQ_HEADERS.originalOffset]: e.message.offset,
          [DLQ_HEADERS.originalTimestamp]: e.message.timestamp,
          [DLQ_HEADERS.consumerGroup]: group,
          [DLQ_HEADERS.firstFailureAt]: e.firstFailureAt.toISOString(),
          [DLQ_HEADERS.lastFailureAt]: e.lastFailureAt.toISOString(),
        },
      })),
    });
    for (const e of entries) {
      metrics.dlq.inc({ group, topic, code: e.failure.code });
      log.warn(
        {
          topic,
          partition,
          offset: e.message.offset,
          code: e.failure.code,
          error: e.failure.message,
          attempts: e.attempts,
        },
        'message sent to the DLQ',
      );
    }
  }

  /**
   * A failed event's next step: the DLQ when its error is fatal or its attempts ran out ('settled'), else a
   * retry after a backoff ('deferred'). A deferred retry pauses this partition only and returns from the batch
   * with the failed offset unresolved, so kafkajs fetches it again after the resume: other partitions keep
   * flowing meanwhile (kafkajs fetches one broker at a time and waits for every batch of a fetch).
   */
  async function afterFailure(
    payload: EachBatchPayload,
    entry: Extract<Prepared, { kind: 'event' }>,
    state: RetryState,
  ): Promise<'settled' | 'deferred'> {
    const { batch } = payload;
    const key = retryKey(batch.topic, batch.partition, entry.message.offset);
    log.warn(
      {
        eventId: entry.eventId,
        type: entry.type,
        attempt: state.attempt,
        code: state.failure.code,
        retriable: state.failure.retriable,
        error: state.failure.message,
      },
      'handler failed',
    );
    if (!state.failure.retriable || state.attempt >= opts.maxAttempts) {
      pendingRetries.delete(key);
      await sendToDlq(batch.topic, batch.partition, [
        {
          message: entry.message,
          failure: state.failure,
          attempts: state.attempt,
          firstFailureAt: state.firstFailureAt,
          lastFailureAt: state.lastFailureAt,
        },
      ]);
      return 'settled';
    }
    metrics.retries.inc({ group, topic: batch.topic, type: entry.type });
    state.dueAt = Date.now() + backoffDelay(state.attempt, opts.initialDelayMs, opts.maxDelayMs);
    pendingRetries.set(key, state);
    deferUntilDue(payload, state);
    return 'deferred';
  }

  function deferUntilDue(payload: EachBatchPayload, state: RetryState): void {
    const resume = payload.pause();
    setTimeout(resume, Math.max(0, state.dueAt - Date.now())).unref();
  }

  /**
   * The next attempt of a deferred event, alone, in its own transaction: 'handled' (or a duplicate), else the
   * failure is recorded in `state`.
   */
  async function attemptAlone(
    batch: Batch,
    entry: Extract<Prepared, { kind: 'event' }>,
    state: RetryState,
  ): Promise<'handled' | 'failed'> {
    state.attempt += 1;
    const attempt = state.attempt;
    const fail = (error: unknown): 'failed' => {
      state.failure = classifyFailure(error, opts.retryUnknownErrors);
      state.lastFailureAt = new Date();
      return 'failed';
    };
    const client = await checkout(pool);
    let broken = false;
    try {
      await client.query('begin');
      const fresh = await insertInbox(client, opts.schema, group, batch.topic, batch.partition, [
        { eventId: entry.inboxKey, offset: entry.message.offset },
      ]);
      if (!fresh.has(entry.inboxKey)) {
        await client.query('commit');
        metrics.duplicates.inc({ group, topic: batch.topic });
        return 'handled';
      }
      try {
        await runHandler(batch, entry, client, attempt);
        await assertUsable(client);
      } catch (error) {
        await client.query('rollback');
        return fail(error);
      }
      if (!(await commitTransaction(client))) {
        // The handler swallowed a database error that the status check could not see yet.
        return fail(new ConsumerError('CONSUMER_HANDLER_FAILED', abortedMessage, { retriable: false }));
      }
      metrics.handled.inc({ group, topic: batch.topic, type: entry.type });
      return 'handled';
    } catch (error) {
      broken = true;
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      checkin(client, broken);
    }
  }

  /**
   * Offset commits of one batch, in order, off the critical path: the next chunk's transaction starts while
   * the previous chunk's offsets travel to Kafka (both chunks are already committed in Postgres).
   */
  function offsetCommitter(payload: EachBatchPayload, joinedGeneration: number) {
    const { batch } = payload;
    let chain: Promise<void> = Promise.resolve();
    let failure: { error: unknown } | undefined;
    const send = async (next: string) => {
      try {
        await payload.commitOffsetsIfNecessary({
          topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
        });
      } catch (error) {
        if (REBALANCE_ERRORS.has((error as { type?: string }).type ?? '')) {
          log.info(
            {
              topic: batch.topic,
              partition: batch.partition,
              type: (error as { type?: string }).type,
            },
            'offset commit refused during a rebalance; the inbox makes the redelivery harmless',
          );
        }
        throw error;
      }
    };
    return {
      /** Resolves the partition up to and including `message` (its transaction committed) and queues the commit. */
      commitThrough(message: KafkaMessage): void {
        if (failure) throw failure.error;
        if (generation !== joinedGeneration && !owns(batch.topic, batch.partition)) {
          // Revoked while we worked: the new owner starts at the last committed offset; its inbox skips ours.
          log.info(
            {
              topic: batch.topic,
              partition: batch.partition,
            },
            'partition revoked during a batch; leaving its offsets to the new owner',
          );
          throw new Abandon();
        }
        const isLast = message === batch.messages[batch.messages.length - 1];
        // After the last message, skip the transaction marker that follows it (kafkajs' batch.lastOffset()).
        const next = (BigInt(isLast ? batch.lastOffset() : message.offset) + 1n).toString();
        payload.resolveOffset(message.offset);
        chain = chain
          .then(() => (failure ? undefined : send(next)))
          .catch((error: unknown) => {
            failure ??= { error };
          });
      },
      /** Waits for the queued commits; throws the first failure. */
      async flush(): Promise<void> {
        await chain;
        if (failure) throw failure.error;
      },
      settled: () => chain,
    };
  }

  // Failed events whose next attempt waits for a backoff, by topic/partition/offset (this member only: after a
  // rebalance the new owner starts the attempts again).
  const pendingRetries = new Map<string, RetryState>();

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const joinedGeneration = generation;
    const messages = batch.messages;
    const offsets = offsetCommitter(payload, joinedGeneration);
    let outstanding = messages.length;
    acquire(outstanding);
    try {
      const decode = (from: number) => {
        const decoding = Promise.all(
          messages.slice(from, from + opts.maxBatchSize).map((m) => prepare(batch, m)),
        );
        decoding.catch(() => {}); // awaited below when used; never left unhandled if we stop early
        return decoding;
      };
      let next = decode(0);
      for (let i = 0; i < messages.length; ) {
        // Stopping or seeking: commit what is done, leave the rest for redelivery.
        if (!payload.isRunning() || payload.isStale()) break;
        const chunk = messages.slice(i, i + opts.maxBatchSize);
        const prepared = await next;
        // Decode the next chunk while Postgres works on this one.
        if (i + chunk.length < messages.length) next = decode(i + chunk.length);
        let start = 0;
        let deferred = false;
        // After a deadlock or serialization failure of a chunk's transaction: entries left to run one per transaction.
        let alone = 0;
        while (start < prepared.length) {
          const head = prepared[start]!;
          const pending = pendingRetries.get(retryKey(batch.topic, batch.partition, head.message.offset));
          if (pending && head.kind === 'event') {
            // A deferred event, fetched again: not due yet (the partition was resumed by someone else) waits
            // again; else its next attempt runs alone.
            if (pending.dueAt > Date.now()) {
              deferUntilDue(payload, pending);
              deferred = true;
              break;
            }
            const result = await attemptAlone(batch, head, pending);
            if (result === 'failed' && (await afterFailure(payload, head, pending)) === 'deferred') {
              deferred = true;
              break;
            }
            pendingRetries.delete(retryKey(batch.topic, batch.partition, head.message.offset));
            offsets.commitThrough(head.message);
            start += 1;
            continue;
          }
          const outcome = await runTransaction(
            batch,
            prepared.slice(start, alone > 0 ? start + 1 : undefined),
          );
          if (outcome.conflict) {
            // Not a handler failure: no attempt is counted. The inbox keeps the rerun exactly once.
            alone = prepared.length - start;
            log.warn(
              {
                topic: batch.topic,
                partition: batch.partition,
                count: alone,
                firstOffset: prepared[start]!.message.offset,
                sqlState: outcome.conflict.sqlState,
                error: (outcome.conflict.error as Error)?.message ?? String(outcome.conflict.error),
              },
              'batch transaction aborted by a deadlock or serialization failure; running its messages one transaction each',
            );
            continue;
          }
          alone = Math.max(0, alone - outcome.settled - (outcome.failed ? 1 : 0));
          // The DLQ entries are written before the offsets that pass them are committed: at least once.
          await sendToDlq(batch.topic, batch.partition, outcome.undecodable);
          if (outcome.settled > 0) {
            const last = prepared[start + outcome.settled - 1]!.message;
            await options.hooks?.afterTransactionCommit?.({
              topic: batch.topic,
              partition: batch.partition,
              lastOffset: last.offset,
            });
            offsets.commitThrough(last);
          }
          start += outcome.settled;
          if (outcome.failed) {
            const { entry, error, at } = outcome.failed;
            const state: RetryState = {
              attempt: 1,
              failure: classifyFailure(error, opts.retryUnknownErrors),
              firstFailureAt: at,
              lastFailureAt: at,
              dueAt: 0,
            };
            if ((await afterFailure(payload, entry, state)) === 'deferred') {
              deferred = true;
              break;
            }
            offsets.commitThrough(entry.message);
            start += 1;
          }
        }
        if (deferred) break;
        i += chunk.length;
        release(chunk.length);
        outstanding -= chunk.length;
        await payload.heartbeat();
      }
      await offsets.flush();
    } catch (error) {
      // Commits already queued are for transactions that committed: let them finish either way.
      await offsets.settled();
      if (error instanceof Abandon) return;
      throw error;
    } finally {
      release(outstanding);
    }
  }

  let running = false;
  let http: HttpServer | null = null;
  let scrapeAdmin: Promise<Admin> | undefined;
  let removeScrapedGauges: (() => void) | undefined;

  /** The admin client of the scrape-time reads: connected on the first scrape, kept until stop(). */
  function scrapeAdminClient(): Promise<Admin> {
    if (!scrapeAdmin) {
      const client = kafka.admin();
      const connecting = client.connect().then(
        () => client,
        async (error: unknown) => {
          await client.disconnect().catch(() => {});
          throw error;
        },
      );
      scrapeAdmin = connecting;
      connecting.catch(() => {
        if (scrapeAdmin === connecting) scrapeAdmin = undefined;
      });
    }
    return scrapeAdmin;
  }

  /** The scraped gauges and the HTTP server of one start, from its beginning: /readyz says 503 until joined. */
  async function openEndpoints(): Promise<void> {
    removeScrapedGauges = addScrapedGauges(registry, group, {
      readLag: async () =>
        consumer ? consumerLag(await scrapeAdminClient(), group, { topics: opts.topics }) : undefined,
      readDlqDepth: async () => {
        if (!consumer) return undefined;
        const admin = await scrapeAdminClient();
        const existing = new Set(await admin.listTopics());
        const dlqTopics = [...new Set(opts.topics.map(dlqTopicOf))].filter((t) => existing.has(t)).sort();
        return Promise.all(dlqTopics.map((topic) => topicDepth(admin, topic)));
      },
      readFailed: (source, error) =>
        log.warn(
          {
            source,
            error: (error as Error)?.message ?? String(error),
          },
          'metrics read failed; its gauges are left out of scrapes until it works again',
        ),
      readRecovered: (source) => log.info({ source }, 'metrics read works again'),
    });
    if (opts.httpPort !== null) {
      http = await startHttpServer(opts.httpPort, {
        registry,
        health: () => probes.health(),
        readiness: () => probes.readiness(),
      });
      log.info({ port: http.port }, 'consumer http server listening');
    }
  }

  async function closeEndpoints(): Promise<void> {
    removeScrapedGauges?.();
    removeScrapedGauges = undefined;
    const server = http;
    http = null;
    await server?.close();
    const admin = scrapeAdmin;
    scrapeAdmin = undefined;
    await (await admin?.catch(() => undefined))?.disconnect().catch(() => {});
  }

  /** Leaves the group and disconnects everything start() connected. */
  async function shutdown(): Promise<void> {
    probes.stopped();
    const current = consumer;
    // kafkajs waits for the batch in hand (we stop between chunks), then leaves the group.
    await current?.disconnect();
    await producer?.disconnect();
    if (consumer === current) consumer = undefined;
    producer = undefined;
    running = false;
    await closeEndpoints();
  }

  /** Connects the DLQ producer, creates missing DLQ topics, joins the group and starts the consume loop. */
  async function connectAndJoin(): Promise<void> {
    await loadDrizzle();
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    if (opts.createDlqTopics) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        const missing = opts.topics.map(dlqTopicOf).filter((t) => !existing.has(t));
        await createTopicsAndWait(
          admin,
          missing.map((topic) => ({ topic, numPartitions: opts.dlqPartitions })),
        );
      } finally {
        await admin.disconnect();
      }
    }
    const created = kafka.consumer({
      groupId: group,
      sessionTimeout: opts.sessionTimeoutMs,
      heartbeatInterval: Math.min(3000, Math.floor(opts.sessionTimeoutMs / 3)),
      readUncommitted: false,
      // A fetch with no data waits this long; stop() waits for it, so keep it short.
      maxWaitTimeInMs: opts.maxWaitTimeMs,
    });
    consumer = created;
    probes.watch(created);
    const joined = new Promise<void>((resolve, reject) => {
      created.on(created.events.GROUP_JOIN, (event) => {
        generation += 1;
        assignment = event.payload.memberAssignment as Record<string, number[]>;
        resolve();
      });
      created.on(created.events.CRASH, (event) => {
        if (!event.payload.restart) reject(event.payload.error);
      });
    });
    await created.connect();
    await created.subscribe({ topics: opts.topics, fromBeginning: opts.fromBeginning });
    await created.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: opts.partitionsConsumedConcurrently,
      eachBatch,
    });
    running = true;
    await joined;
  }

  return {
    metrics: registry,
    get httpPort() {
      return http?.port ?? null;
    },
    readiness: () => probes.readiness(),
    health: () => probes.health(),
    async start() {
      if (running || removeScrapedGauges) return;
      try {
        await openEndpoints();
        await connectAndJoin();
      } catch (error) {
        await shutdown().catch(() => {});
        // A refused login, an untrusted CA or a missing ACL (the DLQ producer's WRITE, the group's READ).
        throw toKafkaAccessError(error, opts.kafka, `starting the consumer of group "${group}"`) ?? error;
      }
      log.info({ topics: opts.topics, assignment }, 'consumer started');
    },
    async stop() {
      await shutdown();
    },
    pause() {
      userPaused = true;
      consumer?.pause(topicList());
      updatePaused();
    },
    resume() {
      userPaused = false;
      if (!pressurePaused) consumer?.resume(topicList());
      updatePaused();
    },
  };
}
