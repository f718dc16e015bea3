import { lockBucket } from '@commercebridge/outbox';
import { createWireCodec } from '@commercebridge/schemas';
import { describe, expect, it } from 'vitest';
import {
  type CommittedMessage,
  createTopic,
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import {
  deleteTopicLater,
  outboxSchema,
  relayOptions,
  startRelay,
  type TestCatalog,
  testCatalog,
  unpublishedCount,
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

  it('a row that commits late, below rows published meanwhile, is published once and before the later rows of its key', async () => {
    const { pool, schema, topic, catalog } = await setup();
    await startRelay(relayOptions(pool, schema, catalog, { slotCount: 1, batchSize: 10 }));
    // A first round is published, so that the slot's claims no longer start from the beginning.
    const written = await writeMany(pool, schema, catalog, 5, 10, 13);
    await waitAllPublished(pool, schema);
    // A key whose bucket no other writer of the test uses: its writer holds the bucket lock while it waits.
    const used = new Set(Array.from({ length: 13 }, (_, i) => lockBucket(`order-${i}`)));
    let n = 0;
    while (used.has(lockBucket(`late-${n}`))) n++;
    const lateKey = `late-${n}`;
    let inserted: () => void = () => {};
    const insertedNow = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    let commit: () => void = () => {};
    const committing = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const lateWrite = writeEvents(pool, schema, catalog, [{ orderId: lateKey, seq: 0 }], {
      beforeCommit: async () => {
        inserted();
        await committing;
      },
    });
    await insertedNow;
    // Rows with higher positions commit and are published while the late one is still open.
    const meanwhile = await writeMany(pool, schema, catalog, 5, 10, 13);
    // (The open row is not visible yet: nothing committed is left unpublished.)
    await waitFor(async () => (await unpublishedCount(pool, schema)) === 0, {
      what: 'every committed row published while the late one is open',
    });
    commit();
    const [lateId] = await lateWrite;
    const [afterId] = await writeEvents(pool, schema, catalog, [{ orderId: lateKey, seq: 1 }]);
    await waitAllPublished(pool, schema);
    expectExactlyOnceInOrder(await readAllCommitted(topic), [
      ...written,
      ...meanwhile,
      { id: lateId!, orderId: lateKey },
      { id: afterId!, orderId: lateKey },
    ]);
  });
});
