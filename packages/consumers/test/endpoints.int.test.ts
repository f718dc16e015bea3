// The consumer's operator endpoints (httpPort): /readyz follows group membership, /healthz a crash kafkajs does
// not restart from, and /metrics reads the group's lag and the DLQ depth from Kafka at scrape, so they are
// right while no batch completes.
import { randomUUID } from 'node:crypto';
import { catalog, HEADERS } from '@commercebridge/schemas';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  createTopic,
  kafka,
  randomName,
  testKafka,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { type Consumer, type ConsumerOptions, createConsumer, type Readiness } from '../src/index.ts';
import {
  codec,
  groupCaughtUp,
  inboxSchema,
  memoryLogger,
  orderPlaced,
  produce,
  wireMessages,
} from './support.ts';

type BuiltinCatalog = typeof catalog;
const brokers = stackEnv().KAFKA_BROKERS.split(',');

/** A consumer of `topic` with an HTTP server on a free port, stopped when the test ends. */
async function endpointConsumer(
  topic: string,
  overrides: Partial<ConsumerOptions<BuiltinCatalog>> &
    Pick<ConsumerOptions<BuiltinCatalog>, 'handlers' | 'groupId'>,
) {
  const pool = testPool();
  const schema = await inboxSchema(pool);
  const log = memoryLogger();
  const consumer = createConsumer({
    kafka: testKafka(),
    catalog,
    codec,
    pool,
    schema,
    topics: [topic],
    logger: log.logger,
    httpPort: 0,
    ...overrides,
  });
  onTestFinished(() => consumer.stop());
  return { consumer, log };
}

function endpoint(consumer: Consumer, path: string): Promise<Response> {
  if (consumer.httpPort === null) throw new Error('the consumer serves no HTTP');
  return fetch(`http://127.0.0.1:${consumer.httpPort}${path}`);
}

async function scrape(consumer: Consumer): Promise<string> {
  const response = await endpoint(consumer, '/metrics');
  expect(response.status).toBe(200);
  return response.text();
}

function lagLine(text: string, groupId: string, topic: string, partition: number): string | undefined {
  const prefix = `commercebridge_consumer_lag{group="${groupId}",topic="${topic}",partition="${partition}"} `;
  return text.split('\n').find((line) => line.startsWith(prefix));
}

/** A gate a handler waits on until the test opens it. */
function gate() {
  let open: () => void = () => {};
  let entered: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    entered = resolve;
  });
  return {
    open,
    reached,
    async pass() {
      entered();
      await opened;
    },
  };
}

