// Consumer lag and topic depth from Kafka alone: a group's committed offsets against the read_committed end of
// each partition (the last stable offset, which kafkajs' admin asks ListOffsets for), and a topic's records from
// start to end (a DLQ's depth). Works whether or not the group runs.
import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The next offset the group reads (its committed offset); null when it committed nothing there. */
  committed: string | null;
  /** The earliest offset still in the log. */
  start: string;
  /** The read_committed end of the partition (last stable offset). */
  end: string;
  /**
   * Offsets between the group's position and the end, never negative: `end - max(committed, start)`; with
   * nothing committed, every offset still in the log (`end - start`). Transaction markers count as offsets.
   */
  lag: number;
}

export interface GroupLag {
  groupId: string;
  /** Per partition of every topic the group committed offsets for (all partitions of those topics). */
  partitions: PartitionLag[];
  /** The sum over partitions. */
  lag: number;
  /** Topics the group has offsets for that no longer exist (deleted): no end to compare with. */
  missingTopics: string[];
}

/** What admin.fetchOffsets answers: a group's committed offset per partition (`-1`: none). */
export interface CommittedOffsets {
  topic: string;
  partitions: ReadonlyArray<{ partition: number; offset: string }>;
}

/** What admin.fetchTopicOffsets answers: the start (`low`) and end (`high`) of each partition. */
export interface TopicEnds {
  topic: string;
  partitions: ReadonlyArray<{ partition: number; low: string; high: string }>;
}

/**
 * The lag of each partition, from committed offsets and partition ends (pure). Every partition of each topic
 * in `ends` is listed, in topic then partition order, committed or not.
 */
export function computeLag(
  committed: readonly CommittedOffsets[],
  ends: readonly TopicEnds[],
): PartitionLag[] {
  const positions = new Map<string, bigint>();
  for (const topic of committed) {
    for (const p of topic.partitions) {
      const offset = BigInt(p.offset);
      if (offset >= 0n) positions.set(`${topic.topic}\u0000${p.partition}`, offset);
    }
  }
  const out: PartitionLag[] = [];
  for (const topic of [...ends].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))) {
    for (const p of [...topic.partitions].sort((a, b) => a.partition - b.partition)) {
      const start = BigInt(p.low);
      const end = BigInt(p.high);
      const position = positions.get(`${topic.topic}\u0000${p.partition}`);
      const from = position === undefined || position < start ? start : position;
      const lag = end > from ? end - from : 0n;
      out.push({
        topic: topic.topic,
        partition: p.partition,
        committed: position === undefined ? null : position.toString(),
        start: p.low,
        end: p.high,
        lag: Number(lag),
      });
    }
  }
  return out;
}

export interface ConsumerLagOptions {
  /** Only these topics (Default: every topic the group committed offsets for). */
  topics?: readonly string[];
}

/** The lag of a consumer group, read with a connected kafkajs admin client. */
export async function consumerLag(
  admin: Admin,
  groupId: string,
  options: ConsumerLagOptions = {},
): Promise<GroupLag> {
  const existing = new Set(await admin.listTopics());
  const wanted = options.topics ? [...new Set(options.topics)] : undefined;
  const missingTopics = (wanted ?? []).filter((topic) => !existing.has(topic));
  const present = wanted?.filter((topic) => existing.has(topic));
  // Without topics, OffsetFetch answers every topic the group has offsets for (an empty list means the same,
  // so a list of only deleted topics asks nothing).
  const fetched =
    present === undefined
      ? await admin.fetchOffsets({ groupId })
      : present.length > 0
        ? await admin.fetchOffsets({ groupId, topics: present })
        : [];
  const committed = fetched.filter((topic) => topic.partitions.some((p) => BigInt(p.offset) >= 0n));
  if (present === undefined) {
    for (const topic of committed) if (!existing.has(topic.topic)) missingTopics.push(topic.topic);
  }
  const topics = present ?? committed.map((topic) => topic.topic).filter((topic) => existing.has(topic));
  const ends = await Promise.all(
    topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
  );
  const partitions = computeLag(committed, ends);
  return {
    groupId,
    partitions,
    lag: partitions.reduce((sum, p) => sum + p.lag, 0),
    missingTopics: missingTopics.sort(),
  };
}

export interface TopicDepth {
  topic: string;
  /** Records between the start and the end of every partition (transaction markers count as offsets). */
  depth: number;
  partitions: Array<{ partition: number; start: string; end: string }>;
}

/** The depth of a topic (e.g. a DLQ), read with a connected kafkajs admin client. */
export async function topicDepth(admin: Admin, topic: string): Promise<TopicDepth> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const partitions = offsets
    .map((p) => ({ partition: p.partition, start: p.low, end: p.high }))
    .sort((a, b) => a.partition - b.partition);
  const depth = partitions.reduce((sum, p) => sum + Number(BigInt(p.end) - BigInt(p.start)), 0);
  return { topic, depth, partitions };
}
