// The packages as a user installs them: `pnpm pack:all` builds and packs every package, npm installs the
// tarballs into projects outside the repository (under the OS temp dir), and real processes use them: plain
// `node` (no tsx), a strict NodeNext TypeScript project, the `commercebridge` bin, the migrations against
// Postgres, the relay, and a project without drizzle-orm.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { listMigrations } from '../../packages/outbox/src/index.ts';
import {
  createTestSchema,
  kafka,
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
} from '../support/helpers.ts';
import { repoRoot, stackEnv } from '../support/stack-env.ts';

const run = promisify(execFile);
const PACKAGES = [
  'cli',
  'config',
  'console',
  'consumers',
  'modules',
  'observability',
  'outbox',
  'relay',
  'schemas',
] as const;
const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
/** The versions the repository itself tests with. */
const tested = (name: string) => `${name}@${rootManifest.devDependencies[name]}`;
const cliVersion = (
  JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version;

async function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    return await run(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${stdout ?? ''}\n${stderr ?? ''}`, {
      cause: error,
    });
  }
}

/** A project outside the repository with the tarballs and `extra` installed from the npm registry. */
async function installProject(label: string, tarballs: string[], extra: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `commercebridge-${label}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: label, private: true, type: 'module' }));
  await sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...extra], dir);
  return dir;
}

/**
 * The installed bin (what npx runs), spawned directly so that signals reach it; killed when the test ends.
 */
