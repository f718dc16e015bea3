// The workers process: everything that reacts to events.
//   payments   consumer group on orders.events.v1: charges each placed order and appends order.confirmed (and
//              enqueues engagement.recalculate) or, when the card is declined, order.cancelled (payment_failed)
//   notifier   consumer group on orders.events.v1: tells the customer, through the notifications module
//   engagement a queue worker running engagement.recalculate jobs, with retries and a dead-letter queue
// Each consumer handler runs in its inbox transaction, so what it writes (stream events, jobs,
// notifications) commits exactly once however often Kafka delivers the message; `kill -9` at any point
// changes no outcome. Run: `node src/workers.ts [--app-schema order_service]` with DATABASE_URL and KAFKA_*.
import { createKafkaClient } from '@commercebridge/config';
import { createConsumer, type HandlerContext } from '@commercebridge/consumers';
import { createBridge } from '@commercebridge/modules';
import { catalog, commercebridge, createWireCodec } from '@commercebridge/schemas';
import { context, trace } from '@opentelemetry/api';
import pg from 'pg';
import { createLogger } from './log.ts';
import { createOrders } from './order.ts';
import { chargeCard, checkScoringService } from './providers.ts';
import { readSettings } from './settings.ts';
import { tableNames } from './tables.ts';

export const ENGAGEMENT_JOB = 'engagement.recalculate';
/** Attempts of an engagement job, the first included; then it is dead (the queue's DLQ topic gets its card). */
export const ENGAGEMENT_MAX_ATTEMPTS = 3;
export const ORDERS_TOPIC = catalog.events['order.placed'].topic;

const PAYMENT_FAILED = commercebridge.orders.v1.CancellationReason.CANCELLATION_REASON_PAYMENT_FAILED;
const settings = readSettings();
const log = createLogger('order-service.workers');
const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 12 });
pool.on('error', (error) => log.warn({ reason: error.message }, 'idle database connection lost'));
const orders = createOrders(settings);
const tables = tableNames(settings.appSchema);

const bridge = createBridge({
  pool,
  schema: settings.schema,
  env: settings.env,
  migrate: false, // `commercebridge migrate` made the tables
  embeddedRelay: false, // the relay process (`commercebridge relay`) delivers the outbox
  queue: {
    retry: { maxAttempts: ENGAGEMENT_MAX_ATTEMPTS, initialDelayMs: 200, maxDelayMs: 1000 },
    leaseMs: 5000,
  },
  logs: { service: 'order-service.workers' },
  logger: log,
});
const { module_queue: queue, module_notifications: notifications } = bridge.integrations.kafka;
log.attach(bridge.integrations.kafka.module_logs);

const tracer = trace.getTracer('order-service.workers');

/**
 * Runs `work` in a span that continues the trace of the message (a child of the relay's span, whose
 * traceparent the message carries), so one trace goes from the HTTP request to this handler; the consumer's
 * own span of the run, linked to the producer as OTel messaging prescribes, is linked here too. What the
 * handler appends through the outbox carries this span's traceparent onwards.
 */
function continueTrace<T>(name: string, ctx: HandlerContext, work: () => Promise<T>): Promise<T> {
  const parent = ctx.trace.producer
    ? trace.setSpanContext(context.active(), ctx.trace.producer)
    : context.active();
  return tracer.startActiveSpan(
    name,
    {
      links: [{ context: ctx.trace.span.spanContext() }],
      attributes: { 'commercebridge.event_id': ctx.eventId },
    },
    parent,
    async (span) => {
      try {
        return await work();
      } finally {
        span.end();
      }
    },
  );
}

const common = {
  catalog,
  codec: createWireCodec(catalog, { mode: 'headers' }),
  pool,
  kafka: settings.kafka,
  schema: settings.schema,
  topics: [ORDERS_TOPIC],
  // A group without offsets starts where anchorNewGroup put it; after that it resumes from its commits.
  fromBeginning: false,
  // One transaction per message: a batch transaction would hold the bucket locks of many keys (orders,
  // customers' jobs and notifications) in arrival order, and two partitions' batches then deadlock on them
  // under load (measured with --load 200: 93 deadlocks, each retrying the whole batch).
  transaction: 'message' as const,
  partitionsConsumedConcurrently: 3,
  sessionTimeoutMs: 10_000,
  logger: log,
};

