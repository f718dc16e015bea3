// The logs module: structured log entries on the logs topic. Written through the outbox when the caller
// gives a transaction (the entry exists iff that transaction commits), else batched and produced directly by
// an idempotent producer, which is what high-volume logging needs (no Postgres write per line). A projection
// (createConsumer, inbox-deduplicated) keeps recent entries in Postgres for queries and aggregates.
import { hostname } from 'node:os';
import { compressionType, createKafkaClient, createLogger } from '@commercebridge/config';
import type { Consumer, Logger } from '@commercebridge/consumers';
import { createConsumer } from '@commercebridge/consumers';
import { createOutbox, type Outbox, type Transaction } from '@commercebridge/outbox';
import { encodeEvent } from '@commercebridge/schemas';
import type { Producer } from 'kafkajs';
import type pg from 'pg';
import type { ModulesConfig } from './config.ts';
import { databaseError, ModuleError } from './errors.ts';
import { directMessage } from './kafka.ts';
import { type LiveSubscription, liveSubscription } from './live.ts';
import { q } from './sql.ts';
import { MODULE_RETENTION_MS, type ModuleCatalog } from './topics.ts';
import { inTransaction } from './tx.ts';
import { moduleCodec } from './wire.ts';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Rank of a level: the Protobuf LogLevel enum value (trace = 1 ... fatal = 6). */
export function levelRank(level: LogLevelName): number {
  return LOG_LEVELS.indexOf(level) + 1;
}

export interface LogInput {
  level: LogLevelName;
  message: string;
  /** Values that are not strings are JSON-encoded (the wire format keeps flat string values). */
  metadata?: Record<string, unknown>;
  /** (Default: the module's service) */
  service?: string;
  /** e.g. "system", "error", "performance", "audit". */
  category?: string;
  errorStack?: string;
}

export interface LogRecord {
  eventId: string;
  time: Date;
  level: LogLevelName;
  service: string;
  category: string;
  host: string;
  message: string;
  metadata: Record<string, string>;
}

export interface LogsOptions {
  config: ModulesConfig;
  catalog: ModuleCatalog;
  /** Needed for the projection, queries, aggregates and writes in a transaction. */
  pool?: pg.Pool;
  /** (Default: 'commercebridge') */
  schema?: string;
  /** Service name of entries written without one. (Default: 'app') */
  service?: string;
  /** Longest time an entry waits in the write buffer before it is sent. (Default: min(50, KAFKA_BATCH_TIMEOUT_MS)) */
  lingerMs?: number;
  /** Projection rows older than this are deleted by the projection. (Default: 7 days, the topic's retention) */
  retentionMs?: number;
  /**
   * Who keeps `<schema>.module_logs`, which `queryRecent` and `aggregate` read: `on`, this module's
   * `startProjection()` (until it runs, the queries throw MODULE_NO_PROJECTION); `external`, another process's
   * (the queries read the table); `off`, nobody (the queries throw MODULE_NO_PROJECTION). (Default: 'on')
   */
  projection?: LogsProjectionMode;
  /** Where the module logs (not the entries it ships), bound to `{ component: 'logs' }`. (Default: createLogger() of @commercebridge/config) */
  logger?: Logger;
}

export type LogsProjectionMode = 'on' | 'off' | 'external';

export interface LogFilter {
  /** Minimum level: 'warn' matches warn, error and fatal. */
  level?: LogLevelName;
  service?: string;
}

export interface QueryOptions extends LogFilter {
  /** (Default: 100, at most 10000) */
  limit?: number;
  /** Only entries at or after this time. */
  since?: Date;
  /**
   * Longest wait for the entries this module wrote (awaited `writeLog` without `tx`) to reach the projection
   * before the query runs; the query then runs either way. 0: no wait. (Default: KAFKA_BATCH_TIMEOUT_MS)
   */
  waitMs?: number;
}

/** Entries written by this module that the projection has not been seen to store yet (bounded). */
const MAX_UNSEEN = 1000;

export interface AggregateBucket {
  bucket: Date;
  level: LogLevelName;
  service: string;
  count: number;
}

export type LogsModule = ReturnType<typeof createLogs>;