function startBin(args: string[], env: Record<string, string>) {
  const child = spawn(join(app, 'node_modules/.bin/commercebridge'), args, {
    cwd: app,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, exited, output: () => output };
}

/** `node <file>` with no loader, in the project; its stdout parsed as JSON. */
async function nodeJson<T>(
  dir: string,
  name: string,
  source: string,
  env: Record<string, string> = {},
  args: string[] = [],
) {
  writeFileSync(join(dir, name), source);
  const { stdout } = await sh(process.execPath, [name, ...args], dir, env);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

async function deleteTopics(topics: string[]): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((topic) => existing.has(topic));
  if (present.length > 0) await admin.deleteTopics({ topics: present });
  await admin.disconnect();
}

let tarballs: string[] = [];
let app = '';
let pgOnly = '';

beforeAll(async () => {
  const { stdout } = await sh('pnpm', ['pack:all'], repoRoot);
  tarballs = stdout.split('\n').filter((line) => line.endsWith('.tgz'));
  // The full install: every package, pg and drizzle-orm, and the types a TypeScript user adds.
  app = await installProject('app', tarballs, [
    tested('pg'),
    tested('drizzle-orm'),
    tested('@types/pg'),
    tested('@types/node'),
  ]);
  // pg only: no drizzle-orm (an optional peer dependency, which npm does not install).
  pgOnly = await installProject('pg-only', tarballs, [tested('pg')]);
}, 300_000);

afterAll(() => {
  for (const dir of [app, pgOnly]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('are one tarball per package with dist/, the LICENSE and a manifest pointing at dist/', async () => {
    expect(tarballs.map((file) => file.slice(file.lastIndexOf('/') + 1))).toEqual(
      PACKAGES.map((name) => `commercebridge-${name}-0.1.0.tgz`),
    );
    for (const tarball of tarballs) {
      const files = (await sh('tar', ['-tzf', tarball], repoRoot)).stdout.split('\n');
      expect(files, tarball).toEqual(
        expect.arrayContaining(['package/LICENSE', 'package/dist/index.js', 'package/dist/index.d.ts']),
      );
      expect(
        files.filter((file) => file.startsWith('package/src/') || file.startsWith('package/test/')),
        tarball,
      ).toEqual([]);
      const manifest = JSON.parse(
        (await sh('tar', ['-xzOf', tarball, 'package/package.json'], repoRoot)).stdout,
      );
      expect(manifest).toMatchObject({
        license: 'MIT',
        engines: { node: '>=24' },
        exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
      });
      expect(manifest.publishConfig, tarball).toBeUndefined();
      expect(JSON.stringify(manifest), tarball).not.toContain('workspace:');
    }
    const listing = async (name: string) =>
      (
        await sh(
          'tar',
          ['-tzf', tarballs.find((file) => file.endsWith(`/commercebridge-${name}-0.1.0.tgz`))!],
          repoRoot,
        )
      ).stdout;
    const schemas = await listing('schemas');
    expect(schemas).toContain('package/proto/commercebridge/orders/v1/orders.proto');
    expect(schemas).toContain('package/dist/generated/messages.js');
    expect(await listing('console')).toContain('package/public/index.html');
    const outbox = await listing('outbox');
    expect(outbox).toContain('package/dist/generated/migrations.js');
  });

  it('load with plain node (no tsx) from dist/, on Node 24', async () => {
    const result = await nodeJson<{
      node: string;
      execArgv: string[];
      entries: Record<string, { missing: string[]; url: string }>;
    }>(
      app,
      'imports.mjs',
      `const entries = {
        '@commercebridge/schemas': ['catalog', 'defineCatalog', 'createWireCodec', 'generateCode'],
        '@commercebridge/outbox': ['createOutbox', 'migrate', 'fromPg', 'fromDrizzle'],
        '@commercebridge/outbox/drizzle': ['outboxTables'],
        '@commercebridge/observability': ['METRICS', 'scrapedGauge', 'startHttpServer'],
        '@commercebridge/relay': ['createRelay', 'runRelayProcess'],
        '@commercebridge/consumers': ['createConsumer', 'listDlq'],
        '@commercebridge/modules': ['createBridge', 'createQueue', 'migrateModules'],
        '@commercebridge/cli': ['main', 'buildProgram'],
        '@commercebridge/console': ['createConsole', 'readStatus'],
      };
      const out = {};
      for (const [specifier, names] of Object.entries(entries)) {
        const module = await import(specifier);
        out[specifier] = { missing: names.filter((name) => module[name] === undefined), url: import.meta.resolve(specifier) };
      }
      console.log(JSON.stringify({ node: process.version, execArgv: process.execArgv, entries: out }));`,
    );
    expect(Number(result.node.slice(1).split('.')[0])).toBeGreaterThanOrEqual(24);
    expect(result.execArgv).toEqual([]);
    for (const [specifier, { missing, url }] of Object.entries(result.entries)) {
      expect(missing, specifier).toEqual([]);
      const name = specifier.split('/')[1];
      expect(url, specifier).toContain(`/node_modules/@commercebridge/${name}/dist/`);
    }
  });

  it('type-check in a strict NodeNext TypeScript project: the public API and the README example', async () => {
    const dir = join(app, 'src');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        include: ['src'],
      }),
    );
    writeFileSync(join(dir, 'api.ts'), API_USE);
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const quickStart = readme.slice(readme.indexOf('### In your application'));
    writeFileSync(join(dir, 'readme.ts'), /```ts\n([\s\S]*?)```/.exec(quickStart)![1]!);
    // Every @ts-expect-error in API_USE must be an error: types that decayed to `any` fail this too.
    const tsc = [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', app, '--pretty', 'false'];
    const { stdout } = await sh(process.execPath, [...tsc, '--skipLibCheck'], app);
    expect(stdout).toBe('');
    // With every declaration file checked too, only drizzle-orm's own fail (they need skipLibCheck: they
    // import the drivers of other databases): nothing in ours, kafkajs', pg's or protobufjs'.
    const strict = await run(process.execPath, tsc, { cwd: app, maxBuffer: 64 * 1024 * 1024 }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    const failing = new Set([...strict.matchAll(/^(\S+?)\(\d+,\d+\): error/gm)].map((match) => match[1]!));
    expect([...failing].filter((file) => !file.startsWith('node_modules/drizzle-orm/'))).toEqual([]);
  });

  it('run the commercebridge bin: --help and --version', async () => {
    const help = await sh('npx', ['commercebridge', '--help'], app);
    const commands = [
      'migrate',
      'relay',
      'status',
      'dlq',
      'replay',
      'schemas',
      'topics',
      'cleanup',
      'jobs',
      'console',
    ];
    for (const command of commands) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect((await sh('npx', ['commercebridge', '--version'], app)).stdout.trim()).toBe(cliVersion);
  });

  it('migrate a fresh schema with the installed migrate(), then with `commercebridge migrate`', async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'pack');
    const result = await nodeJson<{ applied: Array<{ version: number; name: string }> }>(
      app,
      'migrate.mjs',
      `import { migrate } from '@commercebridge/outbox';
      import pg from 'pg';
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
      console.log(JSON.stringify(await migrate({ pool, schema: process.env.SCHEMA })));
      await pool.end();`,
      { DATABASE_URL: stackEnv().DATABASE_URL, SCHEMA: schema },
    );
    expect(result.applied).toEqual(listMigrations().map(({ version, name }) => ({ version, name })));
    const { rows } = await pool.query(
      `select version, checksum from "${schema}".migrations order by version`,
    );
    expect(rows).toEqual(listMigrations().map(({ version, checksum }) => ({ version, checksum })));

    const env = { DATABASE_URL: stackEnv().DATABASE_URL };
    const cli = await sh('npx', ['commercebridge', 'migrate', '--schema', schema], app, env);
    expect(cli.stdout).toMatch(/^modules: .*applied 0001_module_tables/m);
    const status = await sh(
      'npx',
      ['--no', 'commercebridge', 'migrate', 'status', '--schema', schema],
      app,
      env,
    );
    expect(status.stdout).not.toMatch(/pending|changed/);
    expect(status.stdout).toMatch(/^modules +1 +module_tables +applied/m);
  });

  it('deliver a user event: own .proto, codegen, catalog, publish in a pg transaction, `commercebridge relay`', async () => {
    // The user's own events: a .proto tree in the project, code generated by the installed CLI (plain JS
    // output), a catalog module naming the topic.
    const pool = testPool();
    const schema = await createTestSchema(pool, 'pack_relay');
    const topic = randomName('shop.orders.v1');
    mkdirSync(join(app, 'proto/acme/shop/v1'), { recursive: true });
    writeFileSync(
      join(app, 'proto/acme/shop/v1/shop.proto'),
      `syntax = "proto3";\npackage acme.shop.v1;\nmessage OrderPlaced {\n  string order_id = 1;\n  string sku = 2;\n  int32 quantity = 3;\n}\n`,
    );
    await sh(
      'npx',
      ['--no', 'commercebridge', 'schemas', 'gen', '--js', '--proto-dir', 'proto', '--out-dir', 'shop'],
      app,
    );
    writeFileSync(
      join(app, 'shop/catalog.mjs'),
      `import { defineCatalog } from '@commercebridge/schemas';
      import { acme } from './messages.js';
      import { protoSources } from './sources.js';
      export const catalog = defineCatalog(
        { 'shop.order.placed': { topic: process.env.SHOP_TOPIC, message: acme.shop.v1.OrderPlaced, key: (p) => p.orderId, required: ['orderId'] } },
        { sources: protoSources },
      );\n`,
    );
    // The README's catalog in TypeScript over the generated code: payloads are typed from the user's .proto.
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const ownEvents = readme.slice(readme.indexOf('### Your own events'));
    const catalogTs = /```ts\n([\s\S]*?)```/.exec(ownEvents)![1]!.replaceAll('./generated/', '../shop/');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'src/shop-catalog.ts'),
      `${catalogTs}
import { createOutbox } from '@commercebridge/outbox';
import type pg from 'pg';
export async function place(client: pg.PoolClient) {
  const outbox = createOutbox({ catalog });
  await outbox.publish(client, 'shop.order.placed', { orderId: 'o-1', sku: 'SKU-1', quantity: 2 });
  // @ts-expect-error quantity is an int32 in shop.proto
  await outbox.publish(client, 'shop.order.placed', { orderId: 'o-1', quantity: 'two' });
  // @ts-expect-error no such event type in the catalog
  await outbox.publish(client, 'shop.order.lost', { orderId: 'o-1' });
}
`,
    );
    const tsc = [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', app, '--pretty', 'false'];
    expect((await sh(process.execPath, [...tsc, '--skipLibCheck'], app)).stdout).toBe('');

    const env = {
      DATABASE_URL: stackEnv().DATABASE_URL,
      KAFKA_BROKERS: stackEnv().KAFKA_BROKERS,
      OUTBOX_SCHEMA: schema,
      SHOP_TOPIC: topic,
      COMMERCEBRIDGE_CATALOG: 'shop/catalog.mjs',
    };
    await sh('npx', ['--no', 'commercebridge', 'migrate', '--no-modules'], app, env);
    await sh('npx', ['--no', 'commercebridge', 'topics', 'ensure', '--partitions', '2'], app, env);
    onTestFinished(() => deleteTopics([topic, `${topic}.dlq`, `${schema}.relay-state`]));

    // Plain node: three events in one committed transaction (two keys), one in a rolled-back transaction.
    const published = await nodeJson<{ committed: string[] }>(
      app,
      'publish.mjs',
      `import pg from 'pg';
      import { createOutbox } from '@commercebridge/outbox';
      import { catalog } from './shop/catalog.mjs';
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
      const outbox = createOutbox({ catalog, schema: process.env.OUTBOX_SCHEMA });
      const inTransaction = async (commit, orders) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          for (const [orderId, quantity] of orders)
            await outbox.publish(client, 'shop.order.placed', { orderId, sku: 'SKU-' + quantity, quantity });
          await client.query(commit ? 'commit' : 'rollback');
        } finally {
          client.release();
        }
      };
      await inTransaction(true, [['o-1', 1], ['o-2', 1], ['o-1', 2]]);
      await inTransaction(false, [['o-rolled-back', 9]]);
      await pool.end();
      console.log(JSON.stringify({ committed: ['o-1', 'o-2', 'o-1'] }));\n`,
      env,
    );
    expect(published.committed).toHaveLength(3);

    const relay = startBin(['relay'], { ...env, RELAY_SLOT_COUNT: '1', RELAY_METRICS_PORT: '0' });
    await waitFor(() => relay.output().includes('"relay.ready"'), {
      timeout: 60_000,
      what: `relay.ready from the installed relay:\n${relay.output()}`,
    });
    // An independent read_committed reader (librdkafka) sees each committed event once, in order per key,
    // and never the rolled-back one.
    const messages = await waitFor(
      async () => {
        const read = await readAllCommitted(topic, 30);
        return read.length >= 3 ? read : undefined;
      },
      { timeout: 60_000, what: `three events on ${topic}:\n${relay.output()}` },
    );
    const decoded = await nodeJson<{ key: string; type: string; payload: Record<string, unknown> }[]>(
      app,
      'decode.mjs',
      `import { createWireCodec } from '@commercebridge/schemas';
      import { catalog } from './shop/catalog.mjs';
      const messages = JSON.parse(process.argv[2]);
      const mode = process.env.SCHEMA_REGISTRY_URL ? { mode: 'registry', url: process.env.SCHEMA_REGISTRY_URL } : { mode: 'headers' };
      const codec = createWireCodec(catalog, mode);
      const out = [];
      for (const m of messages) {
        const headers = Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
        const event = await codec.fromWire(Buffer.from(m.value, 'base64'), headers);
        out.push({ key: m.key, type: event.type, payload: event.payload.toJSON() });
      }
      console.log(JSON.stringify(out));\n`,
      env,
      [
        JSON.stringify(
          messages.map((m) => ({
            key: m.key,
            value: m.value?.toString('base64'),
            headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, v.toString('base64')])),
          })),
        ),
      ],
    );
    expect(decoded).toHaveLength(3);
    const perKey = (key: string) => decoded.filter((m) => m.key === key).map((m) => m.payload);
    expect(perKey('o-1')).toEqual([
      { orderId: 'o-1', sku: 'SKU-1', quantity: 1 },
      { orderId: 'o-1', sku: 'SKU-2', quantity: 2 },
    ]);
    expect(perKey('o-2')).toEqual([{ orderId: 'o-2', sku: 'SKU-1', quantity: 1 }]);
    expect(decoded.every((m) => m.type === 'shop.order.placed')).toBe(true);
    relay.child.kill('SIGTERM');
    expect(await relay.exited, relay.output()).toBe(0);
  });

  it('serve the console from the installed package: its page and assets, then exit 0 on SIGTERM', async () => {
    const pool = testPool();
    const schema = await createTestSchema(pool, 'pack_console');
    const env = { DATABASE_URL: stackEnv().DATABASE_URL, KAFKA_BROKERS: stackEnv().KAFKA_BROKERS };
    await sh('npx', ['commercebridge', 'migrate', '--schema', schema], app, env);
    const consoleProcess = startBin(['console', '--port', '0', '--read-only', '--schema', schema], env);
    const url = await waitFor(() => /console listening on (\S+)/.exec(consoleProcess.output())?.[1], {
      what: `the console's address:\n${consoleProcess.output()}`,
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect((await fetch(new URL(asset, url))).status, asset).toBe(200);
    consoleProcess.child.kill('SIGTERM');
    expect(await consoleProcess.exited, consoleProcess.output()).toBe(0);
  });

  it('generate code with `commercebridge schemas gen` (the installed protobufjs-cli)', async () => {
    const schemasDir = join(app, 'node_modules/@commercebridge/schemas');
    const out = join(app, 'generated');
    await sh(
      'npx',
      [
        '--no',
        'commercebridge',
        'schemas',
        'gen',
        '--proto-dir',
        join(schemasDir, 'proto'),
        '--out-dir',
        out,
      ],
      app,
    );
    // The same code as the package ships, generated from the same .proto files.
    for (const file of ['messages.js', 'messages.d.ts']) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(
        readFileSync(join(schemasDir, 'dist/generated', file), 'utf8'),
      );
    }
  });
});

