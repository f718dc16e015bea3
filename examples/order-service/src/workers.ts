// The read side: two consumer groups with typed handlers. Each handler runs inside the group's inbox
// transaction, so its database writes (and the events it publishes through the outbox) happen exactly once.
import { createConsumer } from '@commercebridge/consumers';
import { catalog, createWireCodec } from '@commercebridge/schemas';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { confirmOrder } from './orders.ts';
import { customerMessages } from './tables.ts';

const codec = createWireCodec(catalog, { mode: 'headers' });

/** Takes payment for a placed order and confirms it (publishing order.confirmed through the outbox). */
export function paymentWorker(pool: pg.Pool, brokers: string[]) {
  return createConsumer({
    catalog,
    codec,
    pool,
    brokers,
    groupId: 'order-service.payments',
    topics: ['orders.events.v1'],
    fromBeginning: true,
    handlers: {
      'order.placed': async (event, ctx) => {
        ctx.log.info({ orderId: event.orderId, total: event.total?.amount }, 'taking payment');
        await confirmOrder(drizzle(ctx.client), {
          orderId: event.orderId,
          customerId: event.customerId,
          causationId: ctx.eventId,
        });
      },
    },
  });
}

/** Tells the customer about confirmed orders. */
export function notifierWorker(pool: pg.Pool, brokers: string[]) {
  return createConsumer({
    catalog,
    codec,
    pool,
    brokers,
    groupId: 'order-service.notifier',
    topics: ['orders.events.v1'],
    fromBeginning: true,
    handlers: {
      'order.confirmed': async (event, ctx) => {
        await drizzle(ctx.client)
          .insert(customerMessages)
          .values({
            eventId: ctx.eventId,
            orderId: event.orderId,
            message: `Your order ${event.orderId} is confirmed (payment ${event.paymentReference}).`,
          });
      },
    },
  });
}
