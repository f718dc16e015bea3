// The example order service, end to end on the local stack:
//   orders are written with their events in one transaction (outbox), the relay publishes the events to
//   Kafka exactly once, a payment worker confirms each order (publishing order.confirmed through the outbox
//   inside its inbox transaction) and a notifier tells the customer. Run it with `./dev example`.

import { randomBytes } from 'node:crypto';
import { createLogger } from '@commercebridge/config';
import { migrate, OutboxError } from '@commercebridge/outbox';
import { createRelay } from '@commercebridge/relay';
import { eq, inArray, like } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { outbox, placeOrder } from './orders.ts';
import { createTablesSql, customerMessages, orders } from './tables.ts';
import { notifierWorker, paymentWorker } from './workers.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the example with \`./dev example\` (it starts the stack)`);
  return value;
};
const brokers = env('KAFKA_BROKERS').split(',');
const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
const db = drizzle(pool);
const say = (line: string) => console.log(`[order-service] ${line}`);

// 1. Tables: the framework's (migrate) and the service's own; the topic the order events go to.
await migrate({ pool });
await db.execute(createTablesSql);
const admin = new Kafka({ clientId: 'order-service-setup', brokers, logLevel: logLevel.NOTHING }).admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic: 'orders.events.v1', numPartitions: 3 }], waitForLeaders: true });
await admin.disconnect();

// 2. The relay and the two workers, in this process for the example (in production: separate processes,
//    e.g. `pnpm relay` configured by KAFKA_* and DATABASE_URL).
const relay = createRelay({
  database: pool,
  kafka: { brokers, clientId: 'order-service-relay' },
  wire: { mode: 'headers' },
  slotCount: 2,
  metricsPort: null,
  logger: createLogger({ level: 'warn' }),
});
const payments = paymentWorker(pool, brokers);
const notifier = notifierWorker(pool, brokers);
await relay.start();
await Promise.all([payments.start(), notifier.start()]);
say('relay and workers running');

// 3. Three orders, each written with its order.placed event in one transaction.
const run = randomBytes(3).toString('hex');
const orderIds = [1, 2, 3].map((n) => `ord-${run}-${n}`);
for (const [i, orderId] of orderIds.entries()) {
  await placeOrder(db, {
    orderId,
    customerId: `cust-${i + 1}`,
    lines: [{ sku: `SKU-${i + 1}`, name: 'Coffee beans 1 kg', quantity: i + 1, unitPriceCents: 1899 }],
  });
  say(`placed ${orderId} (order row + order.placed event committed together)`);
}

// 4. A transaction that rolls back: neither the order nor its event exists afterwards.
const rolledBack = `ord-${run}-rolled-back`;
await db
  .transaction(async (tx) => {
    await tx
      .insert(orders)
      .values({ orderId: rolledBack, customerId: 'cust-9', status: 'placed', totalCents: 100 });
    await outbox.publish(tx, 'order.placed', { orderId: rolledBack, customerId: 'cust-9' });
    throw new Error('payment provider unreachable');
  })
  .catch((error: Error) => say(`rolled back ${rolledBack}: ${error.message} (nothing is published)`));

// 5. Bad input is rejected before commit, with a typed error naming the field; the order row written
//    earlier in the same transaction is rolled back with it.
await placeOrder(db, { orderId: `ord-${run}-bad`, customerId: '', lines: [] }).catch((error: unknown) => {
  if (!(error instanceof OutboxError)) throw error;
  say(`rejected an invalid order: ${error.code}: ${error.message}`);
});

// 6. Wait until every order is confirmed and every customer told.
const deadline = Date.now() + 60_000;
for (;;) {
  const confirmed = await db.select().from(orders).where(inArray(orders.orderId, orderIds));
  const told = await db.select().from(customerMessages).where(inArray(customerMessages.orderId, orderIds));
  if (confirmed.every((o) => o.status === 'confirmed') && told.length === orderIds.length) {
    for (const message of told) say(`customer message: ${message.message}`);
    break;
  }
  if (Date.now() > deadline) {
    console.error('[order-service] timed out waiting for the orders to be confirmed and the customers told');
    process.exitCode = 1;
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}

const ghost = await db
  .select()
  .from(orders)
  .where(like(orders.orderId, `ord-${run}-%`));
const leftovers = ghost.filter((o) => !orderIds.includes(o.orderId));
say(
  `orders of this run in the database: ${ghost.length} (rolled-back and invalid ones: ${leftovers.length})`,
);
const { rows } = await pool.query<{ event_type: string; n: string; unpublished: string }>(
  `select event_type, count(*) as n, count(*) filter (where published_at is null) as unpublished
     from commercebridge.events where partition_key like $1 group by event_type order by event_type`,
  [`ord-${run}-%`],
);
for (const row of rows) say(`outbox: ${row.n} x ${row.event_type}, ${row.unpublished} not yet published`);
const confirmedCount = await db.$count(orders, eq(orders.status, 'confirmed'));
say(`confirmed orders in the database across all runs: ${confirmedCount}`);

await Promise.all([payments.stop(), notifier.stop()]);
await relay.stop();
await pool.end();
say(process.exitCode ? 'failed' : 'done');
