// The bridge: the three modules configured from one validated configuration (the seeds' KAFKA_* variables),
// under `bridge.integrations.kafka.module_queue / module_logs / module_notifications`. `start()` (run lazily by
// the first call of any module) makes a schema and a broker usable from nothing: migrations, the module topics,
// an embedded relay that delivers the outbox (taking part in the slot leases of every relay of the schema) and
// the logs projection.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type Config,
  checkOption,
  checkSchemaName,
  createLogger,
  type Logger,
  probeKafkaAccess,
  readConfig,
  requireDatabaseUrl,
  VARIABLES,
} from '@commercebridge/config';
import { type HttpServer, startHttpServer } from '@commercebridge/observability';
import { migrate } from '@commercebridge/outbox';
import { createRelay, type Relay, type RelayOptions, relayOptionsFromConfig } from '@commercebridge/relay';
import pg from 'pg';
import { type ModulesConfig, type ModulesConfigOverrides, modulesConfigFromConfig } from './config.ts';
import { databaseError, ModuleError } from './errors.ts';
import { createLogs, type LogsModule, type LogsProjectionMode } from './logs.ts';
import { createNotifications, type NotificationsModule } from './notifications.ts';
import { createQueue } from './queue/queue.ts';
import type { QueueModule, QueueRetryOptions } from './queue/types.ts';
import { migrateModules } from './sql.ts';
import { ensureModuleTopics, type ModuleCatalog, moduleCatalog } from './topics.ts';

export interface BridgeOptions {
  /** A pool to use (not closed by the bridge), else one on `databaseUrl` / DATABASE_URL. */
  pool?: pg.Pool;
  databaseUrl?: string;
  /** Postgres schema of the outbox and module tables. (Default: OUTBOX_SCHEMA or 'commercebridge') */
  schema?: string;
  /**
   * The environment variables to read, e.g. `process.env`: the library reads none by itself.
   * (Default: none, so `config.kafka` and `pool` or `databaseUrl` are then needed)
   */
  env?: Record<string, string | undefined>;
  /** Typed values that win over the environment. */
  config?: ModulesConfigOverrides;
  /** Run the outbox migrations and create the module tables at start. (Default: true) */
  migrate?: boolean;
  /**
   * Create the missing module topics at start (ensureModuleTopics) with `partitions` each.
   * (Default: BRIDGE_CREATE_TOPICS (true), with KAFKA_TOPIC_PARTITIONS (3) partitions)
   */
  createTopics?: boolean | { partitions?: number };
  /**
   * Run a relay in this process from `start()` to `stop()`, configured by the RELAY_* variables (slot count,
   * lease, delivery, registry) with this bridge's pool, schema, Kafka connection and catalog; an object
   * overrides relay options. It takes part in the slot leases like any `commercebridge relay` of the schema, so
   * many instances share the slots and a separate relay deployment takes over when this is off.
   * (Default: BRIDGE_EMBEDDED_RELAY (true))
   */
  embeddedRelay?: boolean | Partial<Omit<RelayOptions, 'database' | 'schema' | 'kafka' | 'catalog'>>;
  queue?: { queue?: string; retry?: QueueRetryOptions; leaseMs?: number; groupId?: string };
  logs?: {
    service?: string;
    lingerMs?: number;
    /**
     * Who keeps `<schema>.module_logs` for `queryRecent`/`aggregate`: true or `'on'` (this bridge's projection,
     * started by `start()`), `'external'` (another process's), false or `'off'` (nobody: the queries throw
     * MODULE_NO_PROJECTION). (Default: BRIDGE_LOGS_PROJECTION ('on'))
     */
    projection?: boolean | LogsProjectionMode;
  };
  /**
   * Where the modules and the embedded relay log (pino's argument order), each bound to its `component`;
   * kafkajs's own log goes through it too. (Default: createLogger() of @commercebridge/config)
   */
  logger?: Logger;
  /**
   * Port of the HTTP server of /metrics (the queue's registry: jobs per queue and status, read at scrape),
   * /healthz and /readyz, listening from `start()` to `stop()`; 0 picks a free port (`bridge.httpPort`); null
   * serves nothing. (Default: null)
   */
  httpPort?: number | null;
}

