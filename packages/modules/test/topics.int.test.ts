import { describe, expect, it } from 'vitest';
import { kafka, randomName } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import { ensureModuleTopics, MODULE_RETENTION_MS } from '../src/index.ts';

describe('ensureModuleTopics', () => {
  it('creates the module topics with their retention and partitions, idempotently', async () => {
    const prefix = randomName('topics');
    const topics = {
      queue: `${prefix}.queue`,
      logs: `${prefix}.logs`,
      notifications: `${prefix}.notifications`,
    };
    const admin = kafka().admin();
    await admin.connect();
    try {
      const first = await ensureModuleTopics(admin, {
        topics,
        partitions: { queue: 4, logs: 2, notifications: 1 },
      });
      expect(first).toEqual([
        { topic: topics.queue, created: true, partitions: 4, retentionMs: 86_400_000 },
        { topic: topics.logs, created: true, partitions: 2, retentionMs: 604_800_000 },
        { topic: topics.notifications, created: true, partitions: 1, retentionMs: 259_200_000 },
        { topic: `${topics.queue}.dlq`, created: true, partitions: 1, retentionMs: MODULE_RETENTION_MS.logs },
      ]);
      // Someone shortened a retention and set another config: the second run sets the retention back and
      // keeps the other setting.
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: 2,
            name: topics.logs,
            configEntries: [
              { name: 'retention.ms', value: '1000' },
              { name: 'max.message.bytes', value: '2000000' },
            ],
          },
        ],
      });
      const second = await ensureModuleTopics(
        { brokers: stackEnv().KAFKA_BROKERS.split(',') },
        { topics, partitions: 9 },
      );
      expect(second.map((t) => [t.created, t.partitions])).toEqual([
        [false, 4],
        [false, 2],
        [false, 1],
        [false, 1],
      ]);
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [topics.queue, topics.logs, topics.notifications].map((name) => ({
          type: 2,
          name,
          configNames: ['retention.ms', 'max.message.bytes'],
        })),
      });
      const value = (topic: string, name: string) =>
        described.resources
          .find((r) => r.resourceName === topic)
          ?.configEntries.find((e) => e.configName === name)?.configValue;
      expect(value(topics.logs, 'max.message.bytes')).toBe('2000000');
      const retention = Object.fromEntries(
        [topics.queue, topics.logs, topics.notifications].map((t) => [t, value(t, 'retention.ms')]),
      );
      expect(retention).toEqual({
        [topics.queue]: String(MODULE_RETENTION_MS.queue),
        [topics.logs]: String(MODULE_RETENTION_MS.logs),
        [topics.notifications]: String(MODULE_RETENTION_MS.notifications),
      });
    } finally {
      await admin.deleteTopics({ topics: [...Object.values(topics), `${topics.queue}.dlq`] }).catch(() => {});
      await admin.disconnect();
    }
  });
});
