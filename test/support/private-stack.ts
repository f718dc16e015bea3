// A private Kafka + Postgres (+ optional registry) for tests that stop and restart servers: started with
// scripts/stack.sh under its own state directory and ports, so the shared stack (19092, 15432) is never touched.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './stack-env.ts';

const run = promisify(execFile);
const script = join(repoRoot, 'scripts', 'stack.sh');

export interface PrivateStack {
  stateDir: string;
  brokers: string;
  databaseUrl: string;
  /** Stops the broker (SIGTERM, then SIGKILL after 30 s); its data stays. */
  stopKafka(): Promise<void>;
  /** Crashes the broker (SIGKILL, no controlled shutdown); its data stays and is recovered at the next start. */
  killKafka(): Promise<void>;
  /** Starts the broker again on the same port and data; resolves once it answers a metadata request. */
  startKafka(): Promise<void>;
  /** `pg_ctl stop -m fast|immediate` (immediate = crash, recovery at the next start). */
  stopPostgres(mode?: 'fast' | 'immediate'): Promise<void>;
  startPostgres(): Promise<void>;
  /** Stops everything and removes the state (idempotent). */
  down(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Until the process is reaped (stack.sh would take a zombie for a running broker). */
async function waitGone(pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process ${pid} still exists 60 s after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const live = new Set<() => void>();
let exitHookInstalled = false;

/**
 * Starts a private stack (about 7 s: Postgres, then Kafka; the registry only when asked). Call `down()` in
 * `afterAll`; if the test process dies first, an exit hook stops it.
 */
export async function startPrivateStack(
  options: { registry?: boolean; kafkaHeap?: string } = {},
): Promise<PrivateStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'commercebridge-private-stack-'));
  const ports = new Set<number>();
  while (ports.size < 5) ports.add(await freePort());
  const [kafkaPort, controllerPort, securePort, pgPort, registryPort] = [...ports] as [
    number,
    number,
    number,
    number,
    number,
  ];
  // Without the addresses of the shared stack: stack.sh would otherwise adopt DATABASE_URL as "your own
  // Postgres", and stop-postgres would then act on a cluster it does not own.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL']) delete env[name];
  Object.assign(env, {
    STACK_STATE_DIR: stateDir,
    STACK_KAFKA_PORT: String(kafkaPort),
    STACK_KAFKA_CONTROLLER_PORT: String(controllerPort),
    STACK_KAFKA_SECURE_PORT: String(securePort),
    STACK_PG_PORT: String(pgPort),
    STACK_REGISTRY_PORT: String(registryPort),
    STACK_SKIP_REGISTRY: options.registry ? '0' : '1',
    STACK_KAFKA_HEAP: options.kafkaHeap ?? '512m',
    // After a kill -9 the restarted broker waits for its previous session to expire before it serves
    // (9 s by default, 22 s to ready here); 2 s keeps a crash test short.
    STACK_KAFKA_EXTRA_PROPERTIES: 'broker.session.timeout.ms=2000\nbroker.heartbeat.interval.ms=500',
  });
  const stack = async (...args: string[]): Promise<void> => {
    try {
      await run('bash', [script, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(
        `scripts/stack.sh ${args.join(' ')} failed (state ${stateDir}):\n${stderr ?? String(error)}`,
      );
    }
  };

  let stopped = false;
  const downSync = (): void => {
    if (stopped) return;
    stopped = true;
    spawnSync('bash', [script, 'down'], { env, stdio: 'ignore' });
    rmSync(stateDir, { recursive: true, force: true });
  };
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const down of live) down();
    });
  }
  live.add(downSync);

  try {
    await stack('up');
  } catch (error) {
    downSync();
    live.delete(downSync);
    throw error;
  }
  const fileEnv = Object.fromEntries(
    readFileSync(join(stateDir, 'env'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return {
    stateDir,
    brokers: fileEnv['KAFKA_BROKERS']!,
    databaseUrl: fileEnv['DATABASE_URL']!,
    stopKafka: () => stack('stop-kafka'),
    killKafka: async () => {
      const pid = Number(readFileSync(join(stateDir, 'kafka.pid'), 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      await waitGone(pid);
    },
    startKafka: () => stack('start-kafka'),
    stopPostgres: (mode = 'fast') => stack('stop-postgres', mode),
    startPostgres: () => stack('start-postgres'),
    down: async () => {
      if (stopped) return;
      // The data is thrown away: no need for the broker's slow controlled shutdown.
      try {
        const pid = Number(readFileSync(join(stateDir, 'kafka.pid'), 'utf8').trim());
        process.kill(pid, 'SIGKILL');
        await waitGone(pid);
      } catch {
        // not running
      }
      await stack('down').catch(() => {});
      stopped = true;
      rmSync(stateDir, { recursive: true, force: true });
      live.delete(downSync);
    },
  };
}
