// encodeEvent (validation + encoding) against the raw generated encoder in the same run, and registry framing.
// Run: node --import tsx bench/schemas-encode.ts   (SCHEMA_REGISTRY_URL or .stack/env for the framing part)
import {
  catalog,
  commercebridge,
  createWireCodec,
  defineCatalog,
  encodeEvent,
  protoSources,
} from '../packages/schemas/src/index.ts';
import { loadStackEnv } from '../test/support/stack-env.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200_000);
const payload = {
  orderId: 'o-1001',
  customerId: 'c-7',
  items: [
    {
      lineItemId: 'l-1',
      sku: 'SKU-1',
      name: 'Mug',
      quantity: 2,
      unitPrice: { currencyCode: 'EUR', amount: '9.99' },
    },
    {
      lineItemId: 'l-2',
      sku: 'SKU-2',
      name: 'Tea',
      quantity: 1,
      unitPrice: { currencyCode: 'EUR', amount: '4.50' },
    },
  ],
  total: { currencyCode: 'EUR', amount: '24.48' },
  placedAt: '2026-01-01T10:00:00.000Z',
};

function measure(name: string, fn: () => unknown): number {
  for (let i = 0; i < 10_000; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = ITERATIONS / seconds;
  console.log(`${name.padEnd(44)} ${Math.round(rate).toLocaleString('en')} ops/s`);
  return rate;
}

const raw = measure('raw OrderPlaced.encode (baseline)', () =>
  commercebridge.orders.v1.OrderPlaced.encode(payload).finish(),
);
const validated = measure('encodeEvent (validate + encode)', () =>
  encodeEvent(catalog, 'order.placed', payload),
);
console.log(`encodeEvent / raw: ${(validated / raw).toFixed(2)}`);

const url = loadStackEnv().SCHEMA_REGISTRY_URL;
if (url) {
  const topic = `bench.orders.${Date.now()}`;
  const mine = defineCatalog(
    { 'order.placed': { topic, message: commercebridge.orders.v1.OrderPlaced, key: (p) => p.orderId } },
    { sources: protoSources },
  );
  const codec = createWireCodec(mine, { mode: 'registry', url, referenceSubject: (p) => `${topic}/${p}` });
  const bytes = encodeEvent(mine, 'order.placed', payload).bytes;
  await codec.toWire('order.placed', bytes);
  const start = process.hrtime.bigint();
  const n = ITERATIONS / 4;
  for (let i = 0; i < n; i++) await codec.toWire('order.placed', bytes);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${'toWire, registry mode (cached id)'.padEnd(44)} ${Math.round(n / seconds).toLocaleString('en')} ops/s`,
  );
  for (const subject of [`${topic}-value`, `${topic}/commercebridge/common/v1/common.proto`]) {
    await fetch(`${url}/subjects/${encodeURIComponent(subject)}`, { method: 'DELETE' });
    await fetch(`${url}/subjects/${encodeURIComponent(subject)}?permanent=true`, { method: 'DELETE' });
  }
}
