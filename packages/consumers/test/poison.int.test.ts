import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { catalog, HEADERS } from '@commercebridge/schemas';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  createTopic,
  randomName,
  readAllCommitted,
  testKafka,
  testPool,
  waitFor,
} from '../../../test/support/helpers.ts';
import { repoRoot } from '../../../test/support/stack-env.ts';
import { ConsumerError, createConsumer, DLQ_HEADERS, listDlq, purgeDlq } from '../src/index.ts';
import {
  codec,
  groupCaughtUp,
  inboxSchema,
  memoryLogger,
  orderPlaced,
  produce,
  wireMessages,
} from './support.ts';

const run = promisify(execFile);
const cli = join(repoRoot, 'packages', 'cli', 'src', 'bin.ts');

class OrderRejected extends Error {
  readonly code = 'ORDER_REJECTED';
  readonly retriable = false;
}

describe.each(['batch', 'message'] as const)('poison messages (transaction: %s)', (transaction) => {
  test('undecodable, always failing and flaky messages: DLQ entries with headers, the partition keeps flowing', async () => {
    const pool = testPool();
    const schema = await inboxSchema(pool);
    await pool.query(`create table "${schema}".side_effects (order_id text not null)`);
    const topic = await createTopic(randomName('orders'), 1);
    const dlqTopic = await createTopic(`${topic}.dlq`, 1);
    const groupId = randomName('group');

    const orders = ['good-1', 'fatal', 'good-2', 'flaky', 'good-3', 'bug', 'good-4', 'swallow', 'good-5'];
    const messages = await wireMessages(orders.map((id) => orderPlaced(id)));
    const undecodable = {
      key: 'garbage',
      value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
      headers: { ...messages[0]!.headers, [HEADERS.eventId]: '5d0c4d39-7f0a-4a59-9f0e-1b1c9bdf3c11' },
    };
    await expect(codec.fromWire(undecodable.value, undecodable.headers)).rejects.toThrow();
    // Offsets: good-1 0, undecodable 1, fatal 2, good-2 3, flaky 4, good-3 5, bug 6, good-4 7, swallow 8, good-5 9.
    await produce(topic, [messages[0]!, undecodable, ...messages.slice(1)]);

    const calls = new Map<string, number>();
    const consumer = createConsumer({
      kafka: testKafka(),
      catalog,
      codec,
      pool,
      schema,
      groupId,
      topics: [topic],
      transaction,
      logger: memoryLogger().logger,
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 40 },
      handlers: {
        'order.placed': async (event, ctx) => {
          const n = (calls.get(event.orderId) ?? 0) + 1;
          calls.set(event.orderId, n);
          // Written before failing: the savepoint must undo it.
          await ctx.client.query(`insert into "${schema}".side_effects (order_id) values ($1)`, [
            event.orderId,
          ]);
          if (event.orderId === 'fatal') throw new OrderRejected('customer is blocked');
          if (event.orderId === 'bug') throw new TypeError('cannot read properties of undefined');
          if (event.orderId === 'swallow') {
            // A handler that hides a database error: its insert must not be committed as "handled".
            await ctx.client.query('select 1 / 0').catch(() => {});
          }
          if (event.orderId === 'flaky' && ctx.attempt < 3) {
            throw new ConsumerError('CONSUMER_HANDLER_FAILED', 'inventory service busy', { retriable: true });
          }
        },
      },
    });
    await consumer.start();
    onTestFinished(() => consumer.stop());
    await waitFor(() => groupCaughtUp(groupId, topic), { what: 'the group to commit past every message' });
    await consumer.stop();

    const effects = await pool.query<{ order_id: string; n: number }>(
      `select order_id, count(*)::int as n from "${schema}".side_effects group by order_id order by order_id`,
    );
    expect(effects.rows).toEqual([
      { order_id: 'flaky', n: 1 },
      { order_id: 'good-1', n: 1 },
      { order_id: 'good-2', n: 1 },
      { order_id: 'good-3', n: 1 },
      { order_id: 'good-4', n: 1 },
      { order_id: 'good-5', n: 1 },
    ]);
    // Each handler ran once per attempt: no message of the batch ran twice because another one failed.
    expect(Object.fromEntries(calls)).toEqual({
      'good-1': 1,
      fatal: 1,
      'good-2': 1,
      flaky: 3,
      'good-3': 1,
      bug: 3,
      'good-4': 1,
      swallow: 1,
      'good-5': 1,
    });
    const inbox = await pool.query(
      `select count(*)::int as n from "${schema}".inbox where consumer_group = $1`,
      [groupId],
    );
    expect(inbox.rows[0].n).toBe(6);

    const dlq = await readAllCommitted(dlqTopic);
    const header = (i: number, name: string) => dlq[i]!.headers[name]?.toString('utf8');
    expect(dlq).toHaveLength(4);
    expect(dlq.map((m) => header(m.offset, DLQ_HEADERS.originalOffset))).toEqual(['1', '2', '6', '8']);
    expect(header(0, DLQ_HEADERS.errorCode)).toMatch(/SCHEMA|UNDECODABLE/);
    expect(header(0, DLQ_HEADERS.attempts)).toBe('0');
    expect(dlq[0]!.value).toEqual(undecodable.value);
    expect(header(1, DLQ_HEADERS.errorCode)).toBe('ORDER_REJECTED');
    expect(header(1, DLQ_HEADERS.errorMessage)).toBe('customer is blocked');
    expect(header(1, DLQ_HEADERS.errorRetriable)).toBe('false');
    expect(header(1, DLQ_HEADERS.attempts)).toBe('1');
    expect(header(1, HEADERS.eventId)).toBe(messages[1]!.eventId);
    expect(dlq[1]!.value).toEqual(messages[1]!.value);
    expect(dlq[1]!.key).toBe('fatal');
    expect(header(2, DLQ_HEADERS.errorCode)).toBe('CONSUMER_HANDLER_FAILED');
    expect(header(2, DLQ_HEADERS.errorMessage)).toMatch(/cannot read properties/);
    expect(header(2, DLQ_HEADERS.attempts)).toBe('3');
    expect(header(2, DLQ_HEADERS.errorRetriable)).toBe('true');
    expect(header(3, DLQ_HEADERS.errorCode)).toBe('CONSUMER_HANDLER_FAILED');
    expect(header(3, DLQ_HEADERS.errorMessage)).toMatch(/transaction is aborted/);
    for (let i = 0; i < 4; i++) {
      expect(header(i, DLQ_HEADERS.originalTopic)).toBe(topic);
      expect(header(i, DLQ_HEADERS.originalPartition)).toBe('0');
      expect(header(i, DLQ_HEADERS.consumerGroup)).toBe(groupId);
      const first = Date.parse(header(i, DLQ_HEADERS.firstFailureAt)!);
      const last = Date.parse(header(i, DLQ_HEADERS.lastFailureAt)!);
      expect(first).toBeLessThanOrEqual(last);
    }
    expect(Date.parse(header(2, DLQ_HEADERS.lastFailureAt)!)).toBeGreaterThan(
      Date.parse(header(2, DLQ_HEADERS.firstFailureAt)!),
    );

    const metrics = await consumer.metrics.metrics();
    expect(metrics).toMatch(/commercebridge_consumer_retries_total\{[^}]*\} 4/);
    expect(metrics).toMatch(/commercebridge_consumer_dlq_total\{[^}]*code="ORDER_REJECTED"\} 1/);

    // The DLQ commands see the same entries.
    const listed = await listDlq({ kafka: testKafka(), topic: dlqTopic });
    expect(listed.map((e) => [e.original.offset, e.error.code, e.attempts])).toEqual([
      ['1', header(0, DLQ_HEADERS.errorCode), 0],
      ['2', 'ORDER_REJECTED', 1],
      ['6', 'CONSUMER_HANDLER_FAILED', 3],
      ['8', 'CONSUMER_HANDLER_FAILED', 1],
    ]);
    if (transaction === 'batch') {
      // `commercebridge dlq` prints the same entries, and purges them.
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', cli, '--schema', schema, 'dlq', 'list', dlqTopic, '--json'],
        { cwd: repoRoot },
      );
      const entries = JSON.parse(stdout) as Array<{ original: { offset: string }; state: string }>;
      expect(entries.map((e) => [e.original.offset, e.state])).toEqual([
        ['1', 'pending'],
        ['2', 'pending'],
        ['6', 'pending'],
        ['8', 'pending'],
      ]);
      const purged = await run(
        process.execPath,
        ['--import', 'tsx', cli, '--schema', schema, 'dlq', 'purge', dlqTopic, '--yes'],
        { cwd: repoRoot },
      );
      expect(JSON.parse(purged.stdout.slice(purged.stdout.indexOf('{')))).toEqual({ purged: 4 });
    } else {
      expect(await purgeDlq({ kafka: testKafka(), topic: dlqTopic })).toBe(4);
    }
    expect(await listDlq({ kafka: testKafka(), topic: dlqTopic })).toEqual([]);
  });
});

