/**
 * Terminology
 * - event: a fact in the log; on Kafka it travels as a *message* (value + headers, see docs/contracts.md).
 * - consumer group: the Kafka group id; it is also the inbox's namespace (`inbox.consumer_group`).
 * - inbox: one row per (consumer group, event id) handled; a redelivered event finds its row and is skipped.
 * - chunk: the messages of one Kafka batch handled in one Postgres transaction (`maxBatchSize`, or 1 in
 *   `transaction: 'message'` mode). Kafka offsets are committed only after that transaction commits.
 * - attempt: 1 for the first run of a handler for an event, +1 for each in-process retry.
 * - DLQ: `<topic>.dlq`, where a message goes when it cannot be decoded, its handler failed with a
 *   non-retriable error, or its attempts ran out. Its headers say why (`DLQ_HEADERS`).
 * - redrive: publishing a DLQ entry again, through the outbox, to its original topic.
 * - replay: moving a stopped group's offsets back to a timestamp.
 */
import type { KafkaSettings, Logger } from '@commercebridge/config';
import type { Catalog, DecodedPayload, EventType } from '@commercebridge/schemas';
import type { Span, SpanContext } from '@opentelemetry/api';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Health, Readiness } from './probes.ts';

/** The logger of @commercebridge/config (pino's argument order: `log.info({ orderId }, 'order paid')`). */
export type { Logger } from '@commercebridge/config';

/** The part of the wire codec a consumer needs (`createWireCodec(...)` from @commercebridge/schemas). */
export interface WireDecoder {
  fromWire(
    value: Buffer,
    headers: Record<string, string>,
  ): Promise<{ type: string; messageName: string; payload: unknown }>;
}

/** The Postgres executor handed to handlers: the outbox's `Executor` (`fromPg` on the transaction's client). */
export type TransactionExecutor = import('@commercebridge/outbox').Executor;

export interface TraceInfo {
  /** The producer's W3C traceparent header, when the message has one. */
  producer: SpanContext | undefined;
  /** The span of this handler run (a no-op span when no OpenTelemetry SDK is registered). */
  span: Span;
  /** traceparent to put on events published from the handler: this span's, else the producer's. */
  traceparent: string | undefined;
}

/** What a handler gets besides the event. Everything in `client`/`db`/`executor` is the inbox transaction. */
export interface HandlerContext<T extends string = string> {
  type: T;
  eventId: string;
  /** The raw Kafka key (the partition key), as a string. */
  key: string | null;
  topic: string;
  partition: number;
  offset: string;
  /** Kafka headers as strings. */
  headers: Record<string, string>;
  /** 1 on the first run, then 2, 3, ... for in-process retries. */
  attempt: number;
  /** The pg client inside the inbox transaction. Do not commit or roll back yourself. */
  client: pg.PoolClient;
  /** A Drizzle handle on the same client and transaction (created on first use; needs drizzle-orm installed). */
  readonly db: NodePgDatabase<Record<string, never>>;
  /** An outbox executor on the same transaction: `outbox.publish(ctx.executor, ...)`. */
  executor: TransactionExecutor;
  readonly log: Logger;
  trace: TraceInfo;
}

/** A handler for event type T of catalog C: `event` is the decoded message, typed from the catalog. */
export type Handler<C, T extends EventType<C>> = (
  event: DecodedPayload<C, T>,
  ctx: HandlerContext<T>,
) => Promise<void>;

/** Handlers keyed by event type; event types without a handler are skipped (their offsets still advance). */
export type Handlers<C> = { [T in EventType<C>]?: Handler<C, T> };

export interface RetryOptions {
  /** Runs of a handler for one event, including the first. (Default: 5) */
  maxAttempts?: number;
  /** Delay before the first retry, in ms; doubles each retry, with jitter. (Default: 100) */
  initialDelayMs?: number;
  /** Upper bound of one delay, in ms. (Default: 5000) */
  maxDelayMs?: number;
}

