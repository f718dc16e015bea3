// Crash windows simulated in process: a batch committed to Kafka but never marked, a dead relay's leases, a
// producer fenced right before its commit. Every check reads Kafka with the independent read_committed reader.
import { createLogger } from '@commercebridge/config';
import { migrate } from '@commercebridge/outbox';
import { describe, expect, it } from 'vitest';
import {
  createTopic,
  kafka,
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import { createRelay } from '../src/index.ts';
import {
  deleteTopicLater,
  outboxSchema,
  relayOptions,
  startRelay,
  testCatalog,
  unpublishedCount,
  waitAllPublished,
  writeEvents,
} from './support.ts';

async function setup() {
  const pool = testPool();
  const schema = await outboxSchema(pool);
  const topic = await createTopic(randomName('relay.events'), 3);
  await deleteTopicLater(`${schema}.relay-state`);
  return { pool, schema, topic, catalog: testCatalog(topic) };
}

function eventIds(messages: { headers: Record<string, Buffer> }[]): string[] {
  return messages.map((m) => m.headers['event-id']!.toString());
}

function logCollector() {
  const lines: Record<string, unknown>[] = [];
  return { lines, sink: (line: string) => lines.push(JSON.parse(line)) };
}

describe('relay recovery', () => {
  it('a relay that dies after the Kafka commit and before marking: the next one publishes nothing twice', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const ids = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 40 }, (_, i) => ({ orderId: `order-${i % 5}`, seq: i })),
    );
    // Relay A freezes forever in the window between the Kafka commit and markPublished of its first batch.
    let release: () => void = () => {};
    const frozen = new Promise<void>((resolve) => {
      release = resolve;
    });
    let committedBatch: number[] = [];
    const a = createRelay(
      relayOptions(pool, schema, catalog, {
        relayId: 'relay-a',
        slotCount: 1,
        batchSize: 10,
        transactionMaxEvents: 10,
        shutdownTimeoutMs: 500,
        hooks: {
          afterKafkaCommit: async ({ positions }) => {
            if (committedBatch.length === 0) {
              committedBatch = positions;
              await frozen;
            }
          },
        },
      }),
    );
    await a.start();
    await waitFor(() => committedBatch.length > 0, { what: 'relay A committing its first batch' });
    // The batch is on Kafka, not marked in Postgres: the window a crash leaves behind.
    expect(await unpublishedCount(pool, schema)).toBe(40);
    expect((await a.stop()).forced).toBe(true);

    const logs = logCollector();
    await startRelay(
      relayOptions(pool, schema, catalog, {
        relayId: 'relay-b',
        slotCount: 1,
        logger: createLogger({ level: 'info', destination: logs.sink }),
      }),
    );
    await waitAllPublished(pool, schema);
    release();
    const recovered = logs.lines.find((l) => l['msg'] === 'slot.recovered');
    expect(recovered).toMatchObject({ slot: 0, marked: 10, positions: 10 });
    const published = eventIds(await readAllCommitted(topic));
    expect(published.length).toBe(40);
    expect(new Set(published)).toEqual(new Set(ids));
  });

  it('a database recreated under the same schema name, its state topic kept: the new rows are all published', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const options = relayOptions(pool, schema, catalog, { slotCount: 1 });
    const first = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 30 }, (_, i) => ({ orderId: `old-${i % 3}`, seq: i })),
    );
    const a = await startRelay({ ...options, relayId: 'relay-a' });
    await waitAllPublished(pool, schema);
    await a.stop();
    // The database is made again (drop and migrate: positions start at 1 again); the state topic still holds
    // relay A's last record, naming positions of the old rows.
    await pool.query(`drop schema "${schema}" cascade`);
    await migrate({ pool, schema });
    const second = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 30 }, (_, i) => ({ orderId: `new-${i % 3}`, seq: i })),
    );
    const logs = logCollector();
    await startRelay({
      ...options,
      relayId: 'relay-b',
      logger: createLogger({ level: 'info', destination: logs.sink }),
    });
    await waitAllPublished(pool, schema);
    // Every row of both databases reached Kafka once: none of the new ones was marked published unsent.
    const published = eventIds(await readAllCommitted(topic));
    expect(published.sort()).toEqual([...first, ...second].sort());
    expect(logs.lines.find((l) => l['msg'] === 'slot.state_foreign')).toMatchObject({ slot: 0 });
    expect(logs.lines.find((l) => l['msg'] === 'slot.recovered')).toMatchObject({ slot: 0, marked: 0 });
  });

  it('a transaction of several produce requests, committed and never marked: the next relay marks all of its rows', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const ids = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 40 }, (_, i) => ({ orderId: `order-${i % 5}`, seq: i })),
    );
    let release: () => void = () => {};
    const frozen = new Promise<void>((resolve) => {
      release = resolve;
    });
    let committed: number[] = [];
    const a = createRelay(
      relayOptions(pool, schema, catalog, {
        relayId: 'relay-a',
        slotCount: 1,
        // 40 rows in produce requests of 7: one transaction of 6 requests (the time bound is far away).
        batchSize: 7,
        transactionMaxEvents: 40,
        transactionMaxMs: 60_000,
        shutdownTimeoutMs: 500,
        hooks: {
          afterKafkaCommit: async ({ positions }) => {
            if (committed.length === 0) {
              committed = positions;
              await frozen;
            }
          },
        },
      }),
    );
    await a.start();
    await waitFor(() => committed.length > 0, { what: 'relay A committing its first transaction' });
    expect(committed).toHaveLength(40);
    expect(await unpublishedCount(pool, schema)).toBe(40);
    expect((await a.stop()).forced).toBe(true);

    const logs = logCollector();
    await startRelay(
      relayOptions(pool, schema, catalog, {
        relayId: 'relay-b',
        slotCount: 1,
        logger: createLogger({ level: 'info', destination: logs.sink }),
      }),
    );
    await waitAllPublished(pool, schema);
    release();
    const recovered = logs.lines.find((l) => l['msg'] === 'slot.recovered');
    expect(recovered).toMatchObject({ slot: 0, marked: 40, positions: 40 });
    const messages = await readAllCommitted(topic);
    expect(eventIds(messages)).toHaveLength(40);
    expect(new Set(eventIds(messages))).toEqual(new Set(ids));
    for (const key of ['order-0', 'order-1', 'order-2', 'order-3', 'order-4']) {
      const sent = messages
        .filter((m) => m.key === key)
        .sort((x, y) => x.offset - y.offset)
        .map((m) => m.headers['event-id']!.toString());
      expect(sent).toEqual(ids.filter((_, i) => `order-${i % 5}` === key));
    }
  });

  it('a dead relay (no heartbeat) loses its slots to a live one within the lease time', async () => {
    const { pool, schema, catalog, topic } = await setup();
    // A relay that died: it holds every slot and its member row, and never renews them.
    const ttlMs = 3000;
    const b = createRelay(relayOptions(pool, schema, catalog, { relayId: 'relay-b', leaseTtlMs: ttlMs }));
    onStop(b);
    // Tables and slot rows exist once a relay has run setup; create them through a first start/stop.
    await b.start();
    await b.stop();
    await pool.query(
      `update "${schema}".relay_slots set owner = 'relay-dead', lease_expires_at = now() + interval '3 seconds'`,
    );
    await pool.query(
      `insert into "${schema}".relay_members (relay_id, expires_at) values ('relay-dead', now() + interval '3 seconds')`,
    );
    const ids = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 20 }, (_, i) => ({ orderId: `order-${i}`, seq: i })),
    );
    const started = Date.now();
    const c = await startRelay(
      relayOptions(pool, schema, catalog, { relayId: 'relay-c', leaseTtlMs: ttlMs }),
    );
    expect(c.snapshot().slots).toEqual([]);
    await waitFor(() => c.snapshot().slots.length === 4, {
      timeout: 10_000,
      what: 'relay C owning all 4 slots',
    });
    const tookMs = Date.now() - started;
    expect(tookMs).toBeLessThan(10_000);
    await waitAllPublished(pool, schema);
    expect(new Set(eventIds(await readAllCommitted(topic)))).toEqual(new Set(ids));
  });

  it('two relays share the slots, never publish an event twice, and one takes over when the other stops', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const a = await startRelay(relayOptions(pool, schema, catalog, { relayId: 'relay-a', slotCount: 4 }));
    const b = await startRelay(relayOptions(pool, schema, catalog, { relayId: 'relay-b', slotCount: 4 }));
    await waitFor(() => a.snapshot().slots.length === 2 && b.snapshot().slots.length === 2, {
      what: 'relays A and B owning 2 slots each',
    });
    expect([...a.snapshot().slots, ...b.snapshot().slots].sort()).toEqual([0, 1, 2, 3]);
    const ids: string[] = [];
    for (let t = 0; t < 30; t++) {
      ids.push(
        ...(await writeEvents(
          pool,
          schema,
          catalog,
          Array.from({ length: 5 }, (_, i) => ({ orderId: `order-${(t + i) % 11}`, seq: t * 5 + i })),
        )),
      );
      if (t === 15) await a.stop();
    }
    await waitFor(() => b.snapshot().slots.length === 4, {
      timeout: 10_000,
      what: 'relay B owning all 4 slots',
    });
    await waitAllPublished(pool, schema);
    const published = eventIds(await readAllCommitted(topic));
    expect(published.length).toBe(ids.length);
    expect(new Set(published)).toEqual(new Set(ids));
    expect(a.snapshot().publishedTotal + b.snapshot().publishedTotal).toBe(ids.length);
  });

  it('a batch that fails before its commit is aborted and sent again: read_committed sees it once', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const logs = logCollector();
    let failures = 0;
    const relay = await startRelay(
      relayOptions(pool, schema, catalog, {
        slotCount: 1,
        batchSize: 5,
        logger: createLogger({ level: 'warn', destination: logs.sink }),
        hooks: {
          beforeKafkaCommit: () => {
            // The first two batches are sent, then fail: their messages are on the partitions, uncommitted.
            if (failures < 2) {
              failures++;
              throw new Error('injected failure before commit');
            }
          },
        },
      }),
    );
    const ids = await writeEvents(
      pool,
      schema,
      catalog,
      Array.from({ length: 12 }, (_, i) => ({ orderId: `order-${i % 3}`, seq: i })),
    );
    await waitAllPublished(pool, schema);
    expect(failures).toBe(2);
    expect(logs.lines.filter((l) => l['msg'] === 'batch.failed')).toHaveLength(2);
    const messages = await readAllCommitted(topic);
    expect(eventIds(messages)).toHaveLength(12);
    expect(new Set(eventIds(messages))).toEqual(new Set(ids));
    // Per key in commit order (seq is the writing order, carried in the payload's channel field).
    for (const key of ['order-0', 'order-1', 'order-2']) {
      const ofKey = messages.filter((m) => m.key === key).sort((a, b) => a.offset - b.offset);
      const sent = ofKey.map((m) => m.headers['event-id']!.toString());
      expect(sent).toEqual(ids.filter((_, i) => `order-${i % 3}` === key));
    }
    expect(relay.snapshot().publishedTotal).toBe(12);
  });

  it('a producer fenced right before its commit gives the slot up and commits nothing', async () => {
    const { pool, schema, topic, catalog } = await setup();
    const logs = logCollector();
    let fencedOnce = false;
    const a = await startRelay(
      relayOptions(pool, schema, catalog, {
        relayId: 'relay-a',
        slotCount: 1,
        logger: createLogger({ level: 'info', destination: logs.sink }),
        hooks: {
          beforeKafkaCommit: async () => {
            if (fencedOnce) return;
            fencedOnce = true;
            // Another relay takes the lease and initializes the slot's transactional id: A is now a zombie.
            await pool.query(`update "${schema}".relay_slots set owner = 'relay-new' where slot = 0`);
            const producer = kafka().producer({ transactionalId: `${schema}.relay.0`, idempotent: true });
            await producer.connect();
            const tx = await producer.transaction();
            await tx.abort();
            await producer.disconnect();
          },
        },
      }),
    );
    await writeEvents(pool, schema, catalog, [{ orderId: 'order-1', seq: 1 }]);
    await waitFor(() => logs.lines.some((l) => l['msg'] === 'slot.lost'), {
      what: 'relay A losing slot 0',
    });
    expect(logs.lines.find((l) => l['msg'] === 'slot.lost')).toMatchObject({ slot: 0, reason: 'fenced' });
    await waitFor(() => a.snapshot().slots.length === 0, { what: 'relay A dropping slot 0' });
    expect(await readAllCommitted(topic)).toEqual([]);
    expect(await unpublishedCount(pool, schema)).toBe(1);
  });
});

function onStop(relay: { stop(): Promise<unknown> }) {
  // Stopping twice is a no-op; this covers a test that fails before its own stop().
  import('vitest').then(({ onTestFinished }) => onTestFinished(async () => void (await relay.stop())));
}
