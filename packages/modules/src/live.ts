// A live subscription: a consumer group of its own (so every subscriber instance sees every message), whose
// offsets are chosen before it resolves: the end of the topic (messages from now on) or a timestamp (replay).
// Seeking there explicitly, instead of relying on auto.offset.reset=latest at the first fetch, means every
// message produced after subscribe() resolved is delivered.
import { randomBytes } from 'node:crypto';
import { headerStrings } from '@commercebridge/consumers';
import { HEADERS } from '@commercebridge/schemas';
import type { Kafka } from 'kafkajs';
import { ModuleError } from './errors.ts';

export interface LiveSubscription {
  groupId: string;
  stop(): Promise<void>;
}

export interface LiveOptions {
  kafka: Kafka;
  topic: string;
  /** The group id is `<groupPrefix>.<instanceId>`. */
  groupPrefix: string;
  /** (Default: random, so each subscription is its own group) */
  instanceId?: string;
  /** Replay from this time instead of the end of the topic. */
  from?: Date;
  codec: {
    fromWire(value: Buffer, headers: Record<string, string>): Promise<{ type: string; payload: unknown }>;
  };
  onMessage(decoded: { type: string; payload: unknown }, eventId: string): Promise<void>;
  /** Undecodable messages and handler failures are reported here and skipped (at-least-once, no DLQ). */
  onError?(error: unknown): void;
}

export async function liveSubscription(options: LiveOptions): Promise<LiveSubscription> {
  const { kafka, topic } = options;
  const groupId = `${options.groupPrefix}.${options.instanceId ?? randomBytes(6).toString('hex')}`;
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 200 });
  try {
    await admin.connect();
    const partitions = options.from
      ? await admin.fetchTopicOffsetsByTimestamp(topic, options.from.getTime())
      : (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high }));
    // An instance id reused after a restart keeps its committed offsets (it resumes); a new group starts at
    // the chosen point.
    const existing = await admin.fetchOffsets({ groupId, topics: [topic] });
    const resume = !options.from && existing.some((t) => t.partitions.some((p) => Number(p.offset) >= 0));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    const joined = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
      consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.value) return;
        const headers = headerStrings(message.headers);
        try {
          const decoded = await options.codec.fromWire(message.value, headers);
          await options.onMessage(decoded, headers[HEADERS.eventId] ?? '');
        } catch (error) {
          options.onError?.(error);
        }
      },
    });
    await joined;
    // seek, not admin.setOffsets: the latter joins the group with a consumer of its own, which takes seconds.
    // The subscriber is the group's only member, so it holds every partition.
    if (!resume)
      for (const p of partitions) consumer.seek({ topic, partition: p.partition, offset: p.offset });
  } catch (cause) {
    await consumer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
    throw new ModuleError('MODULE_KAFKA', `subscription to ${topic} failed: ${(cause as Error).message}`, {
      cause,
      retriable: true,
    });
  }
  let stopped = false;
  return {
    groupId,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await consumer.disconnect().catch(() => {});
      // A random instance id leaves an empty group behind: delete it. A named one is kept to resume from.
      if (options.instanceId === undefined) await admin.deleteGroups([groupId]).catch(() => {});
      await admin.disconnect().catch(() => {});
    },
  };
}