export interface Bridge {
  readonly config: ModulesConfig;
  readonly catalog: ModuleCatalog;
  readonly schema: string;
  /** The pool of the modules: `options.pool`, or the one on DATABASE_URL that `stop()` ends. */
  readonly pool: pg.Pool;
  /**
   * The modules. Each call first awaits `start()` (once; a failed start is tried again by the next call), and
   * rejects with MODULE_START_FAILED (the start's error as `cause`) when it cannot start, or MODULE_NOT_STARTED
   * after `stop()`.
   */
  readonly integrations: {
    kafka: { module_queue: QueueModule; module_logs: LogsModule; module_notifications: NotificationsModule };
  };
  /**
   * Migrations and module tables, the module topics, the embedded relay and the logs projection (as
   * configured); idempotent. Throws ModuleError: MODULE_DATABASE (migrations), MODULE_KAFKA (topics, the
   * projection), MODULE_RELAY (the embedded relay), each naming what failed; a failed start undoes what it did.
   */
  start(): Promise<void>;
  /** Stops workers, subscriptions, the projection, the embedded relay and producers; closes the pool it made. */
  stop(): Promise<void>;
  /** The embedded relay while it runs (between `start()` and `stop()`), else null. */
  readonly relay: Relay | null;
  /** Port of the HTTP server while it listens (between `start()` and `stop()`, with `httpPort` set), else null. */
  readonly httpPort: number | null;
}

/** Which parts `start()` runs, resolved once from the options and the environment. */
interface StartPlan {
  migrate: boolean;
  topics: { partitions: number } | null;
  relay: Partial<RelayOptions> | null;
  projection: LogsProjectionMode;
}

function startPlan(options: BridgeOptions, config: Config): StartPlan {
  const v = config.env;
  const topics = options.createTopics ?? v.BRIDGE_CREATE_TOPICS;
  const partitions =
    typeof topics === 'object' && topics.partitions !== undefined
      ? (checkOption(
          VARIABLES.KAFKA_TOPIC_PARTITIONS.rule,
          topics.partitions,
          '/bridge/createTopics/partitions',
        ) as number)
      : v.KAFKA_TOPIC_PARTITIONS;
  const relay = options.embeddedRelay ?? v.BRIDGE_EMBEDDED_RELAY;
  const projection = options.logs?.projection ?? v.BRIDGE_LOGS_PROJECTION;
  return {
    migrate: options.migrate ?? true,
    topics: topics ? { partitions } : null,
    relay: relay === false ? null : relay === true ? {} : relay,
    projection: projection === true ? 'on' : projection === false ? 'off' : projection,
  };
}

/** Startup of two bridges on one schema is serialized (the relay creates its tables at start). */
const START_LOCK = 'commercebridge.bridge.start';

/**
 * Builds the bridge. Configuration errors throw here, at once, naming the variable
 * (`KAFKA_MAX_BATCH_SIZE must be an integer between 1 and 10000 (got "abc")`); nothing connects until
 * `start()` or the first call of a module.
 */
