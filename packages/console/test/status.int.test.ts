import { createLogger } from '@commercebridge/config';
import { purgeDlq } from '@commercebridge/consumers';
import { lockBucket } from '@commercebridge/outbox';
import { createRelay } from '@commercebridge/relay';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTopic, randomName, testPool, waitFor } from '../../../test/support/helpers.ts';
import { produce, wireMessages } from '../../consumers/test/support.ts';
import { readStatus, type Status } from '../src/index.ts';
import { brokers, consoleSchema, consumeOnce, ordersCatalog, publishOrders, seedJobs } from './support.ts';

function ok<S extends { status: string }>(section: S): Extract<S, { status: 'ok' }> {
  if (section.status !== 'ok') throw new Error(`section not ok: ${JSON.stringify(section)}`);
  return section as Extract<S, { status: 'ok' }>;
}

/** Age of the oldest unpublished event per slot, straight from the table (database clock). */
async function oldestAges(pool: ReturnType<typeof testPool>, schema: string, slotCount: number) {
  const { rows } = await pool.query<{ slot: number; age_ms: number }>(
    `select bucket % $1::int as slot,
            (extract(epoch from (clock_timestamp() - min(occurred_at))) * 1000)::float8 as age_ms
       from "${schema}".events where published_at is null group by 1`,
    [slotCount],
  );
  return new Map(rows.map((row) => [row.slot, row.age_ms]));
}

