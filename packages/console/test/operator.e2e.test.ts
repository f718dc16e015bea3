// What an operator watches in the console while the system runs: the backlog growing with no relay and
// draining once one starts, a consumer group's lag, the charts over time, the live tail of published events,
// and a DLQ entry redriven by a click and then handled once, checked in Postgres and by an independent
// read_committed reader. Headless Debian Chromium through playwright-core; a real relay and consumer.
import { silentLogger } from '@commercebridge/config';
import { type Consumer, createConsumer, INBOX_KEY_HEADER } from '@commercebridge/consumers';
import { createRelay } from '@commercebridge/relay';
import { createWireCodec } from '@commercebridge/schemas';
import type { Page } from 'playwright-core';
import { expect, onTestFinished, test } from 'vitest';
import {
  createTopic,
  kafka,
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import { groupCaughtUp, memoryLogger, produce, wireMessages } from '../../consumers/test/support.ts';
import { deleteTopicLater } from '../../relay/test/support.ts';
import { createConsole, TAIL_GROUP_PREFIX, type TailView } from '../src/index.ts';
import { launchBrowser, openPage, seeText } from './browser.ts';
import { brokers, consoleSchema, ordersCatalog, publishOrders } from './support.ts';

/** The group's total lag as the page's table shows it (null while the table has no row of the group). */
async function pageLag(page: Page, groupId: string): Promise<number | null> {
  const cells = await page.locator(`tr[data-group="${groupId}"] [data-field=lag]`).allTextContents();
  return cells.length === 0 ? null : cells.reduce((sum, text) => sum + Number(text), 0);
}

/** The polylines of a chart: series name and the points drawn. */
async function chartLines(page: Page, chartId: string): Promise<Array<{ series: string; ys: number[] }>> {
  return page.locator(`#${chartId} svg polyline`).evaluateAll((lines) =>
    lines.map((line) => ({
      series: line.getAttribute('data-series') ?? '',
      ys: (line.getAttribute('points') ?? '')
        .split(' ')
        .filter(Boolean)
        .map((point: string) => Number(point.split(',')[1])),
    })),
  );
}

/** Tail rows of an order on the page: their headers text and decoded payload. */
async function tailRows(page: Page, orderId: string) {
  return page.locator(`#tail-rows tr[data-key="${orderId}"]`).evaluateAll((rows) =>
    rows.map((row) => ({
      type: row.getAttribute('data-type'),
      headers: row.querySelector('details pre')?.textContent ?? '',
      payload: row.querySelector('[data-field=payload]')?.textContent ?? null,
      error: row.querySelector('[data-field=error]')?.textContent ?? null,
    })),
  );
}

test('an operator sees the backlog drain, a group lag, the tail and charts; a redriven entry is handled once', async () => {
  const pool = testPool();
  const schema = await consoleSchema(pool);
  await pool.query(`create table "${schema}".handled (order_id text not null)`);
  const topic = await createTopic(randomName('orders'), 2);
  const dlqTopic = await createTopic(`${topic}.dlq`, 1);
  await deleteTopicLater(`${schema}.relay-state`);
  const catalog = ordersCatalog(topic);
  const codec = createWireCodec(catalog, { mode: 'headers' });
  const groupId = randomName('group');
  const unpublished = async () =>
    (
      await pool.query<{ n: number }>(
        `select count(*)::int as n from "${schema}".events where published_at is null`,
      )
    ).rows[0]!.n;

  const operatorConsole = createConsole({
    pool,
    schema,
    kafka: { brokers: brokers() },
    catalog,
    groups: [groupId],
  });
  const { url } = await operatorConsole.start();
  onTestFinished(() => operatorConsole.stop());
  const browser = await launchBrowser();
  const { page, pageErrors } = await openPage(browser, url);
  const backlogTotal = page.locator('#backlog-total');

  // The tail starts with the page: every event committed from now on shows up in it.
  await waitFor(async () => (await page.locator('#tail-state').getAttribute('data-state')) === 'running', {
    what: 'the page to show the tail running',
    timeout: 60_000,
  });
  expect(await page.locator('#tail-state').textContent()).toContain(`tailing ${topic}`);

  // No relay runs: the backlog grows, and its chart draws the change.
  await seeText(backlogTotal, '0', 'an empty backlog');
  await publishOrders(pool, schema, catalog, ['o-1']);
  await seeText(backlogTotal, '1', 'the backlog of one unpublished event');
  await publishOrders(pool, schema, catalog, ['o-2', 'o-3']);
  await seeText(backlogTotal, '3', 'the backlog grown to three');
  await waitFor(
    async () =>
      (await chartLines(page, 'chart-backlog')).some(
        (line) => line.ys.length >= 2 && new Set(line.ys).size >= 2,
      ),
    { what: 'a backlog chart line with two points or more at different heights', timeout: 60_000 },
  );
  await waitFor(async () => (await chartLines(page, 'chart-oldest')).some((line) => line.ys.length >= 2), {
    what: 'the oldest-age chart with two points or more',
    timeout: 60_000,
  });

  // A relay starts: the backlog drains to 0.
  const relay = createRelay({
    database: pool,
    schema,
    catalog,
    kafka: { brokers: brokers() },
    slotCount: 4,
    pollIntervalMs: 200,
    logger: silentLogger,
  });
  onTestFinished(async () => {
    await relay.stop();
  });
  await relay.start();
  await seeText(backlogTotal, '0', 'the backlog drained by the relay');
  expect(await unpublished()).toBe(0);

  // The tail shows the published events with their decoded payloads.
  for (const orderId of ['o-1', 'o-2', 'o-3']) {
    const rows = await waitFor(
      async () => {
        const found = await tailRows(page, orderId);
        return found.length > 0 ? found : undefined;
      },
      { what: `the tail to show ${orderId}`, timeout: 60_000 },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.type).toBe('order.placed');
    expect(JSON.parse(rows[0]!.payload!)).toEqual({ orderId, customerId: `c-${orderId}` });
  }

  // A consumer group: handles what is there (lag 0), stops; more events are published (lag > 0 on the page).
  let refuseBlocked = true;
  const consumers: Consumer[] = [];
  const startConsumer = async () => {
    const consumer = createConsumer({
      catalog,
      codec,
      pool,
      schema,
      groupId,
      brokers: brokers(),
      logger: memoryLogger().logger,
      handlers: {
        'order.placed': async (event, ctx) => {
          if (refuseBlocked && event.orderId === 'blocked') {
            throw Object.assign(new Error('customer blocked'), { code: 'BLOCKED', retriable: false });
          }
          await ctx.client.query(`insert into "${schema}".handled values ($1)`, [event.orderId]);
        },
      },
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };
  onTestFinished(async () => {
    for (const consumer of consumers) await consumer.stop();
  });
  const first = await startConsumer();
  await waitFor(() => groupCaughtUp(groupId, topic), {
    what: 'the group to handle o-1..o-3',
    timeout: 60_000,
  });
  await first.stop();
  await waitFor(async () => (await pageLag(page, groupId)) === 0, {
    what: 'the page to show the group with lag 0',
    timeout: 60_000,
  });
  const [, blockedId] = await publishOrders(pool, schema, catalog, ['o-4', 'blocked']);
  await waitFor(async () => (await unpublished()) === 0, { what: 'o-4 and blocked published' });
  await waitFor(async () => ((await pageLag(page, groupId)) ?? 0) > 0, {
    what: 'the page to show a lag while the consumer is stopped',
    timeout: 60_000,
  });

  // It starts again: handles o-4, dead-letters the blocked order, and catches up (lag 0 again).
  await startConsumer();
  const dlqRow = page.locator(`tr[data-dlq-topic="${dlqTopic}"]`);
  await seeText(dlqRow.locator('[data-field=pending]'), '1', 'the blocked order pending in the DLQ');
  await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group to pass o-4 and blocked' });
  await waitFor(async () => (await pageLag(page, groupId)) === 0, {
    what: 'the page to show lag 0 after the consumer caught up',
    timeout: 60_000,
  });
  await waitFor(
    async () =>
      (await chartLines(page, 'chart-lag')).some(
        (line) => line.series === groupId && line.ys.length >= 2 && new Set(line.ys).size >= 2,
      ),
    { what: "the lag chart drawing the group's lag going up and down", timeout: 60_000 },
  );

  // Redrive by a click, with the handler now accepting the order: relayed once, handled once.
  refuseBlocked = false;
  await dlqRow.getByRole('button', { name: 'entries' }).click();
  const entryRow = page.locator(`tr[data-entry-id="${dlqTopic}:0:0"]`);
  await seeText(entryRow.locator('[data-field=state]'), 'pending', 'the DLQ entry as pending');
  await entryRow.getByRole('button', { name: 'redrive' }).click();
  await seeText(entryRow.locator('[data-field=state]'), 'redriven', 'the DLQ entry as redriven');
  await waitFor(
    async () =>
      (await pool.query(`select 1 from "${schema}".handled where order_id = 'blocked'`)).rows.length > 0,
    { what: 'the consumer to handle the redriven order', timeout: 60_000 },
  );
  await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group past the redriven event' });
  await seeText(dlqRow.locator('[data-field=pending]'), '0', 'no pending DLQ entry');
  await waitFor(async () => (await pageLag(page, groupId)) === 0, {
    what: 'the page to show lag 0 after the redriven event',
    timeout: 60_000,
  });

  const handled = await pool.query<{ order_id: string; n: number }>(
    `select order_id, count(*)::int as n from "${schema}".handled group by 1 order by 1`,
  );
  expect(handled.rows).toEqual(
    ['blocked', 'o-1', 'o-2', 'o-3', 'o-4'].map((order_id) => ({ order_id, n: 1 })),
  );
  // The redriven event carries the original as its inbox key: the inbox holds it once for the group.
  const inbox = await pool.query<{ n: number }>(
    `select count(*)::int as n from "${schema}".inbox where consumer_group = $1 and event_id = $2`,
    [groupId, blockedId],
  );
  expect(inbox.rows[0]!.n).toBe(1);

  // An independent read_committed reader (librdkafka): the redriven event is on the topic exactly once.
  const onTopic = await readAllCommitted(topic);
  const redrivenOnTopic = onTopic.filter((m) => m.headers[INBOX_KEY_HEADER]?.toString() === blockedId);
  expect(redrivenOnTopic).toHaveLength(1);
  expect(redrivenOnTopic[0]!.key).toBe('blocked');
  expect(redrivenOnTopic[0]!.headers['causation-id']?.toString()).toBe(blockedId);
  expect(onTopic.map((m) => m.key).sort()).toEqual(['blocked', 'blocked', 'o-1', 'o-2', 'o-3', 'o-4']);
  expect(new Set(onTopic.map((m) => m.headers['event-id']?.toString())).size).toBe(6);

  // The tail shows both deliveries of the blocked order, the redriven one with its decoded payload.
  const blockedRows = await waitFor(
    async () => {
      const rows = await tailRows(page, 'blocked');
      return rows.length === 2 ? rows : undefined;
    },
    { what: 'the tail to show the blocked order twice (original and redriven)', timeout: 60_000 },
  );
  const redrivenRow = blockedRows.find((row) => row.headers.includes(`${INBOX_KEY_HEADER}: ${blockedId}`));
  expect(redrivenRow).toBeDefined();
  expect(JSON.parse(redrivenRow!.payload!)).toEqual({ orderId: 'blocked', customerId: 'c-blocked' });

  // The tail's type filter: the one type there is, and every row under it.
  await page.locator('#tail-type').selectOption('order.placed');
  expect(await page.locator('#tail-rows tr[data-type="order.placed"]').count()).toBe(6);
  expect(pageErrors).toEqual([]);
});

/** Consumer groups of the tail (by their prefix) that Kafka knows now. */
async function tailGroups(): Promise<string[]> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith(TAIL_GROUP_PREFIX));
  } finally {
    await admin.disconnect();
  }
}

