// `commercebridge outbox parked` with a `commercebridge relay` process under RELAY_UNPUBLISHABLE=park: an event
// whose topic is missing is parked (a later one of its key behind it), listed, purged or retried; the retried
// ones are published once, in order, as an independent read_committed reader sees.
import { createOutbox, listParked, type ParkedEvent } from '@commercebridge/outbox';
import { describe, expect, it } from 'vitest';
import {
  randomName,
  readAllCommitted,
  testPool,
  waitFor,
  withTransaction,
} from '../../../test/support/helpers.ts';
import {
  createTopicNow,
  deleteTopicLater,
  outboxSchema,
  twoTopicCatalog,
  unpublishedCount,
} from '../../relay/test/support.ts';
import { cli, stack, start } from './support.ts';

const eventIds = (messages: Array<{ headers: Record<string, Buffer> }>) =>
  messages.map((m) => m.headers['event-id']!.toString());

describe('commercebridge outbox parked', () => {
  it('lists what the relay parked, purges one, retries the rest: each published once, in order', async () => {
    const pool = testPool();
    const schema = await outboxSchema(pool);
    await deleteTopicLater(`${schema}.relay-state`);
    const missing = randomName('cli.missing');
    await deleteTopicLater(missing);
    const ok = await createTopicNow(randomName('cli.ok'));
    const catalog = twoTopicCatalog(missing, ok);
    const outbox = createOutbox({ catalog, schema });
    const env = { ...stack(), OUTBOX_SCHEMA: schema };
    const relay = start(['relay'], {
      ...env,
      RELAY_SLOT_COUNT: '1',
      RELAY_METRICS_PORT: '0',
      RELAY_UNPUBLISHABLE: 'park',
      RELAY_STALL_TIMEOUT_MS: '2000',
      RELAY_TRANSACTIONAL_ID_PREFIX: `${schema}.relay.`,
    });
    await waitFor(() => relay.lines().find((l) => l['msg'] === 'relay.ready'), {
      what: `relay.ready\n${relay.output()}`,
    });

    const placed = (orderId: string) =>
      withTransaction(pool, (tx) => outbox.publish(tx, 'order.placed', { orderId, customerId: 'c-1' }));
    const confirmed = (orderId: string) =>
      withTransaction(pool, (tx) => outbox.publish(tx, 'order.confirmed', { orderId }));
    const stuck = (await placed('order-a')).eventId;
    const behind = (await confirmed('order-a')).eventId;
    const doomed = (await placed('order-c')).eventId;
    const flowing = (await confirmed('order-b')).eventId;

    const parkedJson = async (...args: string[]) => {
      const result = await cli(['outbox', 'parked', 'list', '--json', ...args], env);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Array<Omit<ParkedEvent, 'occurredAt' | 'parkedAt'>>;
    };
    await waitFor(async () => (await listParked(pool, { schema })).length === 3, {
      what: `three events parked\n${relay.output()}`,
    });
    const listed = await parkedJson();
    expect(listed.map((p) => [p.eventId, p.reasonCode, p.topic])).toEqual([
      [stuck, 'RELAY_TOPIC_MISSING', missing],
      [behind, 'RELAY_BEHIND_PARKED', ok],
      [doomed, 'RELAY_TOPIC_MISSING', missing],
    ]);
    expect(listed[1]!.reasonMessage).toBe(`behind parked event ${stuck}`);
    expect(listed.map((p) => p.eventId)).toEqual((await listParked(pool, { schema })).map((p) => p.eventId));
    expect((await parkedJson('--code', 'RELAY_BEHIND_PARKED')).map((p) => p.eventId)).toEqual([behind]);
    expect((await parkedJson('--topic', ok)).map((p) => p.eventId)).toEqual([behind]);
    const table = await cli(['outbox', 'parked', 'list'], env);
    expect(table.stdout).toContain('3 parked events');
    // The rest of the slot flowed.
    await waitFor(async () => (await unpublishedCount(pool, schema)) === 0, { what: 'order-b published' });
    expect(eventIds(await readAllCommitted(ok))).toEqual([flowing]);

    // Selections: --id or --all, confirmation without a terminal, a dry run changes nothing.
    const neither = await cli(['outbox', 'parked', 'retry'], env);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('pass --id <event-id...> or --all');
    const unconfirmed = await cli(['outbox', 'parked', 'purge', '--id', doomed], env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('pass --yes to confirm');
    const dryRun = await cli(['outbox', 'parked', 'retry', '--all', '--dry-run'], env);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('3 parked events selected');
    expect(await parkedJson()).toHaveLength(3);
    const unknown = await cli(
      ['outbox', 'parked', 'retry', '--id', '0b0e6a52-1f53-4c8e-9d55-2ab8f1f0a3c1', '--yes'],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('not parked');

    const purged = await cli(['outbox', 'parked', 'purge', '--id', doomed, '--yes'], env);
    expect(purged.code, purged.stderr).toBe(0);
    expect(JSON.parse(purged.stdout.slice(purged.stdout.indexOf('{')))).toEqual({
      purged: [doomed],
      kept: [],
    });

    // The operator creates the topic and retries: the relay publishes both once, the stuck one first.
    await createTopicNow(missing);
    const retried = await cli(['outbox', 'parked', 'retry', '--all', '--yes'], env);
    expect(retried.code, retried.stderr).toBe(0);
    expect(JSON.parse(retried.stdout.slice(retried.stdout.indexOf('{')))).toEqual({
      retried: [stuck, behind],
      duplicates: [],
    });
    await waitFor(
      async () => {
        const { rows } = await pool.query(
          `select count(*)::int as n from "${schema}".events where published_at is not null`,
        );
        return rows[0].n === 3 && (await unpublishedCount(pool, schema)) === 0;
      },
      { what: `the retried events published\n${relay.output()}` },
    );
    expect(await parkedJson()).toEqual([]);
    expect(eventIds(await readAllCommitted(missing))).toEqual([stuck]);
    const onOk = await readAllCommitted(ok);
    expect(eventIds(onOk).sort()).toEqual([flowing, behind].sort());
    // The retried event went out after the stuck one of its key (both in one transaction, or later).
    const published = await pool.query<{ event_id: string; published_at: Date }>(
      `select event_id::text, published_at from "${schema}".events where event_id = any($1::uuid[])`,
      [[stuck, behind]],
    );
    const at = new Map(published.rows.map((r) => [r.event_id, r.published_at.getTime()]));
    expect(at.get(behind)!).toBeGreaterThanOrEqual(at.get(stuck)!);

    relay.child.kill('SIGTERM');
    await waitFor(() => relay.child.exitCode !== null, { what: 'the relay exiting' });
    expect(relay.child.exitCode).toBe(0);
  });
});
