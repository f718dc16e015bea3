import { createTopicsAndWait } from '@commercebridge/config';
import type { Admin } from 'kafkajs';
import { RelayError } from '../errors.ts';

async function partitionCount(admin: Admin, topic: string): Promise<number | null> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.length ?? null;
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'UNKNOWN_TOPIC_OR_PARTITION') return null;
    throw error;
  }
}

async function replicationFactor(admin: Admin): Promise<number> {
  const { brokers } = await admin.describeCluster();
  return Math.min(3, brokers.length);
}

/**
 * The state topic: compacted, at least one partition per slot (slot s writes only partition s, so no other
 * slot's open transaction can hold back the last stable offset a takeover reads up to). Created when missing;
 * a topic with too few partitions is a configuration error, never silently used.
 */
export async function ensureStateTopic(admin: Admin, topic: string, slotCount: number): Promise<void> {
  let partitions = await partitionCount(admin, topic);
  if (partitions === null) {
    const replicas = await replicationFactor(admin);
    await createTopicsAndWait(admin, [
      {
        topic,
        numPartitions: slotCount,
        replicationFactor: replicas,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          // Small segments so compaction keeps the log short: a takeover reads only its tail anyway.
          { name: 'segment.bytes', value: String(16 * 1024 * 1024) },
          // An acknowledged state record must survive the loss of its leader as the events beside it do:
          // two in-sync replicas with three replicas, one with one or two (a broker of two may be down).
          { name: 'min.insync.replicas', value: String(replicas >= 3 ? 2 : 1) },
        ],
      },
    ]);
    partitions = await partitionCount(admin, topic);
  }
  if (partitions === null || partitions < slotCount) {
    throw new RelayError(
      'RELAY_STATE_TOPIC_INVALID',
      `state topic ${topic} has ${partitions ?? 0} partitions but RELAY_SLOT_COUNT is ${slotCount}: ` +
        `add partitions (kafka-topics --alter --topic ${topic} --partitions ${slotCount}) or use another RELAY_STATE_TOPIC`,
    );
  }
}

/** Remembers which event topics exist, so that only a topic seen for the first time costs a metadata call. */
export class TopicChecker {
  private readonly known = new Set<string>();
  /** Partition count of each known topic, read when it was first seen. */
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly admin: Admin,
    private readonly autoCreate: boolean,
    private readonly partitions: number,
  ) {}

  async ensure(topics: Iterable<string>): Promise<void> {
    for (const topic of topics) {
      if (this.known.has(topic)) continue;
      let count = await partitionCount(this.admin, topic);
      if (count === null) {
        if (!this.autoCreate) {
          throw new RelayError(
            'RELAY_TOPIC_MISSING',
            `topic ${topic} does not exist: create it (e.g. kafka-topics --create --topic ${topic}) or set ` +
              'RELAY_AUTO_CREATE_TOPICS=on',
            { retriable: true },
          );
        }
        await createTopicsAndWait(this.admin, [
          { topic, numPartitions: this.partitions, replicationFactor: await replicationFactor(this.admin) },
        ]);
        count = (await partitionCount(this.admin, topic)) ?? this.partitions;
      }
      this.counts.set(topic, count);
      this.known.add(topic);
    }
  }

  /** The partition count of a known topic (undefined for one not checked yet). */
  partitionsOf(topic: string): number | undefined {
    return this.counts.get(topic);
  }

  /** Whether a topic is known to exist (no lookup needed). */
  knows(topic: string): boolean {
    return this.known.has(topic);
  }

  /** The broker said a topic is not there after all (deleted since it was checked): check it again next time. */
  forget(topics: Iterable<string>): void {
    for (const topic of topics) {
      this.known.delete(topic);
      this.counts.delete(topic);
    }
  }
}
