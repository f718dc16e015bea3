// The module topics: the catalog copy that binds the event types to the configured topic names, and topic
// administration with each module's retention.
import { createKafkaClient, createTopicsAndWait, type KafkaSettings } from '@commercebridge/config';
import { catalog as builtin, defineCatalog, protoSources } from '@commercebridge/schemas';
import type { Admin } from 'kafkajs';
import { DEFAULT_TOPICS, type ModuleTopics } from './config.ts';
import { ModuleError } from './errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** retention.ms of each module topic: logs 7 days, queue 24 hours (jobs should run quickly), notifications 3 days. */
export const MODULE_RETENTION_MS = {
  queue: DAY_MS,
  logs: 7 * DAY_MS,
  notifications: 3 * DAY_MS,
} as const;

const entries = builtin.events;

/**
 * The catalog the modules publish with. The built-in catalog fixes each event's topic, and the outbox stores
 * the topic the catalog names, so overriding a topic name (KAFKA_QUEUE_TOPIC, ...) means a catalog copy
 * with the same messages, keys and required fields but other topics.
 */
export function moduleCatalog(topics: Partial<ModuleTopics> = {}) {
  const t = { ...DEFAULT_TOPICS, ...topics };
  return defineCatalog(
    {
      'job.enqueued': {
        topic: t.queue,
        message: entries['job.enqueued'].message,
        key: entries['job.enqueued'].key,
        required: [...entries['job.enqueued'].required] as ['jobId', 'queue', 'type'],
      },
      'job.completed': {
        topic: t.queue,
        message: entries['job.completed'].message,
        key: entries['job.completed'].key,
        required: [...entries['job.completed'].required] as ['jobId', 'queue', 'type'],
      },
      'log.written': {
        topic: t.logs,
        message: entries['log.written'].message,
        key: entries['log.written'].key,
        required: [...entries['log.written'].required] as ['message', 'service'],
      },
      'notification.published': {
        topic: t.notifications,
        message: entries['notification.published'].message,
        key: entries['notification.published'].key,
        required: [...entries['notification.published'].required] as ['notificationId', 'type'],
      },
    },
    { sources: protoSources },
  );
}

export type ModuleCatalog = ReturnType<typeof moduleCatalog>;

export interface EnsureTopicsOptions {
  /** Partitions per topic, one number for all or one per module. (Default: 3) */
  partitions?: number | Partial<Record<keyof ModuleTopics, number>>;
  /** Topic names. (Default: the catalog's, see `DEFAULT_TOPICS`) */
  topics?: Partial<ModuleTopics>;
  /** (Default: 1) */
  replicationFactor?: number;
  /** Also create `<queue topic>.dlq` (retention of the logs: 7 days, dead jobs are inspected later). (Default: true) */
  queueDlq?: boolean;
}

export interface EnsuredTopic {
  topic: string;
  created: boolean;
  partitions: number;
  retentionMs: number;
}

/**
 * Creates the module topics with their retention and partition counts; idempotent. An existing topic gets its
 * `retention.ms` set again; its partition count is left as it is (reported in the result), since adding
 * partitions moves keys between partitions and breaks per-key order.
 */
export async function ensureModuleTopics(
  target: Admin | KafkaSettings,
  options: EnsureTopicsOptions = {},
): Promise<EnsuredTopic[]> {
  const topics = { ...DEFAULT_TOPICS, ...options.topics };
  const partitionsOf = (module: keyof ModuleTopics): number => {
    const p = options.partitions;
    const value = typeof p === 'number' ? p : (p?.[module] ?? 3);
    if (!Number.isInteger(value) || value < 1 || value > 10_000) {
      throw new ModuleError(
        'MODULE_INVALID_CONFIG',
        `/topics/partitions/${module} must be an integer between 1 and 10000 (got "${value}")`,
      );
    }
    return value;
  };
  const wanted: Array<{ topic: string; partitions: number; retentionMs: number }> = (
    ['queue', 'logs', 'notifications'] as const
  ).map((module) => ({
    topic: topics[module],
    partitions: partitionsOf(module),
    retentionMs: MODULE_RETENTION_MS[module],
  }));
  if (options.queueDlq ?? true) {
    wanted.push({ topic: `${topics.queue}.dlq`, partitions: 1, retentionMs: MODULE_RETENTION_MS.logs });
  }
  const ownAdmin = 'brokers' in target;
  const admin: Admin = ownAdmin ? createKafkaClient(target, {}, '/topics/kafka').admin() : target;
  try {
    if (ownAdmin) await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((w) => !existing.has(w.topic));
    if (missing.length > 0) {
      // Another process may create one of them at the same time: the alter below still sets the retention.
      await createTopicsAndWait(
        admin,
        missing.map((w) => ({
          topic: w.topic,
          numPartitions: w.partitions,
          replicationFactor: options.replicationFactor ?? 1,
          configEntries: [{ name: 'retention.ms', value: String(w.retentionMs) }],
        })),
      );
    }
    const present = wanted.filter((w) => existing.has(w.topic));
    if (present.length > 0) await setRetention(admin, present);
    const metadata = await admin.fetchTopicMetadata({ topics: wanted.map((w) => w.topic) });
    const partitionCount = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
    return wanted.map((w) => ({
      topic: w.topic,
      created: !existing.has(w.topic),
      partitions: partitionCount.get(w.topic) ?? w.partitions,
      retentionMs: w.retentionMs,
    }));
  } catch (cause) {
    if (cause instanceof ModuleError) throw cause;
    throw new ModuleError('MODULE_KAFKA', `ensureModuleTopics failed: ${(cause as Error).message}`, {
      cause,
      retriable: true,
    });
  } finally {
    if (ownAdmin) await admin.disconnect();
  }
}

/**
 * Sets retention.ms where it differs. kafkajs only has the non-incremental AlterConfigs, which replaces a
 * topic's whole dynamic configuration: the topic's other dynamic settings are read first and sent back with it.
 */
async function setRetention(
  admin: Admin,
  topics: Array<{ topic: string; retentionMs: number }>,
): Promise<void> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((t) => ({ type: 2, name: t.topic })), // ConfigResourceTypes.TOPIC
  });
  const resources = [];
  for (const t of topics) {
    const entries = described.resources.find((r) => r.resourceName === t.topic)?.configEntries ?? [];
    const current = entries.find((e) => e.configName === 'retention.ms')?.configValue;
    if (current === String(t.retentionMs)) continue;
    const dynamic = entries
      // configSource 1 = DYNAMIC_TOPIC_CONFIG: set on this topic (the rest are broker defaults).
      .filter((e) => e.configSource === 1 && e.configName !== 'retention.ms' && !e.isSensitive)
      .map((e) => ({ name: e.configName, value: e.configValue }));
    resources.push({
      type: 2,
      name: t.topic,
      configEntries: [...dynamic, { name: 'retention.ms', value: String(t.retentionMs) }],
    });
  }
  if (resources.length > 0) await admin.alterConfigs({ validateOnly: false, resources });
}
