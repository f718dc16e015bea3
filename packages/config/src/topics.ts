import type { Admin, ITopicConfig } from 'kafkajs';

/** How long created topics may take to show a leader for every partition (Default: 30 s). */
export const TOPIC_LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates topics and waits until the metadata shows a leader for every partition of each. A topic that exists
 * already is no error (another process created it at the same time). kafkajs' own `waitForLeaders` gives up
 * when the broker it asks has not yet heard of a topic created a moment ago (UNKNOWN_TOPIC_OR_PARTITION),
 * which on a cluster of several brokers is the usual case right after a create. Returns whether every leader
 * was seen within `timeoutMs`; a producer sending to a topic whose leader is not known yet retries by itself.
 */
export async function createTopicsAndWait(
  admin: Admin,
  topics: ITopicConfig[],
  timeoutMs = TOPIC_LEADERS_TIMEOUT_MS,
): Promise<boolean> {
  if (topics.length === 0) return true;
  await admin.createTopics({ topics, waitForLeaders: false }).catch((error: { type?: string }) => {
    if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
  });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: names });
      const ready = names.every((name) => {
        const partitions = metadata.topics.find((t) => t.name === name)?.partitions ?? [];
        return partitions.length > 0 && partitions.every((p) => p.leader >= 0);
      });
      if (ready) return true;
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw error;
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