const payments = createConsumer({
  ...common,
  groupId: `${settings.groupId}.payments`,
  handlers: {
    'order.placed': (event, ctx) =>
      continueTrace('take payment', ctx, async () => {
        const order = await orders.load(ctx.client, event.orderId);
        // Another service's order on the shared topic, or one already cancelled: nothing to charge.
        if (order?.status !== 'placed') return;
        const charge = chargeCard(order);
        const meta = { causationId: ctx.eventId, correlationId: ctx.headers['correlation-id'] };
        if (!charge.ok) {
          ctx.log.warn(
            {
              orderId: order.orderId,
              reason: charge.reason,
            },
            'payment declined; cancelling the order',
          );
          await orders.cancel(ctx.client, order, { ...meta, reason: 'payment_failed', note: charge.reason });
          return;
        }
        await orders.confirm(ctx.client, order, { ...meta, paymentReference: charge.reference });
        // The job exists if and only if this transaction commits: one recalculation per confirmed order.
        await queue.publishJob(
          {
            jobId: `engagement-${order.orderId}`,
            type: ENGAGEMENT_JOB,
            payload: { customerId: order.customerId, orderId: order.orderId },
            orderingKey: order.customerId,
          },
          { tx: ctx.client },
        );
        ctx.log.info({ orderId: order.orderId, totalCents: order.totalCents }, 'payment taken');
      }),
  },
});

const notifier = createConsumer({
  ...common,
  groupId: `${settings.groupId}.notifier`,
  handlers: {
    'order.confirmed': (event, ctx) =>
      continueTrace('notify confirmed', ctx, async () => {
        if (!(await orders.load(ctx.client, event.orderId))) return;
        await notifications.publish(
          {
            type: 'order.confirmed',
            userId: event.customerId,
            title: `Your order ${event.orderId} is confirmed`,
            data: { orderId: event.orderId, paymentReference: event.paymentReference },
          },
          { tx: ctx.client },
        );
      }),
    'order.cancelled': (event, ctx) =>
      continueTrace('notify cancelled', ctx, async () => {
        if (!(await orders.load(ctx.client, event.orderId))) return;
        const paymentFailed = event.reason === PAYMENT_FAILED;
        await notifications.publish(
          {
            type: 'order.cancelled',
            userId: event.customerId,
            title: paymentFailed
              ? `Your payment for order ${event.orderId} was declined`
              : `Your order ${event.orderId} is cancelled`,
            data: {
              orderId: event.orderId,
              reason: paymentFailed ? 'payment_failed' : 'customer_request',
              refund: event.refund?.amount ?? null,
            },
          },
          { tx: ctx.client },
        );
      }),
  },
});

const engagement = queue.createWorker({
  concurrency: 4,
  handlers: {
    [ENGAGEMENT_JOB]: async (job, ctx) => {
      const { customerId } = job.payload as { customerId: string };
      checkScoringService(customerId, job.attempts);
      const { rows } = await ctx.client.query<{ confirmed: string; spent: string }>(
        `select count(*) filter (where status = 'confirmed') as confirmed,
                coalesce(sum(total_cents) filter (where status = 'confirmed'), 0) as spent
           from ${tables.orders} where customer_id = $1`,
        [customerId],
      );
      const result = { confirmedOrders: Number(rows[0]?.confirmed), spentCents: Number(rows[0]?.spent) };
      await ctx.client.query(
        `insert into ${tables.engagement} (customer_id, confirmed_orders, spent_cents)
         values ($1, $2, $3)
         on conflict (customer_id) do update set confirmed_orders = excluded.confirmed_orders,
           spent_cents = excluded.spent_cents, recalculations = ${tables.engagement}.recalculations + 1,
           recalculated_at = now()`,
        [customerId, result.confirmedOrders, result.spentCents],
      );
      log.info({ customerId, jobId: job.jobId, attempt: job.attempts + 1 }, 'engagement recalculated');
      return result;
    },
  },
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    log.info({ signal }, 'workers stopping');
    await engagement.stop();
    await Promise.all([payments.stop(), notifier.stop()]);
    await bridge.stop();
    await pool.end();
    process.exit(0);
  })();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

/**
 * The topic is shared with other services, so a new group should start at its end, not replay its history.
 * `fromBeginning: false` alone is not enough: a partition the group never committed is reset to the end again
 * after a crash, skipping what arrived in between. So the first start commits the end of every partition
 * for the group, once, and every later start resumes from commits.
 */
async function anchorNewGroup(groupId: string): Promise<void> {
  const admin = createKafkaClient(settings.kafka).admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [ORDERS_TOPIC] });
    if (committed?.partitions.some((p) => Number(p.offset) >= 0)) return;
    const ends = await admin.fetchTopicOffsets(ORDERS_TOPIC);
    await admin.setOffsets({
      groupId,
      topic: ORDERS_TOPIC,
      partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
    });
    log.info({ groupId, topic: ORDERS_TOPIC }, 'new consumer group starts at the end of the topic');
  } finally {
    await admin.disconnect();
  }
}

await bridge.start();
await Promise.all([
  anchorNewGroup(`${settings.groupId}.payments`),
  anchorNewGroup(`${settings.groupId}.notifier`),
]);
await Promise.all([payments.start(), notifier.start()]);
await engagement.start();
// Ready once both groups have joined and fetched: from then on no order event is missed.
while (!(payments.readiness().ready && notifier.readiness().ready)) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
log.info(
  {
    pid: process.pid,
    groups: [`${settings.groupId}.payments`, `${settings.groupId}.notifier`],
  },
  'workers ready',
);