describe('readStatus', () => {
  it('outbox: backlog per slot and the age of its oldest unpublished event, with no relay running', async () => {
    const pool = testPool();
    const schema = await consoleSchema(pool);
    const catalog = ordersCatalog(randomName('orders'));
    const orders = Array.from({ length: 12 }, (_, i) => `order-${i}`);
    await publishOrders(pool, schema, catalog, orders);
    // No relay ever ran on the schema: the relay's default slot count (4) applies.
    const expected = [0, 0, 0, 0];
    for (const orderId of orders) expected[lockBucket(orderId) % 4]! += 1;

    const before = await oldestAges(pool, schema, 4);
    const status = await readStatus({ pool, schema, kafka: { brokers: brokers() } });
    const after = await oldestAges(pool, schema, 4);

    const outbox = ok(status.outbox);
    expect(outbox).toMatchObject({ slotCount: 4, slotCountSource: 'default', backlog: 12, relays: [] });
    expect(outbox.slots.map((s) => s.backlog)).toEqual(expected);
    for (const slot of outbox.slots) {
      expect(slot).toMatchObject({ owner: null, leaseLive: false, leaseAgeMs: null });
      if (slot.backlog === 0) {
        expect(slot.oldestAgeMs).toBeNull();
        continue;
      }
      // Read between two direct measurements of the same age: it lies between them (rounded to a millisecond).
      expect(slot.oldestAgeMs).toBeGreaterThanOrEqual(Math.floor(before.get(slot.slot)!));
      expect(slot.oldestAgeMs).toBeLessThanOrEqual(Math.ceil(after.get(slot.slot)!));
    }
    expect(outbox.oldestAgeMs).toBe(Math.max(...outbox.slots.map((s) => s.oldestAgeMs ?? 0)));
    expect(status.jobs).toMatchObject({ status: 'not-installed' });
  });

  it('outbox: the slot owners of a running relay and their lease ages; given back when it stops', async () => {
    const pool = testPool();
    const schema = await consoleSchema(pool);
    const relayId = randomName('relay');
    const relay = createRelay({
      database: pool,
      schema,
      kafka: { brokers: brokers(), clientId: relayId },
      relayId,
      slotCount: 2,
      metricsPort: null,
      logger: createLogger({ level: 'error' }),
    });
    await relay.start();
    let stopped = false;
    onTestFinished(async () => {
      if (!stopped) await relay.stop();
    });
    const leased = await waitFor(
      async () => {
        const outbox = ok((await readStatus({ pool, schema, kafka: { brokers: brokers() } })).outbox);
        return outbox.slots.every((s) => s.leaseLive) ? outbox : undefined;
      },
      { what: 'both slots leased by the relay' },
    );
    expect(leased).toMatchObject({ slotCount: 2, slotCountSource: 'relay' });
    expect(leased.relays).toEqual([{ relayId, alive: true, startedAt: expect.any(String), slots: [0, 1] }]);
    for (const slot of leased.slots) {
      expect(slot.owner).toBe(relayId);
      expect(slot.leaseExpiresInMs).toBeGreaterThan(0);
      expect(slot.leaseAgeMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(slot.leaseExpiresAt!)).not.toBeNaN();
    }

    await relay.stop();
    stopped = true;
    const after = ok((await readStatus({ pool, schema, kafka: { brokers: brokers() } })).outbox);
    expect(after.slots.map((s) => [s.owner, s.leaseLive])).toEqual([
      [null, false],
      [null, false],
    ]);
    expect(after.relays).toEqual([]);
  });

  it('consumers: lag per partition of a group that consumed part of a topic; DLQ depth and pending entries', async () => {
    const pool = testPool();
    const schema = await consoleSchema(pool);
    const topic = await createTopic(randomName('orders'), 3);
    const dlqTopic = await createTopic(`${topic}.dlq`, 1);
    const catalog = ordersCatalog(topic);
    const groupId = randomName('group');
    const ordersOn = async (partition: number, ids: string[]) => {
      const messages = await wireMessages(
        ids.map((orderId) => ({ type: 'order.placed' as const, payload: { orderId, customerId: 'c' } })),
      );
      await produce(
        topic,
        messages.map((m) => ({ ...m, partition })),
      );
    };
    // Consumed: 4 on partition 0, 2 on partition 1 (two of them refused and dead-lettered).
    await ordersOn(0, ['a0', 'a1', 'bad-1', 'a3']);
    await ordersOn(1, ['b0', 'bad-2']);
    await consumeOnce({ pool, schema, catalog, topic, groupId, failing: ['bad-1', 'bad-2'] });
    // Not consumed yet: 3 more on partition 0, 1 on partition 2.
    await ordersOn(0, ['a4', 'a5', 'a6']);
    await ordersOn(2, ['c0']);

    const status = await readStatus({ pool, schema, kafka: { brokers: brokers() } });
    const group = ok(status.consumers).groups.find((g) => g.groupId === groupId);
    expect(group).toMatchObject({ state: 'Empty', lag: 4, missingTopics: [] });
    expect(
      group!.partitions.map(({ topic: t, partition, committed, end, lag }) => ({
        t,
        partition,
        committed,
        end,
        lag,
      })),
    ).toEqual([
      { t: topic, partition: 0, committed: '4', end: '7', lag: 3 },
      { t: topic, partition: 1, committed: '2', end: '2', lag: 0 },
      // The consumer committed nothing on the then-empty partition 2: everything in it counts.
      { t: topic, partition: 2, committed: null, end: '1', lag: 1 },
    ]);
    const dlq = ok(status.dlq).topics.find((t) => t.topic === dlqTopic);
    expect(dlq).toEqual({
      topic: dlqTopic,
      depth: 2,
      pending: 2,
      partitions: [{ partition: 0, start: '0', end: '2' }],
    });

    // Purging one entry records a marker: still 2 records in the topic, 1 pending.
    expect(
      await purgeDlq({
        topic: dlqTopic,
        pool,
        schema,
        brokers: brokers(),
        filter: { ids: [`${dlqTopic}:0:0`] },
      }),
    ).toBe(1);
    const only = await readStatus({ pool, schema, kafka: { brokers: brokers() }, groups: [groupId] });
    expect(ok(only.consumers).groups.map((g) => g.groupId)).toEqual([groupId]);
    expect(ok(only.dlq).topics.find((t) => t.topic === dlqTopic)).toMatchObject({ depth: 2, pending: 1 });
  });

  it('jobs: counts by queue and status from the jobs table', async () => {
    const pool = testPool();
    const schema = await consoleSchema(pool, { modules: true });
    const seeded = await seedJobs(pool, schema);
    const status = await readStatus({ pool, schema, kafka: { brokers: brokers() } });
    expect(ok(status.jobs).queues).toEqual({
      emails: { scheduled: 0, pending: 2, processing: 1, completed: 1, failed: 1, dead: 1, cancelled: 0 },
      reports: { scheduled: 1, pending: 0, processing: 0, completed: 0, failed: 0, dead: 0, cancelled: 1 },
    });
    // The dead job's card went to the queue's DLQ topic.
    expect(ok(status.dlq).topics.find((t) => t.topic === `${seeded.queueTopic}.dlq`)).toMatchObject({
      depth: 1,
    });
  });

  it('an unreachable Kafka is reported in the Kafka sections; the Postgres sections are still read', async () => {
    const pool = testPool();
    const schema = await consoleSchema(pool, { modules: true });
    await publishOrders(pool, schema, ordersCatalog(randomName('orders')), ['x', 'y']);
    const status: Status = await readStatus({ pool, schema, kafka: { brokers: ['127.0.0.1:1'] } });
    expect(status.consumers).toMatchObject({
      status: 'error',
      error: { message: expect.stringMatching(/ECONNREFUSED|connect/i) },
    });
    expect(status.dlq).toMatchObject({ status: 'error' });
    expect(ok(status.outbox).backlog).toBe(2);
    expect(ok(status.jobs).queues).toEqual({});
  });

  it('a schema without tables: outbox and jobs are "not installed", not errors', async () => {
    const pool = testPool();
    const schema = randomName('absent');
    const status = await readStatus({ pool, schema, kafka: { brokers: brokers() } });
    expect(status.outbox).toMatchObject({ status: 'not-installed', reason: expect.stringContaining(schema) });
    expect(status.jobs).toMatchObject({ status: 'not-installed' });
    expect(status.consumers.status).toBe('ok');
  });

  it('a Postgres error is the section error, with no password in it', async () => {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: 'postgres://console:s3cret-pass@127.0.0.1:1/db',
      connectionTimeoutMillis: 2000,
    });
    onTestFinished(() => pool.end());
    const status = await readStatus({ pool, schema: 'commercebridge', kafka: { brokers: brokers() } });
    expect(status.outbox.status).toBe('error');
    expect(status.jobs.status).toBe('error');
    expect(JSON.stringify(status)).not.toContain('s3cret-pass');
  });
});
