// Where things live on a three-broker cluster: the leader and in-sync replicas of a partition, and the
// transaction coordinator of a transactional id, read with kafkajs admin from the cluster's metadata.
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';

export const TRANSACTION_STATE_TOPIC = '__transaction_state';
/** transaction.state.log.num.partitions of scripts/stack.sh. */
export const TRANSACTION_STATE_PARTITIONS = 10;

/** Java's String.hashCode (UTF-16 code units, 32-bit overflow). */
export function javaStringHash(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  return hash;
}

/**
 * The partition of __transaction_state that holds a transactional id: the broker's
 * `Utils.abs(transactionalId.hashCode()) % transaction.state.log.num.partitions` (TransactionStateManager);
 * its leader is the id's transaction coordinator.
 */
export function transactionStatePartition(
  transactionalId: string,
  partitions = TRANSACTION_STATE_PARTITIONS,
): number {
  const hash = javaStringHash(transactionalId);
  const abs = hash === -2147483648 ? 0 : Math.abs(hash);
  return abs % partitions;
}

/**
 * Runs `request` again for up to 30 s while it fails with UNKNOWN_TOPIC_OR_PARTITION: on a cluster, the broker
 * asked may not know yet a topic created a moment ago on another.
 */
async function whileUnknown<T>(request: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await request();
    } catch (error) {
      if ((error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION' || Date.now() > deadline)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface PartitionPlacement {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export function clusterAdmin(brokers: string) {
  return new Kafka({
    clientId: 'cluster-chaos-admin',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 200 },
  }).admin();
}

/** Leader, replicas and ISR of every partition of the topics, from a fresh metadata request. */
export async function placements(
  brokers: string,
  topics: readonly string[],
): Promise<Map<string, PartitionPlacement[]>> {
  const admin = clusterAdmin(brokers);
  await admin.connect();
  try {
    const { topics: found } = await whileUnknown(() => admin.fetchTopicMetadata({ topics: [...topics] }));
    return new Map(
      found.map((t) => [
        t.name,
        t.partitions
          .map((p) => ({
            partition: p.partitionId,
            leader: p.leader,
            replicas: [...p.replicas].sort(),
            isr: [...p.isr].sort(),
          }))
          .sort((a, b) => a.partition - b.partition),
      ]),
    );
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/**
 * The broker's own answer: a FindCoordinator request of type TRANSACTION, as the producer sends it, through
 * kafkajs' cluster object (kafkajs' admin has no public call for it).
 */
export async function findTransactionCoordinator(brokers: string, transactionalId: string): Promise<number> {
  const kafka = new Kafka({
    clientId: 'cluster-chaos-coordinator',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 200 },
  });
  const key = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  );
  if (!key) throw new Error('kafkajs changed: no private:Kafka:createCluster on a Kafka instance');
  const create = (kafka as unknown as Record<symbol, (options: object) => KafkajsCluster>)[key]!;
  const cluster = create({});
  await cluster.connect();
  try {
    await cluster.refreshMetadata();
    const { coordinator } = await cluster.findGroupCoordinatorMetadata({
      groupId: transactionalId,
      coordinatorType: 1, // COORDINATOR_TYPES.TRANSACTION
    });
    return coordinator.nodeId;
  } finally {
    await cluster.disconnect().catch(() => {});
  }
}

interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findGroupCoordinatorMetadata(options: {
    groupId: string;
    coordinatorType: number;
  }): Promise<{ coordinator: { nodeId: number } }>;
}

/** The broker that coordinates a transactional id now: the leader of its __transaction_state partition. */
export async function transactionCoordinator(brokers: string, transactionalId: string): Promise<number> {
  const partition = transactionStatePartition(transactionalId);
  const state = (await placements(brokers, [TRANSACTION_STATE_TOPIC])).get(TRANSACTION_STATE_TOPIC);
  const placement = state?.find((p) => p.partition === partition);
  if (!placement) throw new Error(`${TRANSACTION_STATE_TOPIC} has no partition ${partition}`);
  return placement.leader;
}

/** Whether every partition of the topics has a leader and all `replicas` in sync. */
export async function fullyReplicated(
  brokers: string,
  topics: readonly string[],
  replicas: number,
): Promise<boolean> {
  const found = await placements(brokers, topics);
  return topics.every((topic) => {
    const list = found.get(topic);
    return (
      list !== undefined &&
      list.length > 0 &&
      list.every((p) => p.leader >= 0 && p.replicas.length === replicas && p.isr.length === replicas)
    );
  });
}

/** A topic config value as the cluster reports it (broker defaults included). */
export async function topicConfig(brokers: string, topic: string, name: string): Promise<string | undefined> {
  const admin = clusterAdmin(brokers);
  await admin.connect();
  try {
    const { resources } = await whileUnknown(() =>
      admin.describeConfigs({
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }],
        includeSynonyms: false,
      }),
    );
    return resources[0]?.configEntries.find((entry) => entry.configName === name)?.configValue;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
