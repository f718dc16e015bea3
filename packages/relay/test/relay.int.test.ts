import { createWireCodec } from '@commercebridge/schemas';
import { describe, expect, it } from 'vitest';
import {
  type CommittedMessage,
  createTopic,
  randomName,
  readAllCommitted,
  testPool,
} from '../../../test/support/helpers.ts';
import {
  deleteTopicLater,
  outboxSchema,
  relayOptions,
  startRelay,
  type TestCatalog,
  testCatalog,
  waitAllPublished,
  writeEvents,
} from './support.ts';

/** Written events, in commit order. */
type Written = { id: string; orderId: string }[];

async function writeMany(
  pool: import('pg').Pool,
  schema: string,
  catalog: TestCatalog,
  transactions: number,
  perTransaction: number,
  keys: number,
): Promise<Written> {
  const written: Written = [];
  let seq = 0;
  for (let t = 0; t < transactions; t++) {
    const events = Array.from({ length: perTransaction }, (_, i) => ({
      orderId: `order-${(t * 7 + i) % keys}`,
      seq: seq++,
    }));
    const ids = await writeEvents(pool, schema, catalog, events);
    for (const [i, id] of ids.entries()) written.push({ id, orderId: events[i]!.orderId });
  }
  return written;
}

/** Every written event exactly once; per key in commit order. */
function expectExactlyOnceInOrder(messages: CommittedMessage[], written: Written): void {
  const ids = messages.map((m) => m.headers['event-id']!.toString());
  expect(ids.length).toBe(written.length);
  expect(new Set(ids).size).toBe(written.length);
  expect(new Set(ids)).toEqual(new Set(written.map((w) => w.id)));
  const byKey = new Map<string, string[]>();
  for (const m of [...messages].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    const list = byKey.get(m.key!) ?? [];
    list.push(m.headers['event-id']!.toString());
    byKey.set(m.key!, list);
  }
  for (const [key, list] of byKey) {
    expect(list).toEqual(written.filter((w) => w.orderId === key).map((w) => w.id));
  }
}

async function setup(partitions = 3) {
  const pool = testPool();
  const schema = await outboxSchema(pool);
  const topic = await createTopic(randomName('relay.events'), partitions);
  await deleteTopicLater(`${schema}.relay-state`);
  return { pool, schema, topic, catalog: testCatalog(topic) };
}

describe('relay', () => {
  it('publishes every committed event exactly once, in order per key, with the contract headers', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const written = await writeMany(pool, schema, catalog, 20, 10, 13);
    const relay = await startRelay(relayOptions(pool, schema, catalog, { batchSize: 25 }));
    await waitAllPublished(pool, schema);
    expect(relay.snapshot().slots).toEqual([0, 1, 2, 3]);

    const messages = await readAllCommitted(topic);
    expectExactlyOnceInOrder(messages, written);
    const first = messages[0]!;
    const header = (name: string) => first.headers[name]?.toString();
    expect(header('event-type')).toBe('order.placed');
    expect(header('message-name')).toBe('commercebridge.orders.v1.OrderPlaced');
    expect(header('schema-version')).toBe('1');
    expect(header('correlation-id')).toBe(header('event-id'));
    expect(header('causation-id')).toBe(header('event-id'));
    expect(Number.isNaN(Date.parse(header('occurred-at')!))).toBe(false);
    const decoded = await createWireCodec(catalog, { mode: 'headers' }).fromWire(first.value!, first.headers);
    expect(decoded.type).toBe('order.placed');
    expect((decoded.payload as { orderId: string }).orderId).toBe(first.key);
  });
});
