// The notifications module: notifications published through the outbox (in the caller's transaction, or one
// of their own), delivered by the relay; subscribers filter by type and user. Every subscription is a
// consumer group of its own, so a notification reaches every subscriber instance (that is what a broadcast
// needs); `group` makes instances share one group instead (each notification handled by one of them).
import { randomUUID } from 'node:crypto';
import { createKafkaClient, createLogger, type Logger } from '@commercebridge/config';
import { createOutbox, type Outbox, type Transaction } from '@commercebridge/outbox';
import type pg from 'pg';
import type { ModulesConfig } from './config.ts';
import { ModuleError } from './errors.ts';
import { type LiveSubscription, liveSubscription } from './live.ts';
import type { ModuleCatalog } from './topics.ts';
import { inTransaction } from './tx.ts';
import { moduleCodec } from './wire.ts';

export interface NotificationInput {
  /** What happened, e.g. "order.confirmed". */
  type: string;
  /** Recipient; omit for a broadcast. */
  userId?: string;
  /** JSON-encoded unless it is already bytes. */
  data?: unknown;
  /** Meant for every user; a subscriber filtering on a userId receives broadcasts too. (Default: !userId) */
  broadcast?: boolean;
  channel?: string;
  title?: string;
  expiresAt?: Date;
  /** (Default: a new UUID) A repeated id publishes nothing (outbox dedup). */
  notificationId?: string;
}

export interface Notification {
  notificationId: string;
  type: string;
  userId: string;
  broadcast: boolean;
  /** Decoded JSON, or the bytes for other content types. */
  data: unknown;
  dataContentType: string;
  channel: string;
  title: string;
  createdAt: string;
  expiresAt: string;
}

export interface SubscribeFilter {
  /** Exact types, or prefixes ending in ".*" ("order.*"). (Default: every type) */
  types?: string[];
  /** Only this user's notifications and broadcasts. (Default: every user) */
  userId?: string;
  /** Replay from this time (the topic keeps 3 days). (Default: from now on) */
  from?: Date;
  /** A stable instance id: after a restart the subscription resumes where it stopped. (Default: random) */
  instanceId?: string;
}

export interface NotificationsOptions {
  config: ModulesConfig;
  catalog: ModuleCatalog;
  /** Needed to publish without a transaction of the caller's. */
  pool?: pg.Pool;
  /** (Default: 'commercebridge') */
  schema?: string;
  /** Where the module logs, bound to `{ component: 'notifications' }`. (Default: createLogger() of @commercebridge/config) */
  logger?: Logger;
}

export type NotificationsModule = ReturnType<typeof createNotifications>;

const JSON_TYPE = 'application/json';

/** Whether a type passes a filter of exact types and "prefix.*" patterns. */
export function typeMatches(types: readonly string[] | undefined, type: string): boolean {
  if (!types || types.length === 0) return true;
  return types.some((t) => (t.endsWith('.*') ? type.startsWith(t.slice(0, -1)) : t === type));
}

function notificationOf(payload: unknown): Notification {
  const p = payload as Partial<Omit<Notification, 'data'>> & { data?: Uint8Array };
  const contentType = p.dataContentType ?? '';
  const bytes = p.data ?? new Uint8Array();
  let data: unknown = bytes;
  if (contentType === JSON_TYPE)
    data = bytes.length === 0 ? null : JSON.parse(Buffer.from(bytes).toString('utf8'));
  return {
    notificationId: p.notificationId ?? '',
    type: p.type ?? '',
    userId: p.userId ?? '',
    broadcast: p.broadcast ?? false,
    data,
    dataContentType: contentType,
    channel: p.channel ?? '',
    title: p.title ?? '',
    createdAt: p.createdAt ?? '',
    expiresAt: p.expiresAt ?? '',
  };
}