export interface ConsumerOptions<C extends Catalog> {
  catalog: C;
  groupId: string;
  handlers: Handlers<C>;
  /** Postgres pool; it needs at least `partitionsConsumedConcurrently` connections. */
  pool: pg.Pool;
  codec: WireDecoder;
  /**
   * Kafka connection (TLS, SASL): the same settings as every factory; `consumerOptionsFromEnv(process.env)`
   * reads them from KAFKA_*. Required, unless the older `brokers` is given.
   */
  kafka?: KafkaSettings;
  /** Kafka brokers, `host:port` list (the older spelling of `kafka.brokers`). */
  brokers?: string[];
  /** Topics to subscribe; (Default: the catalog topics of the event types that have a handler) */
  topics?: string[];
  /** Postgres schema of the inbox table. (Default: 'commercebridge') */
  schema?: string;
  /** (Default: `kafka.clientId`, else 'commercebridge') */
  clientId?: string;
  /**
   * One Postgres transaction per chunk of a batch, or per message. (Default: 'batch') A chunk's transaction
   * aborted by a deadlock or serialization failure (SQLSTATE 40P01, 40001) runs again one message per
   * transaction, without counting an attempt.
   */
  transaction?: 'batch' | 'message';
  /** Messages per Postgres transaction in batch mode. (Default: 100) */
  maxBatchSize?: number;
  /** Partitions processed at the same time (kafkajs `partitionsConsumedConcurrently`). (Default: 1) */
  partitionsConsumedConcurrently?: number;
  /** Messages being processed across partitions above which fetching pauses. (Default: 1000) */
  maxInFlight?: number;
  retry?: RetryOptions;
  /**
   * Whether errors that carry no `retriable` flag (and are not classified Postgres errors) are retried.
   * (Default: true; attempts are bounded, so an unknown bug ends in the DLQ after `maxAttempts`.)
   */
  retryUnknownErrors?: boolean;
  /** Create `<topic>.dlq` at start when it is missing. (Default: true) */
  createDlqTopics?: boolean;
  /** Partitions of a DLQ topic created at start. (Default: 1) */
  dlqPartitions?: number;
  /** Where to start when the group has no committed offset. (Default: true, the earliest offset) */
  fromBeginning?: boolean;
  /** Kafka session timeout; a killed member's partitions move after it. (Default: 30000) */
  sessionTimeoutMs?: number;
  /** Longest wait of a fetch that finds no data (kafkajs maxWaitTimeInMs); stop() waits for it. (Default: 500) */
  maxWaitTimeMs?: number;
  /**
   * Where the consumer logs; lines are bound to `{ component: 'consumer', groupId }`, kafkajs's own log goes
   * through it too. (Default: createLogger() of @commercebridge/config: JSON lines on stdout from level info)
   */
  logger?: Logger;
  /** prom-client registry for the metrics. (Default: a new Registry, at `consumer.metrics`) */
  registry?: import('prom-client').Registry;
  /**
   * Port of the HTTP server of /metrics (the registry), /healthz and /readyz, listening from `start()` to
   * `stop()`; 0 picks a free port (read it from `consumer.httpPort`); null serves nothing. (Default: null)
   */
  httpPort?: number | null;
  /**
   * Test hooks. `afterTransactionCommit` runs after a Postgres transaction committed and before its offsets
   * are committed to Kafka: crash tests widen that window with it to prove redeliveries are skipped.
   */
  hooks?: {
    afterTransactionCommit?: (info: {
      topic: string;
      partition: number;
      lastOffset: string;
    }) => Promise<void>;
  };
  /** OpenTelemetry tracer. (Default: `trace.getTracer('@commercebridge/consumers')`) */
  tracer?: import('@opentelemetry/api').Tracer;
}

export interface Consumer {
  /** Connects, creates missing DLQ topics, joins the group and starts handling. Resolves once running. */
  start(): Promise<void>;
  /** Finishes the batch in hand, commits, leaves the group, disconnects. */
  stop(): Promise<void>;
  /** Stops fetching (the batch in hand completes). */
  pause(): void;
  resume(): void;
  readonly metrics: import('prom-client').Registry;
  /** Port of the HTTP server while it listens (between `start()` and `stop()`, with `httpPort` set), else null. */
  readonly httpPort: number | null;
  /** What /readyz answers: joined the group and fetched since, with the member id and assigned partitions. */
  readiness(): Readiness;
  /** What /healthz answers: false after a crash the consumer does not restart from. */
  health(): Health;
}