test('retries of one message hold back only its partition: later events of other partitions are handled meanwhile', async () => {
  const pool = testPool();
  const schema = await inboxSchema(pool);
  const topic = await createTopic(randomName('orders'), 2);
  await createTopic(`${topic}.dlq`, 1);
  const groupId = randomName('group');
  const handledAt = new Map<string, number>();
  const attempts: number[] = [];
  const consumer = createConsumer({
    kafka: testKafka(),
    catalog,
    codec,
    pool,
    schema,
    groupId,
    topics: [topic],
    logger: memoryLogger().logger,
    partitionsConsumedConcurrently: 1,
    // Four attempts with backoffs of ~1.5, 3 and 6 s: the poison message is retried for several seconds.
    retry: { maxAttempts: 4, initialDelayMs: 2_000, maxDelayMs: 8_000 },
    handlers: {
      'order.placed': async (event, ctx) => {
        if (event.orderId === 'poison') {
          attempts.push(ctx.attempt);
          if (ctx.attempt < 4)
            throw new ConsumerError('CONSUMER_HANDLER_FAILED', 'busy', { retriable: true });
        }
        handledAt.set(event.orderId, Date.now());
      },
    },
  });
  await consumer.start();
  onTestFinished(() => consumer.stop());
  const [poison] = await wireMessages([orderPlaced('poison')]);
  await produce(topic, [{ ...poison!, partition: 0 }]);
  await waitFor(() => attempts.length >= 1, { what: 'the first attempt of the poison message' });
  // Produced after the first failure, on the other partition, and behind the poison message on its own.
  const others = await wireMessages(Array.from({ length: 20 }, (_, i) => orderPlaced(`other-${i}`)));
  await produce(
    topic,
    others.slice(0, 10).map((m) => ({ ...m, partition: 1 })),
  );
  await produce(
    topic,
    others.slice(10).map((m) => ({ ...m, partition: 0 })),
  );
  await waitFor(() => handledAt.has('poison'), {
    what: 'the poison message handled on its 4th attempt',
    timeout: 60_000,
  });
  expect(attempts).toEqual([1, 2, 3, 4]);
  // The other partition flowed while the poison message waited for its retries; its own partition kept order.
  for (let i = 0; i < 10; i++) expect(handledAt.get(`other-${i}`)!).toBeLessThan(handledAt.get('poison')!);
  await waitFor(() => handledAt.size === 21, { what: 'all 21 events handled' });
  for (let i = 10; i < 20; i++)
    expect(handledAt.get(`other-${i}`)!).toBeGreaterThanOrEqual(handledAt.get('poison')!);
});
