// Cost of publish() inside an application transaction.
//
//   pnpm bench:outbox            (BENCH_RUNS=5 BENCH_TX=3000 BENCH_CLIENTS=16 by default)
//
// Three scenarios, each run BENCH_RUNS times, interleaved so that machine noise hits all of them alike:
//   baseline     BEGIN; insert one domain row; COMMIT
//   notify-off   BEGIN; insert one domain row; publish() one ~500 B event; COMMIT   (createOutbox({ notify: false }))
//   notify-on    the same with the coalesced NOTIFY                                  (createOutbox({ notify: true }))
// BENCH_CLIENTS concurrent clients, each on its own connection, run BENCH_TX transactions in total per run.
// Prints a table and one JSON line: median throughput, median p50/p99 latency, cost ratio = baseline tx/s
// divided by scenario tx/s (1.00 = free; target <= 1.10).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createOutbox, migrate } from '../packages/outbox/src/index.ts';
import { catalog, encodeEvent } from '../packages/schemas/src/index.ts';
import { loadStackEnv } from '../test/support/stack-env.ts';
import { median, orderPayload, percentile } from './support.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const txPerRun = Number(process.env.BENCH_TX ?? 3000);
const clients = Number(process.env.BENCH_CLIENTS ?? 16);
const databaseUrl = loadStackEnv().DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is not set: start the local stack with `./dev stack up`');
  process.exit(2);
}

type Scenario = 'baseline' | 'notify-off' | 'notify-on';
const scenarios: Scenario[] = ['baseline', 'notify-off', 'notify-on'];

const schema = `bench_outbox_${randomBytes(4).toString('hex')}`;
const pool = new pg.Pool({ connectionString: databaseUrl, max: clients + 1 });
const outboxes = {
  'notify-off': createOutbox({ catalog, schema, notify: false }),
  'notify-on': createOutbox({ catalog, schema, notify: true }),
};

async function runOnce(scenario: Scenario): Promise<{ txPerSec: number; p50: number; p99: number }> {
  await pool.query(`truncate "${schema}".orders, "${schema}".events`);
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = await pool.connect();
      try {
        for (;;) {
          const n = next++;
          if (n >= txPerRun) return;
          const orderId = `order-${n}-${randomBytes(3).toString('hex')}`;
          const t0 = performance.now();
          await client.query('begin');
          await client.query(
            `insert into "${schema}".orders (order_id, customer_id, total) values ($1, $2, $3)`,
            [orderId, 'customer-000042', '77.50'],
          );
          if (scenario !== 'baseline') {
            await outboxes[scenario].publish(client, 'order.placed', orderPayload(orderId));
          }
          await client.query('commit');
          latencies.push(performance.now() - t0);
        }
      } finally {
        client.release();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { txPerSec: txPerRun / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  await migrate({ pool, schema });
  await pool.query(
    `create table "${schema}".orders (id bigint generated always as identity primary key, ` +
      'order_id text not null unique, customer_id text not null, total numeric not null, ' +
      'created_at timestamptz not null default now())',
  );
  const eventBytes = encodeEvent(catalog, 'order.placed', orderPayload('order-0-abcdef')).bytes.length;
  const results: Record<Scenario, Array<{ txPerSec: number; p50: number; p99: number }>> = {
    baseline: [],
    'notify-off': [],
    'notify-on': [],
  };
  // Warm-up: connections, plans, JIT of the hot paths.
  for (const scenario of scenarios) await runOnce(scenario);
  for (let run = 0; run < runs; run++) {
    // Rotate the order so that no scenario always runs first or last.
    const order = scenarios.map((_, i) => scenarios[(i + run) % scenarios.length]!);
    for (const scenario of order) results[scenario].push(await runOnce(scenario));
  }
  const summary = scenarios.map((scenario) => {
    const txPerSec = median(results[scenario].map((r) => r.txPerSec));
    return {
      scenario,
      txPerSec: Math.round(txPerSec),
      p50Ms: Number(median(results[scenario].map((r) => r.p50)).toFixed(2)),
      p99Ms: Number(median(results[scenario].map((r) => r.p99)).toFixed(2)),
      runsTxPerSec: results[scenario].map((r) => Math.round(r.txPerSec)),
    };
  });
  const base = summary[0]!.txPerSec;
  const rows = summary.map((s) => ({ ...s, costRatio: Number((base / s.txPerSec).toFixed(3)) }));
  console.log(
    `outbox publish benchmark: ${clients} clients, ${txPerRun} transactions per run, median of ${runs} runs, ` +
      `event ${eventBytes} B`,
  );
  console.log('scenario     tx/s     p50 ms   p99 ms   cost ratio (baseline tx/s / tx/s)');
  for (const r of rows) {
    console.log(
      `${r.scenario.padEnd(12)} ${String(r.txPerSec).padStart(6)}   ${r.p50Ms.toFixed(2).padStart(6)}   ` +
        `${r.p99Ms.toFixed(2).padStart(6)}   ${r.costRatio.toFixed(3)}`,
    );
  }
  console.log(
    JSON.stringify({
      benchmark: 'outbox-publish',
      clients,
      txPerRun,
      runs,
      eventBytes,
      target: { costRatioMax: 1.1 },
      results: rows,
    }),
  );
}

main()
  .finally(async () => {
    await pool.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
    await pool.end();
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