/** The notifications module (`bridge.integrations.kafka.module_notifications`). */
export function createNotifications(options: NotificationsOptions) {
  const { config, catalog, pool } = options;
  const schema = options.schema ?? 'commercebridge';
  const topic = catalog.events['notification.published'].topic;
  const outbox: Outbox<ModuleCatalog> = createOutbox({ catalog, schema });
  const codec = moduleCodec(catalog);
  const logger = (options.logger ?? createLogger()).child({ component: 'notifications' });
  const kafka = createKafkaClient(config.kafka, { logger });
  const subscriptions = new Set<LiveSubscription>();

  /** Publishes through the outbox: the notification exists iff the transaction commits. */
  async function publish(
    input: NotificationInput,
    publishOptions: { tx?: Transaction; delay?: number } = {},
  ): Promise<{ notificationId: string; status: 'inserted' | 'scheduled' | 'duplicate' }> {
    if (typeof input?.type !== 'string' || input.type === '') {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        '/notification/type must be a non-empty string, e.g. "order.confirmed"',
      );
    }
    const broadcast = input.broadcast ?? !input.userId;
    if (!broadcast && !input.userId) {
      throw new ModuleError(
        'MODULE_INVALID_INPUT',
        '/notification/userId is required unless broadcast is true',
      );
    }
    const isBytes = input.data instanceof Uint8Array;
    const notificationId = input.notificationId ?? randomUUID();
    const payload = {
      notificationId,
      type: input.type,
      userId: broadcast ? '' : (input.userId ?? ''),
      broadcast,
      data: isBytes ? (input.data as Uint8Array) : Buffer.from(JSON.stringify(input.data ?? null), 'utf8'),
      dataContentType: isBytes ? 'application/octet-stream' : JSON_TYPE,
      channel: input.channel ?? (broadcast ? 'system' : 'user'),
      title: input.title ?? '',
      createdAt: new Date().toISOString(),
      expiresAt: input.expiresAt ? input.expiresAt.toISOString() : '',
    };
    // A notification id that is a UUID doubles as the event id, so publishing it twice is a no-op.
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(notificationId);
    const result = await inTransaction(pool, publishOptions.tx, 'publish notification', (executor) =>
      outbox.publish(executor, 'notification.published', payload, {
        ...(isUuid ? { eventId: notificationId } : {}),
        ...(publishOptions.delay ? { delay: publishOptions.delay } : {}),
      }),
    );
    return { notificationId, status: result.status };
  }

  /**
   * Calls `handler` for each notification passing the filter. Resolves once the subscription is in place:
   * everything published afterwards is delivered (at least once; a handler error is reported to `onError`
   * and skipped).
   */
  async function subscribe(
    filter: SubscribeFilter,
    handler: (notification: Notification) => void | Promise<void>,
    subscribeOptions: { onError?: (error: unknown) => void } = {},
  ): Promise<{ groupId: string; stop(): Promise<void> }> {
    const subscription = await liveSubscription({
      kafka,
      topic,
      groupPrefix: `${config.groupId}.notifications`,
      instanceId: filter.instanceId,
      from: filter.from,
      codec,
      onError: subscribeOptions.onError,
      onMessage: async (decoded) => {
        if (decoded.type !== 'notification.published') return;
        const notification = notificationOf(decoded.payload);
        if (!typeMatches(filter.types, notification.type)) return;
        if (filter.userId !== undefined && !notification.broadcast && notification.userId !== filter.userId)
          return;
        await handler(notification);
      },
    });
    subscriptions.add(subscription);
    return {
      groupId: subscription.groupId,
      stop: async () => {
        subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  /** A broadcast: `publish` with broadcast = true and no user. */
  function broadcast(
    input: Omit<NotificationInput, 'userId' | 'broadcast'>,
    publishOptions: { tx?: Transaction } = {},
  ) {
    return publish({ ...input, broadcast: true }, publishOptions);
  }

  async function close(): Promise<void> {
    await Promise.all([...subscriptions].map((sub) => sub.stop()));
    subscriptions.clear();
  }

  return { topic, publish, broadcast, subscribe, close };
}
