import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { dockerEngineAnswers, startContainers } from './containers.ts';
import { loadStackEnv, type StackEnv } from './stack-env.ts';

const startHint =
  'Start the local stack with `./dev stack up` (or export KAFKA_BROKERS, DATABASE_URL and SCHEMA_REGISTRY_URL).';

async function checkKafka(brokers: string): Promise<void> {
  const admin = new Kafka({
    clientId: 'global-setup',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkRegistry(url: string): Promise<void> {
  const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`GET ${url}/subjects answered ${response.status}`);
}

/**
 * Locates the services once per run. When one is missing: containers if a Docker engine answers, otherwise
 * the run fails at once, saying how to start the stack.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  const env = loadStackEnv();
  const problems = await findProblems(env);
  if (problems.length === 0) {
    Object.assign(process.env, env);
    return undefined;
  }
  // No local stack, but a Docker engine: the same services from containers (never tried without an engine).
  if (await dockerEngineAnswers()) {
    console.log('local stack not running; starting Postgres, Kafka and the registry with testcontainers');
    const containers = await startContainers();
    Object.assign(process.env, containers.env);
    return containers.stop;
  }
  throw new Error(`The test services are not running:\n  - ${problems.join('\n  - ')}\n${startHint}`);
}

async function findProblems(env: Partial<StackEnv>): Promise<string[]> {
  const problems: string[] = [];
  const checks: Array<[string, string | undefined, (value: string) => Promise<void>]> = [
    ['KAFKA_BROKERS', env.KAFKA_BROKERS, checkKafka],
    ['DATABASE_URL', env.DATABASE_URL, checkPostgres],
  ];
  // A stack started without the registry (STACK_SKIP_REGISTRY=1: `./dev test:kafka4` runs only tests in header
  // mode) is not asked for one.
  if (process.env['STACK_SKIP_REGISTRY'] !== '1') {
    checks.push(['SCHEMA_REGISTRY_URL', env.SCHEMA_REGISTRY_URL, checkRegistry]);
  }
  for (const [name, value, check] of checks) {
    if (!value) {
      problems.push(`${name} is not set`);
      continue;
    }
    try {
      await check(value);
    } catch (error) {
      problems.push(`${name}=${value} does not answer: ${(error as Error).message}`);
    }
  }
  return problems;
}
