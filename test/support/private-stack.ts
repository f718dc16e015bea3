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
  /** Every broker, comma-separated (bootstrap servers). */
  brokers: string;
  /** Node id (1..n) to its plaintext address. */
  brokerAddresses: ReadonlyMap<number, string>;
  databaseUrl: string;
  /** Stops the broker, or every broker (SIGTERM, then SIGKILL after 30 s); the data stays. */
  stopKafka(node?: number): Promise<void>;
  /**
   * Crashes the broker, or every broker (SIGKILL, no controlled shutdown); the data stays and is recovered at
   * the next start.
   */
  killKafka(node?: number): Promise<void>;
  /**
   * Starts the broker (or every stopped broker) again on the same port and data; resolves once it answers a
   * metadata request and is among the cluster's live brokers.
   */
  startKafka(node?: number): Promise<void>;
  /** The broker's process id (null when it is not running). */
  kafkaPid(node: number): number | null;
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
  options: {
    registry?: boolean;
    kafkaHeap?: string;
    /** 1 (default) or 3: a KRaft cluster of three nodes, RF 3, min.insync.replicas=2 (scripts/stack.sh). */
    brokers?: 1 | 3;
    /** Further broker properties, one per line. */
    kafkaProperties?: string;
  } = {},
): Promise<PrivateStack> {
  const brokerCount = options.brokers ?? 1;
  const stateDir = mkdtempSync(join(tmpdir(), 'commercebridge-private-stack-'));
  const ports = new Set<number>();
  while (ports.size < 3 * brokerCount + 2) ports.add(await freePort());
  const all = [...ports];
  const kafkaPorts = all.slice(0, brokerCount);
  const controllerPorts = all.slice(brokerCount, 2 * brokerCount);
  const securePorts = all.slice(2 * brokerCount, 3 * brokerCount);
  const [pgPort, registryPort] = all.slice(3 * brokerCount) as [number, number];
  // Without the addresses of the shared stack: stack.sh would otherwise adopt DATABASE_URL as "your own
  // Postgres", and stop-postgres would then act on a cluster it does not own.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL']) delete env[name];
  Object.assign(env, {
    STACK_STATE_DIR: stateDir,
    STACK_BROKERS: String(brokerCount),
    STACK_KAFKA_PORT: kafkaPorts.join(','),
    STACK_KAFKA_CONTROLLER_PORT: controllerPorts.join(','),
    STACK_KAFKA_SECURE_PORT: securePorts.join(','),
    STACK_PG_PORT: String(pgPort),
    STACK_REGISTRY_PORT: String(registryPort),
    STACK_SKIP_REGISTRY: options.registry ? '0' : '1',
    STACK_KAFKA_HEAP: options.kafkaHeap ?? (brokerCount === 1 ? '512m' : '400m'),
    // After a kill -9 the restarted broker waits for its previous session to expire before it serves
    // (9 s by default, 22 s to ready here); 2 s keeps a crash test short. In a cluster the same timeout is how
    // soon the controller fences a killed broker and moves its leaderships.
    STACK_KAFKA_EXTRA_PROPERTIES: ['broker.session.timeout.ms=2000', 'broker.heartbeat.interval.ms=500']
      .concat(options.kafkaProperties ? [options.kafkaProperties] : [])
      .join('\n'),
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
  const nodes = Array.from({ length: brokerCount }, (_, i) => i + 1);
  const pidFile = (node: number) => join(stateDir, node === 1 ? 'kafka.pid' : `kafka-${node}.pid`);
  const kafkaPid = (node: number): number | null => {
    try {
      const pid = Number(readFileSync(pidFile(node), 'utf8').trim());
      process.kill(pid, 0);
      return pid;
    } catch {
      return null;
    }
  };
  const nodeArgs = (node?: number): string[] => (node === undefined ? [] : [String(node)]);
  return {
    stateDir,
    brokers: fileEnv['KAFKA_BROKERS']!,
    brokerAddresses: new Map(nodes.map((node, i) => [node, `127.0.0.1:${kafkaPorts[i]}`])),
    databaseUrl: fileEnv['DATABASE_URL']!,
    stopKafka: (node) => stack('stop-kafka', ...nodeArgs(node)),
    killKafka: async (node) => {
      for (const n of node === undefined ? nodes : [node]) {
        const pid = kafkaPid(n);
        if (pid === null) continue;
        process.kill(pid, 'SIGKILL');
        await waitGone(pid);
      }
    },
    startKafka: (node) => stack('start-kafka', ...nodeArgs(node)),
    kafkaPid,
    stopPostgres: (mode = 'fast') => stack('stop-postgres', mode),
    startPostgres: () => stack('start-postgres'),
    down: async () => {
      if (stopped) return;
      // The data is thrown away: no need for the broker's slow controlled shutdown.
      for (const node of nodes) {
        const pid = kafkaPid(node);
        if (pid === null) continue;
        process.kill(pid, 'SIGKILL');
        await waitGone(pid).catch(() => {});
      }
      await stack('down').catch(() => {});
      stopped = true;
      rmSync(stateDir, { recursive: true, force: true });
      live.delete(downSync);
    },
  };
}
