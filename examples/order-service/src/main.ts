// `./dev example`: the order service as it is deployed (api, relay, workers; the console beside them), a
// scripted scenario over HTTP, a summary, then everything stops.
//   ./dev example            the scenario, then stop (exit 0)
//   ./dev example --serve    the scenario, then keep running until Ctrl-C (try the curl commands of README.md)
//   ./dev example --load N   N orders per second for 30 s: throughput and HTTP 201 -> notification latency
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad } from './run/load.ts';
import { exampleRoot } from './run/processes.ts';
import { runScenario, type ScenarioResult } from './run/scenario.ts';
import { type Services, setUp, startServices } from './run/services.ts';
import { readSpans, traceOf } from './run/traces.ts';
import { readSettings } from './settings.ts';

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    load: { type: 'string' },
    duration: { type: 'string' },
    'app-schema': { type: 'string' },
    'log-dir': { type: 'string' },
  },
});
const say = (line: string) => console.log(`[order-service] ${line}`);
const load = values.load === undefined ? undefined : Number(values.load);
if (load !== undefined && !(Number.isInteger(load) && load > 0 && load <= 10_000)) {
  console.error(`--load must be a whole number of orders per second from 1 to 10000 (got "${values.load}")`);
  process.exit(1);
}
const settings = readSettings(values['app-schema'] ? ['--app-schema', values['app-schema']] : []);
const logDir = values['log-dir'] ?? join(exampleRoot, '.logs');

const t0 = Date.now();
await setUp({ settings, logDir });
let services: Services | undefined;
let code = 0;
let scenario: ScenarioResult | undefined;
try {
  services = await startServices({ settings, logDir });
  say(
    `api ${services.apiUrl}, relay pid ${services.relay.pid}, workers pid ${services.workers.pid}; logs in ${logDir}`,
  );
  say(`console ${services.consoleUrl}`);
  if (load !== undefined) {
    const r = await runLoad({
      apiUrl: services.apiUrl,
      rate: load,
      durationMs: values.duration ? Number(values.duration) * 1000 : 30_000,
      say,
    });
    say(
      `load ${r.rate}/s for ${r.durationMs / 1000} s: ${r.accepted} of ${r.sent} orders accepted (${r.acceptedPerSecond.toFixed(1)}/s, ${r.failed} failed), ` +
        `${r.notified} notified (${r.notifiedPerSecond.toFixed(1)}/s)`,
    );
    say(`HTTP 201 -> notification latency: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms`);
    if (r.notified < r.accepted) {
      say(`${r.accepted - r.notified} accepted orders were not notified within the drain time`);
      code = 1;
    }
  } else {
    scenario = await runScenario({
      apiUrl: services.apiUrl,
      databaseUrl: settings.databaseUrl,
      schema: settings.schema,
      say,
    });
    say(`scenario done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (values.serve) {
    say(`serving: curl ${services.apiUrl}/orders/<id>; console ${services.consoleUrl}; Ctrl-C stops`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  }
} catch (error) {
  say(`failed: ${(error as Error).message}`);
  code = 1;
} finally {
  await services?.stop();
}
// One trace, from alice's POST /orders through the outbox row, the relay and the handlers (spans flushed at stop).
const traceId = scenario?.orders.alice.traceId;
if (services && traceId) {
  const spans = traceOf(readSpans(services.traceDir), traceId);
  const processes = [...new Set(spans.map((s) => s.service))].sort();
  say(`trace ${traceId}: ${spans.length} spans in ${processes.join(', ')} (files in ${services.traceDir})`);
  for (const span of spans)
    say(`  ${span.service.padEnd(8)} ${span.name} (${span.durationMs.toFixed(1)} ms)`);
}
say(code === 0 ? 'done' : 'failed');
process.exit(code);