describe('consumer HTTP endpoints', () => {
  test('/readyz answers 503 while the member waits to join its group, then 200 with group, member and partitions', async () => {
    const topic = await createTopic(randomName('orders'), 2);
    const groupId = randomName('group');
    const [message] = await wireMessages([orderPlaced('held')]);
    await produce(topic, [{ ...message!, partition: 0 }]);

    // Another member of the group takes both partitions and is stuck in its handler. kafkajs heartbeats between
    // messages, so it cannot rejoin and the group cannot finish a rebalance until the handler returns: the
    // consumer under test waits in its JoinGroup meanwhile.
    const holding = gate();
    const holder = new Kafka({
      clientId: randomName('holder'),
      brokers,
      logLevel: logLevel.NOTHING,
    }).consumer({
      groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 500,
    });
    onTestFinished(() => holder.disconnect());
    await holder.connect();
    await holder.subscribe({ topics: [topic], fromBeginning: true });
    await holder.run({ eachMessage: () => holding.pass() });
    await holding.reached;

    const { consumer } = await endpointConsumer(topic, {
      groupId,
      handlers: { 'order.placed': async () => {} },
    });
    const starting = consumer.start();
    starting.catch(() => {});
    await waitFor(() => consumer.httpPort !== null, { what: 'the consumer HTTP server listening' });

    const before = await endpoint(consumer, '/readyz');
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ready: false, groupId, memberId: null, assignment: {} });
    // Alive all the same: the consume loop is starting, not dead.
    expect((await endpoint(consumer, '/healthz')).status).toBe(200);

    holding.open();
    await starting;
    const body = await waitFor(
      async () => {
        const response = await endpoint(consumer, '/readyz');
        return response.status === 200 ? ((await response.json()) as Readiness) : undefined;
      },
      { what: '/readyz 200 after the group rebalanced' },
    );
    expect(body).toMatchObject({ ready: true, groupId });
    expect(body.memberId).toEqual(expect.any(String));
    // Two members, two partitions: one each.
    expect(Object.keys(body.assignment)).toEqual([topic]);
    expect(body.assignment[topic]).toHaveLength(1);
    expect(consumer.readiness()).toEqual(body);
  });

  test('/metrics: the group lag is read at scrape: N while a handler holds the batch, 0 once caught up', async () => {
    const topic = await createTopic(randomName('orders'), 1);
    await createTopic(`${topic}.dlq`, 1);
    const groupId = randomName('group');
    const holding = gate();
    const handled: string[] = [];
    const { consumer } = await endpointConsumer(topic, {
      groupId,
      handlers: {
        'order.placed': async (event) => {
          if (event.orderId.startsWith('held')) await holding.pass();
          handled.push(event.orderId);
        },
      },
    });
    await consumer.start();
    await produce(topic, await wireMessages([orderPlaced('warm-1'), orderPlaced('warm-2')]));
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group past the first two events' });
    expect(lagLine(await scrape(consumer), groupId, topic, 0)).toMatch(/ 0$/);

    const held = Array.from({ length: 5 }, (_, i) => orderPlaced(`held-${i}`));
    await produce(topic, await wireMessages(held));
    await holding.reached;
    // Nothing of the five is committed while the handler waits; the gauge is read now, not at the last batch.
    expect(lagLine(await scrape(consumer), groupId, topic, 0)).toMatch(/ 5$/);
    expect(handled).toEqual(['warm-1', 'warm-2']);

    holding.open();
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group past the held events' });
    // Idle now: no batch arrives, and the scrape still says where the group is.
    expect(lagLine(await scrape(consumer), groupId, topic, 0)).toMatch(/ 0$/);
    expect(handled).toHaveLength(7);
  });

  test('/metrics: the DLQ depth is 1 after a poison message', async () => {
    const topic = await createTopic(randomName('orders'), 1);
    const dlqTopic = await createTopic(`${topic}.dlq`, 1);
    const groupId = randomName('group');
    const { consumer } = await endpointConsumer(topic, {
      groupId,
      handlers: { 'order.placed': async () => {} },
    });
    await consumer.start();
    const depth = (text: string) =>
      text.split('\n').find((line) => line.startsWith(`commercebridge_dlq_depth{topic="${dlqTopic}"} `));
    expect(depth(await scrape(consumer))).toBe(`commercebridge_dlq_depth{topic="${dlqTopic}"} 0`);

    const [good] = await wireMessages([orderPlaced('good')]);
    const poison = {
      key: 'poison',
      value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
      headers: { ...good!.headers, [HEADERS.eventId]: randomUUID() },
    };
    await produce(topic, [poison, good!]);
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group past the poison message' });
    const text = await scrape(consumer);
    expect(depth(text)).toBe(`commercebridge_dlq_depth{topic="${dlqTopic}"} 1`);
    expect(lagLine(text, groupId, topic, 0)).toMatch(/ 0$/);
  });

  test('/healthz answers 503 after a crash the consumer does not restart from; /metrics still serves the lag', async () => {
    const topic = await createTopic(randomName('orders'), 1);
    // A DLQ topic that refuses the poison message (bigger than its max.message.bytes): the DLQ write fails with
    // a non-retriable MESSAGE_TOO_LARGE, and kafkajs does not restart the consumer after that.
    const dlqTopic = `${topic}.dlq`;
    const admin = kafka().admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: dlqTopic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '2048' }] },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();
    onTestFinished(async () => {
      const cleanup = kafka().admin();
      await cleanup.connect();
      await cleanup.deleteTopics({ topics: [dlqTopic] }).catch(() => {});
      await cleanup.disconnect();
    });
    const groupId = randomName('group');
    const { consumer, log } = await endpointConsumer(topic, {
      groupId,
      handlers: { 'order.placed': async () => {} },
    });
    await consumer.start();
    expect(await (await endpoint(consumer, '/healthz')).json()).toEqual({ ok: true, groupId });

    const [good] = await wireMessages([orderPlaced('good')]);
    await produce(topic, [
      {
        key: 'poison',
        value: Buffer.alloc(16_384, 0xff),
        headers: { ...good!.headers, [HEADERS.eventId]: randomUUID() },
      },
    ]);
    const health = await waitFor(
      async () => {
        const response = await endpoint(consumer, '/healthz');
        return response.status === 503 ? ((await response.json()) as Record<string, unknown>) : undefined;
      },
      { what: '/healthz 503 after the crash', timeout: 60_000 },
    );
    expect(health).toMatchObject({ ok: false, groupId, crashedAt: expect.any(String) });
    expect(String(health['error'])).toMatch(/larger than the max message size/);
    expect(consumer.health()).toEqual(health);
    expect((await endpoint(consumer, '/readyz')).status).toBe(503);
    expect(
      log.lines.filter((l) => l.message.startsWith('consumer crashed and will not restart')),
    ).toHaveLength(1);
    // The poison message is neither handled nor dead-lettered: the group stays one behind, and says so.
    expect(lagLine(await scrape(consumer), groupId, topic, 0)).toMatch(/ 1$/);
  });
});
