// Events the relay cannot publish: under `block` the slot waits and /readyz says why; under `park` the event is
// set aside (later events of its key behind it) and the rest flows; a retry publishes them once, in order.
import { createLogger } from '@commercebridge/config';
import { createOutbox, listParked, retryParked } from '@commercebridge/outbox';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  type CommittedMessage,
  kafka,
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
  withTransaction,
} from '../../../test/support/helpers.ts';
import type { SlotStall } from '../src/index.ts';
import {
  createTopicNow,
  deleteTopicLater,
  keysInSlot,
  outboxSchema,
  relayHttp,
  relayOptions,
  startRelay,
  twoTopicCatalog,
  unpublishedCount,
  waitAllPublished,
} from './support.ts';

type Catalog = ReturnType<typeof twoTopicCatalog>;
type Log = Record<string, unknown>;

async function setup(placedTopic: string, confirmedTopic: string) {
  const pool = testPool();
  const schema = await outboxSchema(pool);
  await deleteTopicLater(`${schema}.relay-state`);
  const catalog = twoTopicCatalog(placedTopic, confirmedTopic);
  return { pool, schema, catalog, outbox: createOutbox({ catalog, schema }) };
}

/** Publishes one event in its own transaction, the way an application does; returns its event id. */
async function publish(
  pool: pg.Pool,
  outbox: ReturnType<typeof createOutbox<Catalog>>,
  type: 'order.placed' | 'order.confirmed',
  orderId: string,
  seq: number,
  size = 0,
): Promise<string> {
  const result = await withTransaction(pool, (tx) =>
    type === 'order.placed'
      ? outbox.publish(tx, 'order.placed', {
          orderId,
          customerId: 'c-1',
          channel: `${seq}${'x'.repeat(size)}`,
        })
      : outbox.publish(tx, 'order.confirmed', { orderId, paymentReference: String(seq) }),
  );
  return result.eventId;
}

const ids = (messages: CommittedMessage[]) => messages.map((m) => m.headers['event-id']!.toString());

async function isPublished(pool: pg.Pool, schema: string, eventId: string): Promise<boolean> {
  const { rows } = await pool.query(
    `select published_at is not null as published from "${schema}".events where event_id = $1`,
    [eventId],
  );
  return rows[0]?.published === true;
}

async function readyz(port: number) {
  const { status, body } = await relayHttp(port, '/readyz');
  return { status, body: body as { ready: boolean; slots: number[]; stalled: SlotStall[] } };
}

async function metrics(port: number): Promise<string> {
  return (await relayHttp(port, '/metrics')).body as string;
}

