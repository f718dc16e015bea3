import { type Message, Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { checkWritten, withPartition } from '../src/slot.ts';

const metadata = (count: number) =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    partitionErrorCode: 0,
  }));

describe('the partitions of a batch and what the Kafka client reports written', () => {
  it("sets the partition kafkajs' default partitioner would choose", () => {
    const partitioner = Partitioners.DefaultPartitioner();
    for (let i = 0; i < 200; i++) {
      const message: Message = { key: `key-${i}`, value: 'v' };
      const set = withPartition('t', message, 6);
      expect(set.partition).toBe(partitioner({ topic: 't', partitionMetadata: metadata(6), message }));
    }
    // Unknown count or an explicit partition: left as they are.
    expect(withPartition('t', { key: 'k', value: 'v' }, undefined).partition).toBeUndefined();
    expect(withPartition('t', { key: 'k', value: 'v', partition: 4 }, 6).partition).toBe(4);
  });

  const sent = [
    {
      topic: 'orders',
      messages: [
        { key: 'a', value: '1', partition: 0 },
        { key: 'b', value: '2', partition: 2 },
      ],
    },
    { topic: 'state', messages: [{ key: '1', value: 's', partition: 1 }] },
  ];

  it('passes when every partition is reported once', () => {
    expect(() =>
      checkWritten(
        [
          { topicName: 'state', partition: 1 },
          { topicName: 'orders', partition: 2 },
          { topicName: 'orders', partition: 0 },
        ],
        sent,
      ),
    ).not.toThrow();
  });

  it('fails, retriable, when a partition is missing (a broker share skipped on retry)', () => {
    let caught: unknown;
    try {
      checkWritten(
        [
          { topicName: 'orders', partition: 0 },
          { topicName: 'state', partition: 1 },
        ],
        sent,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'RELAY_KAFKA', retriable: true });
    expect(String((caught as Error).message)).toContain('not at all to orders/2');
  });

  it('fails when a partition is reported twice (a broker share sent again)', () => {
    expect(() =>
      checkWritten(
        [
          { topicName: 'orders', partition: 0 },
          { topicName: 'orders', partition: 2 },
          { topicName: 'orders', partition: 2 },
          { topicName: 'state', partition: 1 },
        ],
        sent,
      ),
    ).toThrow(/twice to orders\/2/);
  });
});
