// The order service's own tables (Drizzle). Events about them go through the outbox in the same transaction.
import { sql } from 'drizzle-orm';
import { integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const orderService = pgSchema('order_service');

export const orders = orderService.table('orders', {
  orderId: text('order_id').primaryKey(),
  customerId: text('customer_id').notNull(),
  status: text('status').notNull(),
  totalCents: integer('total_cents').notNull(),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
});

/** What the customer was told; written by the notifier consumer, once per event thanks to the inbox. */
export const customerMessages = orderService.table('customer_messages', {
  eventId: uuid('event_id').primaryKey(),
  orderId: text('order_id').notNull(),
  message: text('message').notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
});

export const createTablesSql = sql`
  create schema if not exists order_service;
  create table if not exists order_service.orders (
    order_id text primary key,
    customer_id text not null,
    status text not null,
    total_cents integer not null,
    placed_at timestamptz not null default now(),
    confirmed_at timestamptz
  );
  create table if not exists order_service.customer_messages (
    event_id uuid primary key,
    order_id text not null,
    message text not null,
    sent_at timestamptz not null default now()
  );
`;
