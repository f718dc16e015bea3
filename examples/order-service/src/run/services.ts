// The example's deployment on one machine: tables and topics (once), then relay, workers, api and console.
import { join } from 'node:path';
import pg from 'pg';
import type { Settings } from '../settings.ts';
import { createTables } from '../tables.ts';
import { exampleRoot, isMsg, runCli, type ServiceProcess, startProcess } from './processes.ts';

export interface Services {
  apiUrl: string;
  /** One JSON-lines file of spans per process (api, relay, workers). */
  traceDir: string;
  consoleUrl: string;
  api: ServiceProcess;
  relay: ServiceProcess;
  workers: ServiceProcess;
  console: ServiceProcess;
  /** `kill -9` of the workers process. */
  killWorkers(): Promise<void>;
  /** Starts a new workers process and waits until it is ready. */
  startWorkers(): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

export interface ServicesOptions {
  settings: Settings;
  /** Where each process writes its log. */
  logDir: string;
  /** Extra environment for every process (e.g. tracing). */
  env?: Record<string, string | undefined>;
}

/** `commercebridge migrate` and `topics ensure --modules`, as an operator runs them, then the app's own tables. */
export async function setUp(options: ServicesOptions): Promise<void> {
  const env = { ...options.settings.env, ...options.env };
  await runCli(['migrate'], env, options.logDir);
  await runCli(['topics', 'ensure', '--modules'], env, options.logDir);
  const pool = new pg.Pool({ connectionString: options.settings.databaseUrl, max: 1 });
  try {
    await createTables(pool, options.settings.appSchema);
  } finally {
    await pool.end();
  }
}

export async function startServices(options: ServicesOptions): Promise<Services> {
  const { settings, logDir } = options;
  const env: Record<string, string | undefined> = {
    ...settings.env,
    RELAY_METRICS_PORT: settings.env['RELAY_METRICS_PORT'] ?? '0',
    // The workers and the notifications module read the schema from the headers (no registry lookups).
    RELAY_SCHEMA_MODE: 'headers',
    ...options.env,
  };
  const node = (file: string, ...args: string[]) =>
    [
      process.execPath,
      [join(exampleRoot, 'src', file), '--app-schema', settings.appSchema, ...args],
    ] as const;
  const started: ServiceProcess[] = [];
  const traceDir = join(logDir, 'traces');
  // OpenTelemetry in api, relay and workers: src/tracing.ts loaded first, a span file per process.
  const traced = {
    ORDER_SERVICE_TRACE_DIR: traceDir,
    NODE_OPTIONS: [env['NODE_OPTIONS'], `--import ${join(exampleRoot, 'src', 'tracing.ts')}`]
      .filter(Boolean)
      .join(' '),
  };
  const start = (name: string, [command, args]: readonly [string, readonly string[]]) => {
    const extra = name === 'console' ? {} : traced;
    const proc = startProcess(name, command, [...args], {
      env: { ...env, ...extra, OTEL_SERVICE_NAME: name },
      logDir,
    });
    started.push(proc);
    return proc;
  };
  let workers: ServiceProcess;
  const startWorkers = async () => {
    workers = start('workers', node('workers.ts'));
    await workers.waitForLine(isMsg('workers ready'), 'workers ready');
    return workers;
  };
  try {
    const relay = start('relay', [join(exampleRoot, 'node_modules', '.bin', 'commercebridge'), ['relay']]);
    const api = start('api', node('api.ts', '--port', '0'));
    const consoleProc = start('console', [
      join(exampleRoot, 'node_modules', '.bin', 'commercebridge'),
      ['console', '--port', '0'],
    ]);
    const [listening, consoleLine] = await Promise.all([
      api.waitForLine(isMsg('api listening'), 'api listening'),
      consoleProc.waitForLine(
        (line) => typeof line === 'string' && line.startsWith('console listening on '),
        'console listening',
      ),
      relay.waitForLine((line) => typeof line === 'object' && line['msg'] === 'relay.ready', 'relay started'),
      startWorkers(),
    ]);
    return {
      apiUrl: String((listening as { url: string }).url),
      traceDir,
      consoleUrl: String(consoleLine).slice('console listening on '.length).trim(),
      api,
      relay,
      get workers() {
        return workers;
      },
      console: consoleProc,
      async killWorkers() {
        workers.child.kill('SIGKILL');
        await workers.exited;
      },
      startWorkers,
      async stop() {
        // The api first (no new orders), the relay last (it drains what the workers wrote).
        await api.stop();
        await workers.stop();
        await Promise.all([relay.stop(), consoleProc.stop()]);
      },
    };
  } catch (error) {
    await Promise.all(started.map((proc) => proc.stop(2000)));
    throw error;
  }
}
