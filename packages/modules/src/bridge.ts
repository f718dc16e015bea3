// The bridge: the three modules configured from one validated configuration (the seeds' KAFKA_* variables),
// under `bridge.integrations.kafka.module_queue / module_logs / module_notifications`.

import {
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
import pg from 'pg';
import { type ModulesConfig, type ModulesConfigOverrides, modulesConfigFromConfig } from './config.ts';
import { ModuleError } from './errors.ts';
import { createLogs, type LogsModule } from './logs.ts';
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
  /** Create the module topics at start (ensureModuleTopics). (Default: false: topics are an operator's job) */
  createTopics?: boolean | { partitions?: number };
  queue?: { queue?: string; retry?: QueueRetryOptions; leaseMs?: number; groupId?: string };
  logs?: { service?: string; lingerMs?: number; projection?: boolean };
  /**
   * Where the modules log (pino's argument order), each bound to its `component`; kafkajs's own log goes through
   * it too. (Default: createLogger() of @commercebridge/config)
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
  readonly integrations: {
    kafka: { module_queue: QueueModule; module_logs: LogsModule; module_notifications: NotificationsModule };
  };
  /** Migrations, tables, topics (as configured), the logs projection (when `logs.projection`). */
  start(): Promise<void>;
  /** Stops fetchers, workers, subscriptions and producers; closes the pool when the bridge made it. */
  stop(): Promise<void>;
  /** Port of the HTTP server while it listens (between `start()` and `stop()`, with `httpPort` set), else null. */
  readonly httpPort: number | null;
}

/**
 * Builds the bridge. Configuration errors throw here, at once, naming the variable
 * (`KAFKA_MAX_BATCH_SIZE must be an integer between 1 and 10000 (got "abc")`).
 */
export function createBridge(options: BridgeOptions = {}): Bridge {
  const env = readConfig(options.env ?? {});
  const config = modulesConfigFromConfig(env, options.config);
  const schema =
    options.schema === undefined ? env.env.OUTBOX_SCHEMA : checkSchemaName(options.schema, '/bridge/schema');
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
  const httpPort = options.httpPort ?? null;
  if (httpPort !== null && (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65_535)) {
    throw new ModuleError(
      'MODULE_INVALID_CONFIG',
      `/bridge/httpPort must be a port from 0 (any free port) to 65535, or null (got "${httpPort}")`,
    );
  }
  const catalog = moduleCatalog(config.topics);
  const logger = options.logger ?? createLogger();
  const queue = createQueue({ config, catalog, pool, schema, logger, ...options.queue });
  const logs = createLogs({ config, catalog, pool, schema, logger, ...options.logs });
  const notifications = createNotifications({ config, catalog, pool, schema, logger });
  const db = pool;
  let http: HttpServer | null = null;
  let started = false;
  let stopping = false;
  return {
    config,
    catalog,
    schema,
    pool: db,
    integrations: { kafka: { module_queue: queue, module_logs: logs, module_notifications: notifications } },
    get httpPort() {
      return http?.port ?? null;
    },
    async start() {
      stopping = false;
      if (httpPort !== null && !http) {
        http = await startHttpServer(httpPort, {
          registry: queue.metrics,
          health: () => ({ ok: !stopping }),
          // Ready once the tables (and topics, when asked) are there: jobs can be published and fetched.
          readiness: () => ({
            ready: started && !stopping,
            schema,
            queue: queue.queue,
            workerId: queue.workerId,
          }),
        });
      }
      try {
        // A wrong password, an untrusted CA or a principal that may not write fails here, with KafkaAccessError.
        await probeKafkaAccess(config.kafka, { write: true });
        if (options.migrate ?? true) {
          await migrate({ pool: db, schema });
          await migrateModules(db, schema);
        }
        if (options.createTopics) {
          const partitions =
            typeof options.createTopics === 'object' ? options.createTopics.partitions : undefined;
          await ensureModuleTopics(config.kafka, { topics: config.topics, partitions });
        }
        if (options.logs?.projection) await logs.startProjection();
      } catch (error) {
        const server = http;
        http = null;
        await server?.close();
        throw error;
      }
      started = true;
    },
    async stop() {
      stopping = true;
      started = false;
      await Promise.all([queue.stop(), logs.close(), notifications.close()]);
      const server = http;
      http = null;
      await server?.close();
      if (ownPool) await db.end();
    },
  };
}