export function createBridge(options: BridgeOptions = {}): Bridge {
  const env = readConfig(options.env ?? {});
  const config = modulesConfigFromConfig(env, options.config);
  const schema =
    options.schema === undefined ? env.env.OUTBOX_SCHEMA : checkSchemaName(options.schema, '/bridge/schema');
  const plan = startPlan(options, env);
  const httpPort = options.httpPort ?? null;
  if (httpPort !== null && (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65_535)) {
    throw new ModuleError(
      'MODULE_INVALID_CONFIG',
      `/bridge/httpPort must be a port from 0 (any free port) to 65535, or null (got "${httpPort}")`,
    );
  }
  let ownPool = false;
  let pool = options.pool;
  if (!pool) {
    const url =
      options.databaseUrl === undefined
        ? requireDatabaseUrl(env)
        : checkOption(VARIABLES.DATABASE_URL.rule, options.databaseUrl, '/bridge/databaseUrl');
    pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', () => {}); // an idle connection lost: the next checkout reconnects
    ownPool = true;
  }
  const db = pool;
  const catalog = moduleCatalog(config.topics);
  const logger = options.logger ?? createLogger();
  // The relay's options are checked now too, so a bad RELAY_* variable fails here, not at the first call.
  const relayOptions: RelayOptions | null = plan.relay
    ? {
        ...relayOptionsFromConfig(env, {
          database: db,
          schema,
          kafka: config.kafka,
          // Unique per bridge, so two bridges of one process are two members of the slot leases.
          relayId: `${hostname()}-${process.pid}-bridge-${randomUUID().slice(0, 8)}`,
        }),
        metricsPort: null,
        logger,
        catalog,
        ...plan.relay,
        database: db,
      }
    : null;
  const queue = createQueue({ config, catalog, pool: db, schema, logger, ...options.queue });
  const logs = createLogs({
    config,
    catalog,
    pool: db,
    schema,
    logger,
    service: options.logs?.service,
    lingerMs: options.logs?.lingerMs,
    projection: plan.projection,
  });
  const notifications = createNotifications({ config, catalog, pool: db, schema, logger });
  let http: HttpServer | null = null;
  let relay: Relay | null = null;
  let started = false;
  let starting: Promise<void> | null = null;
  let stopping = false;

  /** Runs each step of the start in order; each failure is a ModuleError naming the step. */
  async function startOnce(): Promise<void> {
    if (httpPort !== null && !http) {
      http = await startHttpServer(httpPort, {
        registry: queue.metrics,
        health: () => ({ ok: !stopping }),
        // Ready once the tables, topics and relay are there: jobs can be published, fetched and delivered.
        readiness: () => ({
          ready: started && !stopping,
          schema,
          queue: queue.queue,
          workerId: queue.workerId,
          relay: relay ? relay.snapshot().slots : null,
        }),
      });
    }
    try {
      // A wrong password, an untrusted CA or a principal that may not write fails here, with KafkaAccessError.
      await probeKafkaAccess(config.kafka, { write: true });
      if (plan.migrate) {
        await migrate({ pool: db, schema }).catch((error: unknown) => {
          throw databaseError(`migrate the outbox tables of schema ${schema}`, error);
        });
        await migrateModules(db, schema);
      }
      if (plan.topics) {
        await ensureModuleTopics(config.kafka, { topics: config.topics, partitions: plan.topics.partitions });
      }
      if (relayOptions && !relay) relay = await startRelay(relayOptions);
      if (plan.projection === 'on') {
        await logs.startProjection().catch((cause: unknown) => {
          throw new ModuleError(
            'MODULE_KAFKA',
            `the logs projection could not start (consumer group ${config.groupId}.logs on ${logs.topic}): ` +
              `${(cause as Error).message}; set BRIDGE_LOGS_PROJECTION=off or external to run without it`,
            { cause, retriable: true },
          );
        });
      }
      await queue.start();
    } catch (error) {
      const [server, embedded] = [http, relay];
      http = null;
      relay = null;
      await Promise.all([server?.close(), embedded?.stop()]);
      throw error;
    }
  }

  /** Starts the embedded relay while holding the schema's start lock (its tables are created at start). */
  async function startRelay(relayOpts: RelayOptions): Promise<Relay> {
    const client = await db.connect().catch((error: unknown) => {
      throw databaseError('embedded relay: connect', error);
    });
    const embedded = createRelay(relayOpts);
    try {
      await client
        .query('select pg_advisory_lock(hashtext($1))', [`${START_LOCK}.${schema}`])
        .catch((error: unknown) => {
          throw databaseError('embedded relay: take the start lock', error);
        });
      await embedded.start();
      return embedded;
    } catch (cause) {
      await embedded.stop().catch(() => {});
      if (cause instanceof ModuleError) throw cause;
      const code = (cause as { code?: unknown }).code;
      throw new ModuleError(
        'MODULE_RELAY',
        `the embedded relay could not start on schema ${schema}: ${typeof code === 'string' ? `${code}: ` : ''}` +
          `${(cause as Error).message}; fix it, or set BRIDGE_EMBEDDED_RELAY=off when a separate relay runs`,
        { cause, retriable: (cause as { retriable?: boolean }).retriable ?? false },
      );
    } finally {
      await client
        .query('select pg_advisory_unlock(hashtext($1))', [`${START_LOCK}.${schema}`])
        .catch(() => {});
      client.release();
    }
  }

  function start(): Promise<void> {
    if (stopping) {
      return Promise.reject(
        new ModuleError('MODULE_NOT_STARTED', 'the bridge is stopped: create a new one with createBridge()'),
      );
    }
    starting ??= startOnce().then(
      () => {
        started = true;
      },
      (error: unknown) => {
        starting = null; // the next start() or call tries again
        throw error;
      },
    );
    return starting;
  }

  /** The start a module call needs, with MODULE_START_FAILED naming the call when it cannot start. */
  async function ready(operation: string): Promise<void> {
    if (started) return;
    try {
      await start();
    } catch (cause) {
      if (cause instanceof ModuleError && cause.code === 'MODULE_NOT_STARTED') throw cause;
      throw new ModuleError(
        'MODULE_START_FAILED',
        `${operation}: the bridge could not start: ${(cause as Error).message}`,
        { cause, retriable: (cause as { retriable?: boolean }).retriable ?? false },
      );
    }
  }

  /** An async method that awaits the start first. */
  function lazy<A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) {
    return async (...args: A): Promise<R> => {
      await ready(operation);
      return call(...args);
    };
  }

  const moduleQueue: QueueModule = {
    get topic() {
      return queue.topic;
    },
    get dlqTopic() {
      return queue.dlqTopic;
    },
    get groupId() {
      return queue.groupId;
    },
    get queue() {
      return queue.queue;
    },
    get workerId() {
      return queue.workerId;
    },
    get metrics() {
      return queue.metrics;
    },
    publishJob: lazy('publishJob', queue.publishJob),
    fetchBatch: lazy('fetchBatch', queue.fetchBatch),
    complete: lazy('complete', queue.complete),
    fail: lazy('fail', queue.fail),
    extendLease: lazy('extendLease', queue.extendLease),
    result: lazy('result', queue.result),
    status: lazy('status', queue.status),
    list: lazy('list', queue.list),
    counts: lazy('counts', queue.counts),
    redrive: lazy('redrive', queue.redrive),
    retry: lazy('retry', queue.retry),
    cancel: lazy('cancel', queue.cancel),
    reap: lazy('reap', queue.reap),
    createWorker(workerOptions) {
      const worker = queue.createWorker(workerOptions);
      return {
        start: lazy('createWorker().start', () => worker.start()),
        stop: () => worker.stop(),
        get running() {
          return worker.running;
        },
      };
    },
    start: () => ready('module_queue.start'),
    stop: () => queue.stop(),
  };
  const moduleLogs: LogsModule = {
    topic: logs.topic,
    projectionMode: logs.projectionMode,
    get projectionRunning() {
      return logs.projectionRunning;
    },
    writeLog: lazy('writeLog', logs.writeLog),
    flush: logs.flush,
    queryRecent: lazy('queryRecent', logs.queryRecent),
    aggregate: lazy('aggregate', logs.aggregate),
    stream: lazy('stream', logs.stream),
    startProjection: lazy('startProjection', logs.startProjection),
    cleanup: lazy('cleanup', logs.cleanup),
    close: logs.close,
  };
  const moduleNotifications: NotificationsModule = {
    topic: notifications.topic,
    publish: lazy('publish', notifications.publish),
    broadcast: lazy('broadcast', notifications.broadcast),
    subscribe: lazy('subscribe', notifications.subscribe),
    close: notifications.close,
  };

  return {
    config,
    catalog,
    schema,
    pool: db,
    integrations: {
      kafka: {
        module_queue: moduleQueue,
        module_logs: moduleLogs,
        module_notifications: moduleNotifications,
      },
    },
    get httpPort() {
      return http?.port ?? null;
    },
    get relay() {
      return relay;
    },
    start,
    async stop() {
      stopping = true;
      started = false;
      await starting?.catch(() => {});
      await Promise.all([queue.stop(), logs.close(), notifications.close()]);
      // After the modules: what they wrote through the outbox before stopping is still delivered.
      const [server, embedded] = [http, relay];
      http = null;
      relay = null;
      await embedded?.stop();
      await server?.close();
      if (ownPool) await db.end();
    },
  };
}