interface Pending {
  eventId: string;
  value: Buffer;
  headers: Record<string, string>;
  key: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function flatMetadata(metadata: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata ?? {})) {
    if (value === undefined) continue;
    out[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

interface LogRow {
  event_id: string;
  logged_at: Date;
  level: LogLevelName;
  service: string;
  category: string;
  host: string;
  message: string;
  metadata: Record<string, string>;
}

function toRecord(row: LogRow): LogRecord {
  return {
    eventId: row.event_id,
    time: row.logged_at,
    level: row.level,
    service: row.service,
    category: row.category,
    host: row.host,
    message: row.message,
    metadata: row.metadata,
  };
}

/** A decoded LogEntry as a record (time from its timestamp field). */
function recordOf(payload: unknown, eventId: string): LogRecord {
  const p = payload as {
    level?: number;
    message?: string;
    service?: string;
    category?: string;
    host?: string;
    timestamp?: string;
    metadata?: Record<string, string>;
  };
  const level = LOG_LEVELS[(p.level ?? 3) - 1] ?? 'info';
  return {
    eventId,
    time: p.timestamp ? new Date(p.timestamp) : new Date(),
    level,
    service: p.service ?? '',
    category: p.category ?? '',
    host: p.host ?? '',
    message: p.message ?? '',
    metadata: { ...(p.metadata ?? {}) },
  };
}

/** The logs module (`bridge.integrations.kafka.module_logs`). */
export function createLogs(options: LogsOptions) {
  const { config, catalog, pool } = options;
  const schema = options.schema ?? 'commercebridge';
  const s = q(schema);
  const topic = catalog.events['log.written'].topic;
  const defaultService = options.service ?? 'app';
  const lingerMs = options.lingerMs ?? Math.min(50, config.batchTimeoutMs);
  const retentionMs = options.retentionMs ?? MODULE_RETENTION_MS.logs;
  const host = hostname();
  const outbox: Outbox<ModuleCatalog> = createOutbox({ catalog, schema, notify: true });
  const codec = moduleCodec(catalog);
  const logger = (options.logger ?? createLogger()).child({ component: 'logs' });
  const kafka = createKafkaClient(config.kafka, { logger });
  const compression = compressionType(config.compression);

  let producer: Producer | undefined;
  let connecting: Promise<Producer> | undefined;
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;
  const subscriptions = new Set<LiveSubscription>();
  let projection: Consumer | undefined;
  let cleanupTimer: NodeJS.Timeout | undefined;
  const projectionMode: LogsProjectionMode = options.projection ?? 'on';
  // Event ids of direct writes Kafka acknowledged, not yet seen in the projection's table (read your writes).
  let unseen: string[] = [];

  const requirePool = (operation: string): pg.Pool => {
    if (!pool) throw new ModuleError('MODULE_NOT_STARTED', `${operation} needs the logs module's pool`);
    return pool;
  };

  function entryOf(input: LogInput) {
    if (!LOG_LEVELS.includes(input?.level)) {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        `/log/level must be one of ${LOG_LEVELS.join(', ')} (got "${input?.level}")`,
      );
    }
    if (typeof input.message !== 'string' || input.message === '') {
      throw new ModuleError('MODULE_INVALID_INPUT', '/log/message must be a non-empty string');
    }
    return {
      level: levelRank(input.level),
      message: input.message,
      service: input.service ?? defaultService,
      metadata: flatMetadata(input.metadata),
      timestamp: new Date().toISOString(),
      host,
      category: input.category ?? '',
      errorStack: input.errorStack ?? '',
    };
  }

  async function getProducer(): Promise<Producer> {
    if (producer) return producer;
    connecting ??= (async () => {
      // Idempotent: a retried produce request is not written twice; maxInFlight <= 5 keeps order per partition.
      // Bounded retries (kafkajs' idempotent default is unbounded): with the broker gone, writeLog rejects with a
      // retriable MODULE_KAFKA after about a minute instead of hanging; a retry after that may duplicate entries.
      const p = kafka.producer({
        idempotent: true,
        maxInFlightRequests: config.maxInFlight,
        retry: { retries: 10 },
      });
      await p.connect();
      producer = p;
      return p;
    })().catch((cause: unknown) => {
      connecting = undefined;
      throw new ModuleError('MODULE_KAFKA', `logs producer could not connect: ${(cause as Error).message}`, {
        cause,
        retriable: true,
      });
    });
    return connecting;
  }

  async function sendBatch(batch: Pending[]): Promise<void> {
    try {
      const p = await getProducer();
      await p.send({
        topic,
        acks: -1,
        compression,
        messages: batch.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
      unseen.push(...batch.map((m) => m.eventId));
      if (unseen.length > MAX_UNSEEN) unseen = unseen.slice(-MAX_UNSEEN);
      for (const m of batch) m.resolve();
    } catch (cause) {
      const error =
        cause instanceof ModuleError
          ? cause
          : new ModuleError(
              'MODULE_KAFKA',
              `writing ${batch.length} log entries failed: ${(cause as Error).message}`,
              {
                cause,
                retriable: true,
              },
            );
      for (const m of batch) m.reject(error);
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    // Batches go out one after the other, so entries of one service keep their order.
    flushing = flushing.then(async () => {
      for (let i = 0; i < batch.length; i += config.maxBatchSize) {
        await sendBatch(batch.slice(i, i + config.maxBatchSize));
      }
    });
    return flushing;
  }

  /**
   * Writes one entry. With `tx`: through the outbox, in that transaction. Without: buffered and sent by the
   * idempotent producer within `lingerMs` (or at once when `maxBatchSize` entries wait); the promise resolves
   * when Kafka has the entry (acks=all). Callers that do not need that may leave it unawaited.
   */
  async function writeLog(input: LogInput, writeOptions: { tx?: Transaction } = {}): Promise<void> {
    if (closed) throw new ModuleError('MODULE_NOT_STARTED', 'the logs module is closed');
    const entry = entryOf(input);
    if (writeOptions.tx !== undefined) {
      await inTransaction(pool, writeOptions.tx, 'writeLog', (executor) =>
        outbox.publish(executor, 'log.written', entry),
      );
      return;
    }
    const encoded = encodeEvent(catalog, 'log.written', entry);
    const wire = await directMessage('log.written', encoded.bytes);
    await new Promise<void>((resolve, reject) => {
      pending.push({
        eventId: wire.eventId,
        value: wire.value,
        headers: wire.headers,
        key: encoded.key,
        resolve,
        reject,
      });
      if (pending.length >= config.maxBatchSize) void flush();
      else timer ??= setTimeout(() => void flush(), lingerMs);
    });
  }

  async function cleanup(olderThanMs = retentionMs): Promise<number> {
    const { rowCount } = await requirePool('cleanup')
      .query(
        `delete from ${s}.module_logs where logged_at < now() - make_interval(secs => $1::double precision / 1000)`,
        [olderThanMs],
      )
      .catch((e: unknown) => {
        throw databaseError('logs cleanup', e);
      });
    return rowCount ?? 0;
  }

  /**
   * Starts the projection: a consumer group (`<groupId>.logs`) that inserts each entry into
   * `<schema>.module_logs` with inbox dedup, and deletes rows past the retention every `cleanupIntervalMs`.
   */
  async function startProjection(projectionOptions: { groupId?: string; cleanupIntervalMs?: number } = {}) {
    const db = requirePool('startProjection');
    if (projection) return;
    projection = createConsumer({
      catalog,
      groupId: projectionOptions.groupId ?? `${config.groupId}.logs`,
      topics: [topic],
      pool: db,
      schema,
      kafka: config.kafka,
      codec,
      maxBatchSize: config.maxBatchSize,
      logger,
      handlers: {
        'log.written': async (payload, ctx) => {
          const r = recordOf(payload, ctx.eventId);
          await ctx.client.query(
            `insert into ${s}.module_logs (event_id, logged_at, level, level_rank, service, category, host, message, metadata)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (event_id) do nothing`,
            [
              r.eventId,
              r.time,
              r.level,
              levelRank(r.level),
              r.service,
              r.category,
              r.host,
              r.message,
              r.metadata,
            ],
          );
        },
      },
    });
    await projection.start();
    const interval = projectionOptions.cleanupIntervalMs ?? 10 * 60_000;
    cleanupTimer = setInterval(() => void cleanup().catch(() => {}), interval);
    cleanupTimer.unref();
  }

  /** The table the queries read is kept by someone, else MODULE_NO_PROJECTION naming the fix. */
  function checkProjection(operation: string): pg.Pool {
    const db = requirePool(operation);
    if (projectionMode === 'off') {
      throw new ModuleError(
        'MODULE_NO_PROJECTION',
        `${operation} reads ${schema}.module_logs, which no logs projection keeps (BRIDGE_LOGS_PROJECTION=off): ` +
          'set BRIDGE_LOGS_PROJECTION=on to run it in this process, or =external when another process runs it',
      );
    }
    if (projectionMode === 'on' && !projection) {
      throw new ModuleError(
        'MODULE_NO_PROJECTION',
        `${operation} reads ${schema}.module_logs, and this module's logs projection is not running: call ` +
          'bridge.start() (or module_logs.startProjection()), or set BRIDGE_LOGS_PROJECTION=external when another ' +
          'process runs it',
      );
    }
    return db;
  }

  /**
   * Waits until the projection's table holds the entries this module wrote (up to `waitMs`): a query right
   * after `await writeLog(...)` sees that entry. Resolves false when the wait ran out first.
   */
  async function awaitOwnWrites(db: pg.Pool, waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      await flushing;
      if (unseen.length === 0) return true;
      const ids = [...unseen];
      const { rows } = await db
        .query<{ event_id: string }>(
          `select event_id from ${s}.module_logs where event_id = any($1::uuid[])`,
          [ids],
        )
        .catch((e: unknown) => {
          throw databaseError('queryRecent: read the projection', e);
        });
      const seen = new Set(rows.map((row) => row.event_id));
      unseen = unseen.filter((id) => !seen.has(id));
      if (unseen.length === 0) return true;
      if (Date.now() >= deadline) {
        logger.warn(
          { entries: unseen.length, waitedMs: waitMs },
          'logs projection lags: a query ran before it stored entries written here',
        );
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, deadline - Date.now()))));
    }
  }

  function checkWait(operation: string, waitMs: number): void {
    if (!Number.isInteger(waitMs) || waitMs < 0 || waitMs > 600_000) {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        `/${operation}/waitMs must be an integer between 0 and 600000 (got "${waitMs}")`,
      );
    }
  }

  /**
   * Recent entries from the projection, newest first. Waits first (up to `waitMs`) for the entries this
   * module wrote to be stored, so a query after `await writeLog(...)` sees them.
   */
  async function queryRecent(query: QueryOptions = {}): Promise<LogRecord[]> {
    const limit = query.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        `/queryRecent/limit must be an integer between 1 and 10000 (got "${limit}")`,
      );
    }
    const waitMs = query.waitMs ?? config.batchTimeoutMs;
    checkWait('queryRecent', waitMs);
    const db = checkProjection('queryRecent');
    if (waitMs > 0) await awaitOwnWrites(db, waitMs);
    const { rows } = await db
      .query<LogRow>(
        `select event_id, logged_at, level, service, category, host, message, metadata from ${s}.module_logs
          where ($1::int is null or level_rank >= $1) and ($2::text is null or service = $2)
            and ($3::timestamptz is null or logged_at >= $3)
          order by logged_at desc, event_id desc limit $4`,
        [query.level ? levelRank(query.level) : null, query.service ?? null, query.since ?? null, limit],
      )
      .catch((e: unknown) => {
        throw databaseError('queryRecent', e);
      });
    return rows.map(toRecord);
  }

  /**
   * Counts per time bucket, level and service over the last `window` ms (Default bucket: one minute), from the
   * projection.
   */
  async function aggregate(query: {
    window: number;
    bucketMs?: number;
    service?: string;
    /** As in queryRecent. (Default: KAFKA_BATCH_TIMEOUT_MS) */
    waitMs?: number;
  }): Promise<AggregateBucket[]> {
    const bucketMs = query.bucketMs ?? 60_000;
    if (!(query?.window > 0) || !(bucketMs > 0)) {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        '/aggregate/window and /aggregate/bucketMs must be numbers of ms > 0',
      );
    }
    const waitMs = query.waitMs ?? config.batchTimeoutMs;
    checkWait('aggregate', waitMs);
    const db = checkProjection('aggregate');
    if (waitMs > 0) await awaitOwnWrites(db, waitMs);
    const { rows } = await db
      .query<{ bucket: Date; level: LogLevelName; service: string; count: number }>(
        `select date_bin(make_interval(secs => $2::double precision / 1000), logged_at, timestamptz 'epoch') as bucket,
                level, service, count(*)::int as count
           from ${s}.module_logs
          where logged_at >= now() - make_interval(secs => $1::double precision / 1000)
            and ($3::text is null or service = $3)
          group by 1, 2, 3 order by 1, 2, 3`,
        [query.window, bucketMs, query.service ?? null],
      )
      .catch((e: unknown) => {
        throw databaseError('aggregate', e);
      });
    return rows;
  }

  /**
   * A live stream: entries written from now on (or from `from`) that match the filter. Each stream is its own
   * consumer group, so every stream sees every entry; delivery is at least once.
   */
  async function stream(
    filter: LogFilter & { from?: Date },
    onLog: (log: LogRecord) => void | Promise<void>,
  ): Promise<{ stop(): Promise<void> }> {
    const minRank = filter.level ? levelRank(filter.level) : 0;
    const subscription = await liveSubscription({
      kafka,
      topic,
      groupPrefix: `${config.groupId}.logs-stream`,
      from: filter.from,
      codec,
      onMessage: async (decoded, eventId) => {
        if (decoded.type !== 'log.written') return;
        const record = recordOf(decoded.payload, eventId);
        if (levelRank(record.level) < minRank) return;
        if (filter.service !== undefined && record.service !== filter.service) return;
        await onLog(record);
      },
    });
    subscriptions.add(subscription);
    return {
      stop: async () => {
        subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async function close(): Promise<void> {
    closed = true;
    await flush();
    if (cleanupTimer) clearInterval(cleanupTimer);
    await Promise.all([...subscriptions].map((sub) => sub.stop()));
    subscriptions.clear();
    await projection?.stop();
    projection = undefined;
    await producer?.disconnect();
    producer = undefined;
  }

  return {
    topic,
    /** Who keeps the table the queries read (LogsOptions.projection). */
    projectionMode,
    /** Whether this module's projection runs. */
    get projectionRunning() {
      return projection !== undefined;
    },
    writeLog,
    flush,
    queryRecent,
    aggregate,
    stream,
    startProjection,
    cleanup,
    close,
  };
}
