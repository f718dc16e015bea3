import { Registry } from 'prom-client';
import { expect, it, onTestFinished } from 'vitest';
import { METRICS, scrapedGauge, startHttpServer } from '../src/index.ts';

it('serves /metrics, /healthz and /readyz with their status codes and JSON bodies, on a free port', async () => {
  const registry = new Registry();
  scrapedGauge(registry, METRICS.dlqDepth).add(async () => [[{ topic: 'orders.dlq' }, 1]]);
  let state = { ok: true, ready: false };
  const server = await startHttpServer(
    0,
    {
      registry,
      health: () => ({ ok: state.ok, component: 'test' }),
      readiness: () => ({ ready: state.ready, memberId: state.ready ? 'm-1' : null }),
    },
    { host: '127.0.0.1' },
  );
  onTestFinished(() => server.close());
  expect(server.port).toBeGreaterThan(0);
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;

  const metrics = await fetch(url('/metrics'));
  expect(metrics.status).toBe(200);
  expect(metrics.headers.get('content-type')).toContain('text/plain');
  expect(await metrics.text()).toContain('commercebridge_dlq_depth{topic="orders.dlq"} 1');

  let readyz = await fetch(url('/readyz'));
  expect(readyz.status).toBe(503);
  expect(await readyz.json()).toEqual({ ready: false, memberId: null });
  state = { ok: true, ready: true };
  readyz = await fetch(url('/readyz'));
  expect(readyz.status).toBe(200);
  expect(await readyz.json()).toEqual({ ready: true, memberId: 'm-1' });

  expect((await fetch(url('/healthz'))).status).toBe(200);
  state = { ok: false, ready: false };
  const healthz = await fetch(url('/healthz?verbose'));
  expect(healthz.status).toBe(503);
  expect(await healthz.json()).toEqual({ ok: false, component: 'test' });

  const missing = await fetch(url('/nope'));
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain('/metrics, /healthz or /readyz');
});
