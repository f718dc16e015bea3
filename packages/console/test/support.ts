// Helpers of the console's tests: a schema with the outbox (and module) tables, a backlog of unpublished events,
// a consumer group that handled part of a topic and dead-lettered some of it, and jobs in several statuses,
// each made through the packages' own APIs.
import { createConsumer } from '@commercebridge/consumers';
import {
  createQueue,
  migrateModules,
  moduleCatalog,
  modulesConfigFromEnv,
  type QueueModule,
} from '@commercebridge/modules';
import { createOutbox, migrate } from '@commercebridge/outbox';
import { type Catalog, createWireCodec } from '@commercebridge/schemas';
import type pg from 'pg';
import { onTestFinished } from 'vitest';
import { ordersCatalog } from '../../../test/support/catalogs.ts';
import {
  createTestSchema,
  createTopic,
  kafka,
  randomName,
  waitFor,
  withTransaction,
} from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { memoryLogger } from '../../consumers/test/support.ts';

export { ordersCatalog };

export const brokers = () => stackEnv().KAFKA_BROKERS.split(',');

/** A fresh schema with the outbox tables, and the module tables when `modules`. */
export async function consoleSchema(pool: pg.Pool, options: { modules?: boolean } = {}): Promise<string> {
  const schema = await createTestSchema(pool, 'console');
  await migrate({ pool, schema });
  if (options.modules) await migrateModules(pool, schema);
  return schema;
}

/** Publishes one order.placed per id, each in its own transaction; with no relay they stay unpublished. */
export async function publishOrders(
  pool: pg.Pool,
  schema: string,
  catalog: ReturnType<typeof ordersCatalog>,
  orderIds: readonly string[],
): Promise<string[]> {
  const outbox = createOutbox({ catalog, schema });
  const eventIds: string[] = [];
  for (const orderId of orderIds) {
    const published = await withTransaction(pool, (client) =>
      outbox.publish(client, 'order.placed', { orderId, customerId: `c-${orderId}` }),
    );
    eventIds.push(published.eventId);
  }
  return eventIds;
}

/** Every non-empty partition of `topic` has the group's committed offset at its end. */
async function handledEverything(groupId: string, topic: string): Promise<boolean> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every((end) => {
      const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      return end.high === end.low || BigInt(offset) >= BigInt(end.high);
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * A consumer group of `catalog`'s topic whose handler fails (not retriable) for the orders in `failing`, so they
 * go to `<topic>.dlq`; it runs until the group has handled everything on the topic, then stops.
 */
export async function consumeOnce(options: {
  pool: pg.Pool;
  schema: string;
  catalog: Catalog;
  topic: string;
  groupId: string;
  failing?: readonly string[];
}): Promise<void> {
  const consumer = createConsumer({
    catalog: options.catalog as ReturnType<typeof ordersCatalog>,
    codec: createWireCodec(options.catalog, { mode: 'headers' }),
    pool: options.pool,
    schema: options.schema,
    groupId: options.groupId,
    brokers: brokers(),
    logger: memoryLogger().logger,
    handlers: {
      'order.placed': async (event) => {
        if (options.failing?.includes(event.orderId)) {
          throw Object.assign(new Error(`order ${event.orderId} refused`), {
            code: 'REFUSED',
            retriable: false,
          });
        }
      },
    },
  });
  await consumer.start();
  try {
    await waitFor(() => handledEverything(options.groupId, options.topic), {
      what: `group ${options.groupId} to reach the end of ${options.topic}`,
      timeout: 60_000,
    });
  } finally {
    await consumer.stop();
  }
}

export interface SeededJobs {
  queueTopic: string;
  /** `emails`: 2 pending, 1 processing, 1 completed, 1 failed (waiting for a retry), 1 dead. */
  emails: { pending: string[]; processing: string; completed: string; failed: string; dead: string };
  /** `reports`: 1 scheduled, 1 cancelled. */
  reports: { scheduled: string; cancelled: string };
}

/** Jobs in several statuses, through the queue module (no ingester, no relay needed). */
export async function seedJobs(pool: pg.Pool, schema: string): Promise<SeededJobs> {
  const queueTopic = await createTopic(randomName('jobs'), 1);
  await createTopic(`${queueTopic}.dlq`, 1);
  const config = modulesConfigFromEnv({ KAFKA_BROKERS: brokers().join(',') });
  const catalog = moduleCatalog({ queue: queueTopic });
  const queues: QueueModule[] = [];
  const queueNamed = (queue: string) => {
    const module = createQueue({
      config,
      catalog,
      pool,
      schema,
      queue,
      ingest: false,
      // The processing job keeps its lease for the whole test (the reaper would requeue it after the default).
      leaseMs: 3_600_000,
      // A failed job waits long enough for its retry that it is still failed when the test looks.
      retry: { maxAttempts: 3, initialDelayMs: 300_000, maxDelayMs: 300_000 },
    });
    queues.push(module);
    return module;
  };
  onTestFinished(async () => {
    for (const module of queues) await module.stop();
  });
  const emails = queueNamed('emails');
  for (const jobId of ['e1', 'e2', 'e3', 'e4', 'e5', 'e6']) {
    await emails.publishJob({ jobId, type: 'email.send', payload: { to: `${jobId}@example.com` } });
  }
  const fetched: Awaited<ReturnType<QueueModule['fetchBatch']>> = [];
  await waitFor(
    async () => {
      fetched.push(...(await emails.fetchBatch(4 - fetched.length, { waitMs: 200 })));
      return fetched.length >= 4;
    },
    { what: 'four email jobs handed out' },
  );
  const byId = new Map(fetched.map((job) => [job.jobId, job]));
  await emails.complete(byId.get('e1')!);
  await emails.fail(byId.get('e2')!, Object.assign(new Error('smtp unavailable'), { code: 'SMTP_DOWN' }));
  await emails.fail(
    byId.get('e3')!,
    Object.assign(new Error('no such mailbox'), { code: 'BAD_ADDRESS', retriable: false }),
  );
  const reports = queueNamed('reports');
  await reports.publishJob({ jobId: 'r1', type: 'report.build' }, { delay: 3_600_000 });
  await reports.publishJob({ jobId: 'r2', type: 'report.build' });
  await reports.cancel(['r2']);
  return {
    queueTopic,
    emails: { pending: ['e5', 'e6'], processing: 'e4', completed: 'e1', failed: 'e2', dead: 'e3' },
    reports: { scheduled: 'r1', cancelled: 'r2' },
  };
}