describe('an install without drizzle-orm', () => {
  it('loads every package, and the outbox publishes with pg alone', async () => {
    expect(() => readFileSync(join(pgOnly, 'node_modules/drizzle-orm/package.json'))).toThrow();
    const pool = testPool();
    const schema = await createTestSchema(pool, 'pack_pg');
    const result = await nodeJson<{ loaded: string[]; drizzleEntry: string; published: string }>(
      pgOnly,
      'publish.mjs',
      `const loaded = [];
      for (const name of ['config', 'schemas', 'observability', 'outbox', 'relay', 'consumers', 'modules', 'cli', 'console']) {
        await import('@commercebridge/' + name);
        loaded.push(name);
      }
      const drizzleEntry = await import('@commercebridge/outbox/drizzle').then(() => 'loaded', (error) => error.code);
      const { catalog } = await import('@commercebridge/schemas');
      const { createOutbox, migrate } = await import('@commercebridge/outbox');
      const pg = (await import('pg')).default;
      const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
      const schema = process.env.SCHEMA;
      await migrate({ pool, schema });
      const outbox = createOutbox({ catalog, schema });
      const client = await pool.connect();
      await client.query('begin');
      const { eventId } = await outbox.publish(client, 'order.placed', { orderId: 'o-1', customerId: 'c-1' });
      await client.query('commit');
      client.release();
      await pool.end();
      console.log(JSON.stringify({ loaded, drizzleEntry, published: eventId }));`,
      { DATABASE_URL: stackEnv().DATABASE_URL, SCHEMA: schema },
    );
    expect(result.loaded).toEqual([
      'config',
      'schemas',
      'observability',
      'outbox',
      'relay',
      'consumers',
      'modules',
      'cli',
      'console',
    ]);
    // Only the Drizzle entry point needs drizzle-orm.
    expect(result.drizzleEntry).toBe('ERR_MODULE_NOT_FOUND');
    const { rows } = await pool.query(`select event_id, event_type from "${schema}".events`);
    expect(rows).toEqual([{ event_id: result.published, event_type: 'order.placed' }]);
  });
});

