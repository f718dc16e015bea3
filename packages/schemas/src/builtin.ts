// The built-in catalog: the events of the commercebridge modules (orders, engagement, queue, logs,
// notifications). Applications with their own .proto files define their own catalog the same way.
import { defineCatalog } from './catalog.ts';
import { commercebridge } from './generated/messages.js';
import { protoSources } from './generated/sources.ts';

const { orders, engagement, queue, logs, notifications } = commercebridge;

export const catalog = defineCatalog(
  {
    'order.placed': {
      topic: 'orders.events.v1',
      message: orders.v1.OrderPlaced,
      key: (p) => p.orderId,
      required: ['orderId', 'customerId'],
    },
    'order.confirmed': {
      topic: 'orders.events.v1',
      message: orders.v1.OrderConfirmed,
      key: (p) => p.orderId,
      required: ['orderId'],
    },
    'order.cancelled': {
      topic: 'orders.events.v1',
      message: orders.v1.OrderCancelled,
      key: (p) => p.orderId,
      required: ['orderId'],
    },
    'order.shipped': {
      topic: 'orders.events.v1',
      message: orders.v1.OrderShipped,
      key: (p) => p.orderId,
      required: ['orderId'],
    },
    'engagement.recalculate': {
      topic: 'engagement.events.v1',
      message: engagement.v1.EngagementRecalculate,
      key: (p) => p.engagementId,
      required: ['engagementId'],
    },
    // Jobs with an ordering key run in order; the others spread by job id.
    'job.enqueued': {
      topic: 'queue.jobs.v1',
      message: queue.v1.JobCard,
      key: (p) => p.orderingKey || p.jobId,
      required: ['jobId', 'queue', 'type'],
    },
    // Same key as the job's card: a job's lifecycle events stay in order.
    'job.completed': {
      topic: 'queue.jobs.v1',
      message: queue.v1.JobCompleted,
      key: (p) => p.orderingKey || p.jobId,
      required: ['jobId', 'queue', 'type'],
    },
    // One service's logs stay in order.
    'log.written': {
      topic: 'logs.entries.v1',
      message: logs.v1.LogEntry,
      key: (p) => p.service,
      required: ['message', 'service'],
    },
    // A user's notifications stay in order; a broadcast is keyed by its type.
    'notification.published': {
      topic: 'notifications.events.v1',
      message: notifications.v1.Notification,
      key: (p) => p.userId || p.type,
      required: ['notificationId', 'type'],
    },
  },
  { sources: protoSources },
);

export type BuiltinCatalog = typeof catalog;
