// Reads the last committed state record of one slot from its partition of the state topic.
//
// kafkajs offers no manual partition assignment: its consumer must join a group, which costs the broker's
// group.initial.rebalance.delay.ms (3 s by default) on every takeover. The relay instead uses the client's
// cluster object (kafkajs 2.2.4 is pinned exactly) to send ListOffsets and Fetch with read_committed to the
// partition leader, and kafkajs' own Batch class to drop aborted and control records.
import { createRequire } from 'node:module';
import type { Kafka } from 'kafkajs';
import { RelayError } from '../errors.ts';

const require = createRequire(import.meta.url);

const READ_COMMITTED = 1;

interface FetchedMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}
interface KafkajsBatch {
  messages: FetchedMessage[];
}
type BatchClass = new (topic: string, fetchedOffset: string, partitionData: unknown) => KafkajsBatch;

interface Broker {
  fetch(request: unknown): Promise<{
    responses: {
      topicName: string;
      partitions: { partition: number; errorCode: number; lastStableOffset: string }[];
    }[];
  }>;
}
interface Cluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(options: { nodeId: string }): Promise<Broker>;
  fetchTopicsOffset(
    topics: { topic: string; partitions: { partition: number }[]; fromBeginning: boolean }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

function createCluster(kafka: Kafka): Cluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  );
  if (!symbol) throw new Error('kafkajs internals changed: createCluster not found (kafkajs 2.2.4 expected)');
  const factory = (kafka as unknown as Record<symbol, (options: unknown) => Cluster>)[symbol]!;
  return factory({ isolationLevel: READ_COMMITTED, allowAutoTopicCreation: false });
}

export interface StateRecord {
  v: 1;
  slot: number;
  slotCount: number;
  relayId: string;
  /** The outbox the positions belong to (outboxInstance); absent in records of earlier relays. */
  instance?: string;
  positions: number[];
}

export function encodeStateRecord(record: StateRecord): Buffer {
  return Buffer.from(JSON.stringify(record));
}

export function decodeStateRecord(value: Buffer | null, slot: number): StateRecord | null {
  if (value === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new RelayError('RELAY_STATE_RECORD_INVALID', `state record of slot ${slot} is not JSON`, {
      cause: error,
    });
  }
  const record = parsed as Partial<StateRecord>;
  if (
    record.v !== 1 ||
    record.slot !== slot ||
    (record.instance !== undefined && typeof record.instance !== 'string') ||
    !Array.isArray(record.positions) ||
    !record.positions.every((p) => Number.isSafeInteger(p))
  ) {
    throw new RelayError(
      'RELAY_STATE_RECORD_INVALID',
      `state record of slot ${slot} has an unexpected shape: ${value.toString('utf8').slice(0, 200)}`,
    );
  }
  return record as StateRecord;
}

async function offsets(cluster: Cluster, topic: string, partition: number, fromBeginning: boolean) {
  const result = await cluster.fetchTopicsOffset([{ topic, partitions: [{ partition }], fromBeginning }]);
  const found = result[0]?.partitions.find((p) => p.partition === partition);
  if (!found) throw new RelayError('RELAY_STATE_TOPIC_INVALID', `no offsets for ${topic}[${partition}]`);
  return BigInt(found.offset);
}

/**
 * The last record of `partition` visible to a read_committed reader, or null when there is none. Reads a
 * window before the last stable offset and widens it until a record is found or the log start is reached.
 * Call it after initTransactions: the slot's own earlier transaction is then complete, so nothing of this
 * slot holds the last stable offset back (only this slot writes to its partition).
 */
export async function readLastStateRecord(
  kafka: Kafka,
  topic: string,
  partition: number,
): Promise<{ value: Buffer | null; offset: string } | null> {
  const Batch = require('kafkajs/src/consumer/batch') as BatchClass;
  const cluster = createCluster(kafka);
  await cluster.connect();
  try {
    await cluster.addTargetTopic(topic);
    const stable = await offsets(cluster, topic, partition, false);
    const start = await offsets(cluster, topic, partition, true);
    let window = 16n;
    for (;;) {
      let from = stable - window;
      if (from < start) from = start;
      let last: FetchedMessage | null = null;
      let offset = from;
      while (offset < stable) {
        const leaders = cluster.findLeaderForPartitions(topic, [partition]);
        const nodeId = Object.keys(leaders)[0];
        if (nodeId === undefined) throw new RelayError('RELAY_KAFKA', `no leader for ${topic}[${partition}]`);
        const broker = await cluster.findBroker({ nodeId });
        const response = await broker.fetch({
          isolationLevel: READ_COMMITTED,
          maxWaitTime: 100,
          minBytes: 1,
          maxBytes: 4 * 1024 * 1024,
          topics: [
            { topic, partitions: [{ partition, fetchOffset: offset.toString(), maxBytes: 4 * 1024 * 1024 }] },
          ],
        });
        const data = response.responses[0]?.partitions[0];
        if (!data) break;
        if (data.errorCode !== 0) {
          throw new RelayError(
            'RELAY_KAFKA',
            `fetch ${topic}[${partition}] failed with error code ${data.errorCode}`,
            {
              retriable: true,
            },
          );
        }
        const batch = new Batch(topic, offset.toString(), data) as KafkajsBatch & { lastOffset(): string };
        for (const message of batch.messages) {
          if (BigInt(message.offset) < stable) last = message;
        }
        const next = BigInt(batch.lastOffset()) + 1n;
        if (next <= offset) break; // nothing more below the stable offset
        offset = next;
      }
      if (last) return { value: last.value, offset: last.offset };
      if (from <= start) return null;
      window *= 4n;
    }
  } finally {
    await cluster.disconnect().catch(() => {});
  }
}