/** What a TypeScript user writes against the public API; compiled, never run. */
const API_USE = `
import { createBridge, type Bridge } from '@commercebridge/modules';
import { EXIT, main } from '@commercebridge/cli';
import { type Console, createConsole } from '@commercebridge/console';
import { createConsumer, type Consumer, type Handlers } from '@commercebridge/consumers';
import { createOutbox, fromPg, migrate, type Outbox, OutboxError } from '@commercebridge/outbox';
import { outboxTables } from '@commercebridge/outbox/drizzle';
import { createRelay, type Relay } from '@commercebridge/relay';
import {
  catalog,
  commercebridge,
  createWireCodec,
  defineCatalog,
  type EventPayload,
  protoSources,
  SchemaError,
} from '@commercebridge/schemas';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';

export const shop = defineCatalog(
  {
    'order.placed': {
      topic: 'orders.events.v1',
      message: commercebridge.orders.v1.OrderPlaced,
      key: (payload) => payload.orderId,
      required: ['orderId', 'customerId'],
    },
    'order.shipped': {
      topic: 'orders.events.v1',
      message: commercebridge.orders.v1.OrderShipped,
      key: (payload) => payload.orderId,
    },
  },
  { sources: protoSources },
);

export async function writeWithPg(pool: pg.Pool): Promise<string> {
  await migrate({ pool, schema: 'shop' });
  const outbox: Outbox<typeof shop> = createOutbox({ catalog: shop, schema: 'shop' });
  const payload: EventPayload<typeof shop, 'order.placed'> = { orderId: 'o-1', customerId: 'c-1' };
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { eventId } = await outbox.publish(client, 'order.placed', payload);
    await outbox.publish(fromPg(client), 'order.shipped', { orderId: 'o-1', carrier: 'dhl' });
    // @ts-expect-error a misspelled field does not compile
    await outbox.publish(client, 'order.placed', { orderId: 'o-1', custmerId: 'c-1' });
    // @ts-expect-error an event type that is not in the catalog
    await outbox.publish(client, 'order.refunded', { orderId: 'o-1' });
    await client.query('commit');
    return eventId;
  } catch (error) {
    await client.query('rollback');
    if (error instanceof OutboxError || error instanceof SchemaError) console.error(error.code);
    throw error;
  } finally {
    client.release();
  }
}

export async function writeWithDrizzle(pool: pg.Pool) {
  const db = drizzle(pool);
  const outbox = createOutbox({ catalog });
  await db.transaction(async (tx) => {
    await outbox.publish(tx, 'order.placed', { orderId: 'o-2', customerId: 'c-2' });
  });
  return db.select().from(outboxTables('commercebridge').events);
}

const handlers: Handlers<typeof shop> = {
  'order.placed': async (event, ctx) => {
    const orderId: string = event.orderId;
    await ctx.client.query('select $1::text', [orderId]);
    // @ts-expect-error OrderPlaced has no carrier
    console.log(event.carrier);
  },
};

export function readSide(pool: pg.Pool): { consumer: Consumer; relay: Relay; bridge: Bridge } {
  const consumer = createConsumer({
    catalog: shop,
    pool,
    groupId: 'billing',
    brokers: ['localhost:9092'],
    codec: createWireCodec(shop, { mode: 'headers' }),
    handlers,
  });
  const relay = createRelay({ database: pool, kafka: { brokers: ['localhost:9092'] }, catalog: shop });
  const bridge = createBridge({ pool });
  return { consumer, relay, bridge };
}

export function operatorConsole(pool: pg.Pool): Console {
  return createConsole({ pool, kafka: { brokers: ['localhost:9092'] }, catalog: shop, readOnly: true });
}

export async function cli(): Promise<boolean> {
  return (await main(['--version'])) === EXIT.ok;
}
`;