describe('unpublishable events', () => {
  it('block: a missing topic stalls its slot, /readyz names the event and the error; once created, the slot drains in order', async () => {
    const missing = randomName('relay.missing');
    await deleteTopicLater(missing);
    const ok = await createTopicNow(randomName('relay.ok'));
    const { pool, schema, catalog, outbox } = await setup(missing, ok);
    const [a, a2] = keysInSlot(0, 2, 2);
    const [b] = keysInSlot(1, 2, 1);
    const lines: Log[] = [];
    const relay = await startRelay(
      relayOptions(pool, schema, catalog, {
        slotCount: 2,
        stallTimeoutMs: 2000,
        metricsPort: 0,
        logger: createLogger({ level: 'info', destination: (line) => lines.push(JSON.parse(line)) }),
      }),
    );
    const port = relay.httpPort!;
    const stuck = await publish(pool, outbox, 'order.placed', a!, 0);
    // The same key on a topic that exists: it must not overtake the stuck event.
    const sameKey = await publish(pool, outbox, 'order.confirmed', a!, 1);
    const sameKeyStuck = await publish(pool, outbox, 'order.placed', a!, 2);
    // Another key of the stalled slot: under block it waits too. A key of the other slot flows.
    const sameSlot = await publish(pool, outbox, 'order.confirmed', a2!, 3);
    const otherSlot = await publish(pool, outbox, 'order.confirmed', b!, 4);

    const red = await waitFor(
      async () => {
        const answer = await readyz(port);
        return answer.status === 503 ? answer.body : null;
      },
      { what: '/readyz answering 503 for the stalled slot' },
    );
    expect(red).toMatchObject({
      ready: false,
      slots: [0, 1],
      stalled: [
        {
          slot: 0,
          eventId: stuck,
          eventType: 'order.placed',
          topic: missing,
          code: 'RELAY_TOPIC_MISSING',
          retriable: true,
        },
      ],
    });
    expect(red.stalled).toHaveLength(1);
    expect(red.stalled[0]!.message).toContain(`topic ${missing} does not exist`);
    expect(Number.isNaN(Date.parse(red.stalled[0]!.since))).toBe(false);
    expect(red.stalled[0]!.attempts).toBeGreaterThanOrEqual(1);
    const exposition = await metrics(port);
    expect(exposition).toContain('commercebridge_relay_slot_stalled{slot="0"} 1');
    expect(exposition).toContain('commercebridge_relay_slot_stalled{slot="1"} 0');

    // The other slot published; nothing of the stalled slot did.
    await waitFor(() => isPublished(pool, schema, otherSlot), { what: 'the other slot publishing' });
    const stalledRows = await pool.query(
      `select count(*)::int as n from "${schema}".events where published_at is null and bucket % 2 = 0`,
    );
    expect(stalledRows.rows[0].n).toBe(4);
    expect(ids(await readAllCommitted(ok))).toEqual([otherSlot]);

    // One error line when the bound passed, not one per retry.
    const stalledLines = () => lines.filter((l) => l['msg'] === 'slot.stalled');
    expect(stalledLines()).toHaveLength(1);
    expect(stalledLines()[0]).toMatchObject({
      level: 'error',
      slot: 0,
      eventId: stuck,
      code: 'RELAY_TOPIC_MISSING',
    });
    const failuresAtStall = lines.filter((l) => l['msg'] === 'batch.failed').length;
    await waitFor(() => lines.filter((l) => l['msg'] === 'batch.failed').length >= failuresAtStall + 2, {
      what: 'two more retries of the stalled slot',
    });
    expect(stalledLines()).toHaveLength(1);

    await createTopicNow(missing);
    await waitAllPublished(pool, schema);
    const green = await waitFor(
      async () => {
        const answer = await readyz(port);
        return answer.status === 200 ? answer.body : null;
      },
      { what: '/readyz answering 200 again' },
    );
    expect(green).toMatchObject({ ready: true, stalled: [] });
    expect(lines.some((l) => l['msg'] === 'slot.resumed' && l['slot'] === 0)).toBe(true);
    expect(await metrics(port)).toContain('commercebridge_relay_slot_stalled{slot="0"} 0');

    // Each event exactly once; per key and topic in the order written.
    expect(ids(await readAllCommitted(missing))).toEqual([stuck, sameKeyStuck]);
    const onOk = await readAllCommitted(ok);
    expect(new Set(ids(onOk))).toEqual(new Set([otherSlot, sameKey, sameSlot]));
    expect(ids(onOk)).toHaveLength(3);
    expect(await unpublishedCount(pool, schema)).toBe(0);
  });

  it('park: after the bound the event is parked, later events of its key behind it, the rest flows; retry publishes them once, in order', async () => {
    const missing = randomName('relay.missing');
    await deleteTopicLater(missing);
    const ok = await createTopicNow(randomName('relay.ok'));
    const { pool, schema, catalog, outbox } = await setup(missing, ok);
    const [a, a2] = keysInSlot(0, 2, 2);
    const [b] = keysInSlot(1, 2, 1);
    const relay = await startRelay(
      relayOptions(pool, schema, catalog, {
        slotCount: 2,
        stallTimeoutMs: 2000,
        unpublishable: 'park',
        metricsPort: 0,
      }),
    );
    const port = relay.httpPort!;
    const stuck = await publish(pool, outbox, 'order.placed', a!, 0);
    const behind = await publish(pool, outbox, 'order.confirmed', a!, 1);
    const sameSlot = await publish(pool, outbox, 'order.confirmed', a2!, 2);
    const otherSlot = await publish(pool, outbox, 'order.confirmed', b!, 3);

    await waitFor(async () => (await listParked(pool, { schema })).length === 2, {
      what: 'the stuck event and the later one of its key parked',
    });
    // Everything else flowed: nothing is left unpublished in the outbox.
    await waitAllPublished(pool, schema);
    expect(new Set(ids(await readAllCommitted(ok)))).toEqual(new Set([sameSlot, otherSlot]));
    // An event of the key written after the parking goes behind too.
    const later = await publish(pool, outbox, 'order.confirmed', a!, 4);
    await waitFor(async () => (await listParked(pool, { schema })).length === 3, {
      what: 'the later event of the parked key parked behind it',
    });
    const parked = await listParked(pool, { schema });
    expect(parked.map((p) => [p.eventId, p.reasonCode])).toEqual([
      [stuck, 'RELAY_TOPIC_MISSING'],
      [behind, 'RELAY_BEHIND_PARKED'],
      [later, 'RELAY_BEHIND_PARKED'],
    ]);
    expect(parked[0]!.reasonMessage).toContain(`topic ${missing} does not exist`);
    expect(parked[0]!.attempts).toBeGreaterThanOrEqual(1);
    expect(parked[0]!.topic).toBe(missing);
    expect(parked[1]!.reasonMessage).toBe(`behind parked event ${stuck}`);
    expect(parked[2]!.reasonMessage).toBe(`behind parked event ${stuck}`);
    const { status, body } = await readyz(port);
    expect(status).toBe(200);
    expect(body.stalled).toEqual([]);
    const exposition = await metrics(port);
    expect(exposition).toContain('commercebridge_relay_parked_total{slot="0",code="RELAY_TOPIC_MISSING"} 1');
    expect(exposition).toContain('commercebridge_relay_parked_total{slot="0",code="RELAY_BEHIND_PARKED"} 2');
    expect(exposition).toContain('commercebridge_relay_parked_events{slot="0"} 3');
    expect(exposition).toContain('commercebridge_relay_parked_events{slot="1"} 0');

    await createTopicNow(missing);
    const retried = await retryParked(pool, { schema, all: true });
    expect(retried.retried.map((r) => r.eventId)).toEqual([stuck, behind, later]);
    await waitFor(
      async () => (await unpublishedCount(pool, schema)) === 0 && (await isPublished(pool, schema, later)),
      {
        what: 'the retried events published',
      },
    );
    expect(await listParked(pool, { schema })).toEqual([]);

    // Exactly once each (an independent read_committed reader), in order per key and topic.
    expect(ids(await readAllCommitted(missing))).toEqual([stuck]);
    const onOk = await readAllCommitted(ok);
    expect(new Set(ids(onOk))).toEqual(new Set([sameSlot, otherSlot, behind, later]));
    expect(ids(onOk)).toHaveLength(4);
    const keyA = onOk.filter((m) => m.key === a).sort((x, y) => x.offset - y.offset);
    expect(ids(keyA)).toEqual([behind, later]);
  });

  it('park: a record larger than the topic accepts is parked at once, long before the bound', async () => {
    const topic = await createTopicNow(randomName('relay.small'), {
      partitions: 1,
      config: { 'max.message.bytes': '1000' },
    });
    const { pool, schema, catalog, outbox } = await setup(topic, topic);
    await startRelay(
      relayOptions(pool, schema, catalog, {
        slotCount: 1,
        // Ten minutes: parking before it proves that a refused record is not waited for.
        stallTimeoutMs: 600_000,
        unpublishable: 'park',
      }),
    );
    const first = await publish(pool, outbox, 'order.placed', 'order-y', 0);
    const big = await publish(pool, outbox, 'order.placed', 'order-x', 1, 5000);
    const behind = await publish(pool, outbox, 'order.confirmed', 'order-x', 2);
    const last = await publish(pool, outbox, 'order.placed', 'order-y', 3);

    await waitFor(async () => (await listParked(pool, { schema })).length === 2, {
      timeout: 60_000,
      what: 'the oversized record and the later event of its key parked',
    });
    await waitAllPublished(pool, schema);
    const parked = await listParked(pool, { schema });
    expect(parked.map((p) => [p.eventId, p.reasonCode])).toEqual([
      [big, 'RELAY_RECORD_REJECTED'],
      [behind, 'RELAY_BEHIND_PARKED'],
    ]);
    expect(parked[0]!.reasonMessage).toContain('MESSAGE_TOO_LARGE');
    expect(parked[0]!.payloadBytes).toBeGreaterThan(5000);
    expect(ids(await readAllCommitted(topic))).toEqual([first, last]);
  });

  it('block: a record the broker refuses stalls the slot at once; after the topic accepts it, it goes out', async () => {
    const topic = await createTopicNow(randomName('relay.small'), {
      partitions: 1,
      config: { 'max.message.bytes': '1000' },
    });
    const { pool, schema, catalog, outbox } = await setup(topic, topic);
    const relay = await startRelay(
      relayOptions(pool, schema, catalog, { slotCount: 1, stallTimeoutMs: 600_000, metricsPort: 0 }),
    );
    const first = await publish(pool, outbox, 'order.placed', 'order-y', 0);
    const big = await publish(pool, outbox, 'order.placed', 'order-x', 1, 5000);
    const after = await publish(pool, outbox, 'order.placed', 'order-y', 2);

    const red = await waitFor(
      async () => {
        const answer = await readyz(relay.httpPort!);
        return answer.status === 503 ? answer.body : null;
      },
      { timeout: 60_000, what: '/readyz answering 503 long before the ten-minute bound' },
    );
    expect(red.stalled).toMatchObject([
      { slot: 0, eventId: big, code: 'RELAY_RECORD_REJECTED', retriable: false, topic },
    ]);
    await waitFor(() => isPublished(pool, schema, first), {
      what: 'the event before the refused one published',
    });
    expect(await isPublished(pool, schema, after)).toBe(false);

    // The operator's fix: the topic accepts larger records. The slot tries again (every 30 s) and goes on.
    const admin = kafka().admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: topic, configEntries: [{ name: 'max.message.bytes', value: '1048588' }] }],
    });
    await admin.disconnect();
    await waitAllPublished(pool, schema, 90_000);
    expect(ids(await readAllCommitted(topic))).toEqual([first, big, after]);
    expect((await readyz(relay.httpPort!)).status).toBe(200);
  });
});