test('the tail starts on the first request, shows undecodable messages with their error, commits nothing; history samples status reads', async () => {
  const pool = testPool();
  const schema = await consoleSchema(pool);
  const topic = await createTopic(randomName('orders'), 1);
  const catalog = ordersCatalog(topic);
  const before = new Set(await tailGroups());
  const operatorConsole = createConsole({ pool, schema, kafka: { brokers: brokers() }, catalog });
  const { url } = await operatorConsole.start();
  let stopped = false;
  onTestFinished(async () => {
    if (!stopped) await operatorConsole.stop();
  });
  const tail = async (after = 0) => (await (await fetch(`${url}api/tail?after=${after}`)).json()) as TailView;

  // Published before anyone looked: not in the tail, and no tail group joined for it.
  await produce(
    topic,
    await wireMessages([{ type: 'order.placed', payload: { orderId: 'early', customerId: 'c' } }]),
  );
  expect((await tailGroups()).filter((g) => !before.has(g))).toEqual([]);

  const started = await tail();
  expect(started.topics).toEqual([topic]);
  expect(started.events).toEqual([]);
  const [good] = await wireMessages([
    { type: 'order.placed', payload: { orderId: 'good', customerId: 'c' } },
  ]);
  await produce(topic, [
    // Not protobuf at all, with a type header: the codec's error is shown.
    {
      key: 'garbage',
      value: Buffer.from([0xff, 0xff, 0xff, 0xff]),
      headers: { 'event-type': 'order.placed' },
    },
    // No header says what it is (headers mode).
    { key: 'anonymous', value: Buffer.from('hello') },
    { key: good!.key, value: good!.value, headers: good!.headers },
  ]);
  const view = await waitFor(
    async () => {
      const read = await tail();
      return read.events.length >= 3 ? read : undefined;
    },
    { what: 'three messages in the tail', timeout: 60_000 },
  );
  expect(view.state).toBe('running');
  expect(view.events.map((e) => e.key)).toEqual(['garbage', 'anonymous', 'good']);
  const [garbage, anonymous, decoded] = view.events as [
    TailView['events'][0],
    TailView['events'][0],
    TailView['events'][0],
  ];
  expect(garbage.payload).toBeUndefined();
  expect(garbage.type).toBe('order.placed');
  expect(garbage.error?.code).toBe('SCHEMA_UNDECODABLE');
  expect(anonymous.type).toBeNull();
  expect(anonymous.error?.message).toContain('event-type');
  expect(decoded.payload).toEqual({ orderId: 'good', customerId: 'c' });
  expect(decoded.headers['event-id']).toBe(good!.eventId);
  expect(decoded).toMatchObject({ topic, partition: 0, offset: '3' });
  // `after` pages: nothing after the last one; a bad position is refused.
  expect((await tail(view.last)).events).toEqual([]);
  expect((await fetch(`${url}api/tail?after=-1`)).status).toBe(400);

  // Its group is a throwaway that commits nothing, and it leaves when the console stops.
  const joined = (await tailGroups()).filter((g) => !before.has(g));
  expect(joined).toHaveLength(1);
  const admin = kafka().admin();
  await admin.connect();
  onTestFinished(() => admin.disconnect());
  const [offsets] = await admin.fetchOffsets({ groupId: joined[0]!, topics: [topic] });
  expect(offsets!.partitions.map((p) => p.offset)).toEqual(['-1']);

  // The history keeps one sample per status read, at most one per interval.
  const history = await waitFor(
    async () => {
      await fetch(`${url}api/status`);
      const read = (await (await fetch(`${url}api/history`)).json()) as {
        intervalMs: number;
        samples: Array<{ at: string; backlog: number | null }>;
      };
      return read.samples.length >= 2 ? read : undefined;
    },
    { what: 'two history samples', interval: 500 },
  );
  const gaps = history.samples.slice(1).map((s, i) => Date.parse(s.at) - Date.parse(history.samples[i]!.at));
  expect(gaps.every((gap) => gap >= history.intervalMs)).toBe(true);
  expect(history.samples.every((s) => s.backlog === 0)).toBe(true);

  await operatorConsole.stop();
  stopped = true;
  const { groups } = await admin.describeGroups(joined);
  expect(groups[0]!.members).toEqual([]);

  // Turned off, the tail reads nothing.
  const quiet = createConsole({ pool, schema, kafka: { brokers: brokers() }, catalog, tail: false });
  const q = await quiet.start();
  onTestFinished(() => quiet.stop());
  expect(((await (await fetch(`${q.url}api/tail`)).json()) as TailView).state).toBe('off');
});
