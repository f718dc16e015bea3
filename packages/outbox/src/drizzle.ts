// Drizzle definitions of the outbox tables: the entry point `@commercebridge/outbox/drizzle` (it needs drizzle-orm,
// an optional peer dependency; the main entry point does not).
import {
  bigint,
  customType,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { DEFAULT_SCHEMA } from './options.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Drizzle definitions of the package's tables, for reading them with Drizzle (e.g. inbox or backlog queries).
 * The migrations in src/sql/migrations are the source of truth; write to `events` through publish() or
 * appendToStream(), which take the bucket locks that ordering depends on.
 */
export function outboxTables(schema: string = DEFAULT_SCHEMA) {
  const s = pgSchema(schema);
  return {
    events: s.table('events', {
      position: bigint('position', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
      eventId: uuid('event_id').notNull().unique('events_event_id_key'),
      eventType: text('event_type').notNull(),
      topic: text('topic').notNull(),
      partitionKey: text('partition_key').notNull(),
      bucket: smallint('bucket').notNull(),
      messageName: text('message_name').notNull(),
      schemaVersion: integer('schema_version').notNull(),
      payload: bytea('payload').notNull(),
      headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
      streamId: text('stream_id'),
      streamVersion: bigint('stream_version', { mode: 'number' }),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
    }),
    eventsParked: s.table('events_parked', {
      position: bigint('position', { mode: 'number' }).primaryKey(),
      eventId: uuid('event_id').notNull().unique('events_parked_event_id_key'),
      eventType: text('event_type').notNull(),
      topic: text('topic').notNull(),
      partitionKey: text('partition_key').notNull(),
      bucket: smallint('bucket').notNull(),
      messageName: text('message_name').notNull(),
      schemaVersion: integer('schema_version').notNull(),
      payload: bytea('payload').notNull(),
      headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
      streamId: text('stream_id'),
      streamVersion: bigint('stream_version', { mode: 'number' }),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
      reasonCode: text('reason_code').notNull(),
      reasonMessage: text('reason_message').notNull(),
      attempts: integer('attempts').notNull().default(0),
      parkedAt: timestamp('parked_at', { withTimezone: true }).notNull().defaultNow(),
    }),
    streams: s.table('streams', {
      streamId: text('stream_id').primaryKey(),
      version: bigint('version', { mode: 'number' }).notNull(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    }),
    scheduled: s.table('scheduled', {
      id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
      eventId: uuid('event_id').notNull().unique(),
      eventType: text('event_type').notNull(),
      topic: text('topic').notNull(),
      partitionKey: text('partition_key').notNull(),
      bucket: smallint('bucket').notNull(),
      messageName: text('message_name').notNull(),
      schemaVersion: integer('schema_version').notNull(),
      payload: bytea('payload').notNull(),
      headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
      runAt: timestamp('run_at', { withTimezone: true }).notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    }),
    inbox: s.table(
      'inbox',
      {
        consumerGroup: text('consumer_group').notNull(),
        eventId: uuid('event_id').notNull(),
        topic: text('topic').notNull(),
        kafkaPartition: integer('kafka_partition').notNull(),
        kafkaOffset: bigint('kafka_offset', { mode: 'number' }).notNull(),
        handledAt: timestamp('handled_at', { withTimezone: true }).notNull().defaultNow(),
      },
      (table) => [primaryKey({ columns: [table.consumerGroup, table.eventId] })],
    ),
    relaySlots: s.table('relay_slots', {
      slot: integer('slot').primaryKey(),
      owner: text('owner'),
      leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    }),
    snapshots: s.table(
      'snapshots',
      {
        streamId: text('stream_id').notNull(),
        name: text('name').notNull(),
        version: bigint('version', { mode: 'number' }).notNull(),
        state: jsonb('state').notNull(),
        createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      },
      (table) => [primaryKey({ columns: [table.streamId, table.name] })],
    ),
    settings: s.table('settings', {
      name: text('name').primaryKey(),
      value: text('value').notNull(),
    }),
    migrations: s.table('migrations', {
      version: integer('version').primaryKey(),
      name: text('name').notNull(),
      checksum: text('checksum').notNull(),
      appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
    }),
  };
}
