// The relay's /metrics reads the backlog of every slot of its schema from Postgres at scrape, not only of the
// slots it owns, and not only while it publishes.
import { createLogger } from '@commercebridge/config';
import { lockBucket } from '@commercebridge/outbox';
import { expect, it } from 'vitest';
import { createTopic, randomName, testPool, waitFor } from '../../../test/support/helpers.ts';
import { createRelay } from '../src/index.ts';
import { outboxSchema, relayOptions, startRelay, testCatalog, writeEvents } from './support.ts';

const SLOTS = 4;

/** Keys whose events fall in `slot` (slot = lock bucket mod slot count). */
function keysOfSlot(slot: number, count: number): string[] {
  const keys: string[] = [];
  for (let i = 0; keys.length < count; i++) {
    if (lockBucket(`order-${i}`) % SLOTS === slot) keys.push(`order-${i}`);
  }
  return keys;
}

function sample(text: string, name: string, slot: number): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{slot="${slot}"} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

it('a relay owning slot 0 only reports the backlog and oldest age of every slot, and its own ownership', async () => {
  const pool = testPool();
  const schema = await outboxSchema(pool);
  const topic = await createTopic(randomName('orders'), 3);
  const catalog = testCatalog(topic);
  // Slots 1..3 are leased for an hour to a relay that is not running: this relay can take slot 0 only, and
  // the events of the other slots stay unpublished.
  await pool.query(
    `insert into "${schema}".relay_slots (slot, owner, lease_expires_at)
     select s, case when s = 0 then null else 'another-relay' end,
            case when s = 0 then null else now() + interval '1 hour' end
     from generate_series(0, $1::int - 1) s`,
    [SLOTS],
  );
  let seq = 0;
  for (let slot = 0; slot < SLOTS; slot++) {
    // slot + 2 events in slot `slot`: 2, 3, 4, 5.
    const events = keysOfSlot(slot, slot + 2).map((orderId) => ({ orderId, seq: seq++ }));
    await writeEvents(pool, schema, catalog, events);
  }

  const relay = await startRelay(relayOptions(pool, schema, catalog, { slotCount: SLOTS, metricsPort: 0 }));
  expect(relay.snapshot().slots).toEqual([0]);
  const url = `http://127.0.0.1:${relay.httpPort}`;
  const text = await waitFor(
    async () => {
      const body = await (await fetch(`${url}/metrics`)).text();
      return sample(body, 'commercebridge_outbox_backlog', 0) === 0 ? body : undefined;
    },
    { what: 'slot 0 published and its backlog 0 on /metrics' },
  );
  expect([1, 2, 3].map((slot) => sample(text, 'commercebridge_outbox_backlog', slot))).toEqual([3, 4, 5]);
  expect(sample(text, 'commercebridge_outbox_oldest_age_seconds', 0)).toBe(0);
  for (const slot of [1, 2, 3]) {
    expect(sample(text, 'commercebridge_outbox_oldest_age_seconds', slot)).toBeGreaterThan(0);
  }
  expect(text).toMatch(/^relay_slots_owned 1$/m);
  const readyz = await fetch(`${url}/readyz`);
  expect(readyz.status).toBe(200);
  expect(await readyz.json()).toEqual({ ready: true, relayId: relay.relayId, slots: [0], stalled: [] });
});

it('reports the backlog on its registry whether or not it runs, and leaves it out when Postgres cannot answer', async () => {
  const pool = testPool();
  const schema = await outboxSchema(pool);
  const topic = await createTopic(randomName('orders'), 3);
  const catalog = testCatalog(topic);
  await writeEvents(pool, schema, catalog, [{ orderId: keysOfSlot(2, 1)[0]!, seq: 0 }]);
  const lines: string[] = [];
  // Not started: no slot is owned and no loop runs, and the registry still tells the backlog.
  const relay = createRelay(
    relayOptions(pool, schema, catalog, {
      slotCount: SLOTS,
      logger: createLogger({ level: 'info', destination: (l) => lines.push(l) }),
    }),
  );
  const text = await relay.metrics.metrics();
  expect([0, 1, 2, 3].map((slot) => sample(text, 'commercebridge_outbox_backlog', slot))).toEqual([
    0, 0, 1, 0,
  ]);

  // The events table gone: the scrape still answers, without the backlog gauges, and the failure is logged once.
  await pool.query(`alter table "${schema}".events rename to events_moved`);
  for (let i = 0; i < 3; i++) {
    const failed = await relay.metrics.metrics();
    expect(sample(failed, 'commercebridge_outbox_backlog', 2)).toBeUndefined();
    expect(failed).toContain('relay_slots_owned');
  }
  const failures = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'metrics.read_failed');
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatchObject({ level: 'warn', source: 'outbox backlog' });
  await pool.query(`alter table "${schema}".events_moved rename to events`);
  expect(sample(await relay.metrics.metrics(), 'commercebridge_outbox_backlog', 2)).toBe(1);
  expect(lines.map((l) => JSON.parse(l).msg)).toContain('metrics.read_recovered');
});
