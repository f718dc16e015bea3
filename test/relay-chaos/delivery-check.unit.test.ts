// The crash tests are only as good as their verdict: each kind of delivery fault must be reported.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDelivery,
  type DeliveredMessage,
  type ExpectedEvent,
  formatDiff,
} from '../support/delivery-check.ts';

// Keys a and b live on partition 0, key c on partition 1; seq is the commit order within the key.
const expected: ExpectedEvent[] = [
  { eventId: 'a1', key: 'a', seq: 1 },
  { eventId: 'b1', key: 'b', seq: 1 },
  { eventId: 'a2', key: 'a', seq: 2 },
  { eventId: 'c1', key: 'c', seq: 1 },
  { eventId: 'a3', key: 'a', seq: 3 },
  { eventId: 'c2', key: 'c', seq: 2 },
];
const partitionOf: Record<string, number> = { a: 0, b: 0, c: 1 };

/** Messages in the given order, offsets allocated per partition as a broker would. */
function deliver(ids: string[], keyOverride: Record<string, string | null> = {}): DeliveredMessage[] {
  const next = new Map<number, number>();
  return ids.map((eventId) => {
    const key = eventId in keyOverride ? keyOverride[eventId]! : eventId.slice(0, 1);
    const partition = partitionOf[key ?? 'a'] ?? 0;
    const offset = next.get(partition) ?? 0;
    next.set(partition, offset + 1);
    return { eventId, key, partition, offset };
  });
}

describe('checkDelivery', () => {
  it('accepts every event once, per key in commit order, keys interleaved freely', () => {
    const diff = checkDelivery(expected, deliver(['b1', 'a1', 'c1', 'a2', 'c2', 'a3']));
    expect(diff.ok, formatDiff(diff)).toBe(true);
    expect(formatDiff(diff)).toContain('exactly once, in order');
  });

  it('reports a missing event without also calling it a reorder', () => {
    const diff = checkDelivery(expected, deliver(['a1', 'b1', 'a3', 'c1', 'c2']));
    expect(diff.ok).toBe(false);
    expect(diff.missing).toEqual([{ eventId: 'a2', key: 'a', seq: 2 }]);
    expect(diff.reordered).toEqual([]);
    expect(formatDiff(diff)).toContain('missing: 1');
  });

  it('reports a duplicate with both coordinates', () => {
    const diff = checkDelivery(expected, deliver(['a1', 'b1', 'a2', 'a2', 'c1', 'a3', 'c2']));
    expect(diff.ok).toBe(false);
    expect(diff.duplicated).toEqual([
      {
        eventId: 'a2',
        key: 'a',
        count: 2,
        at: [
          { partition: 0, offset: 2 },
          { partition: 0, offset: 3 },
        ],
      },
    ]);
    expect(diff.missing).toEqual([]);
    expect(diff.reordered).toEqual([]);
  });

  it('reports a duplicate even when the second copy comes first in the input list', () => {
    const messages = deliver(['a1', 'b1', 'a2', 'c1', 'a3', 'c2', 'a1']);
    const diff = checkDelivery(expected, messages.reverse());
    expect(diff.duplicated.map((item) => item.eventId)).toEqual(['a1']);
    // The first delivery (lowest offset) counts for the order, so the late copy is no reorder.
    expect(diff.reordered).toEqual([]);
  });

  it('reports the first reorder within a key', () => {
    const diff = checkDelivery(expected, deliver(['a2', 'a1', 'b1', 'c1', 'a3', 'c2']));
    expect(diff.ok).toBe(false);
    expect(diff.reordered).toEqual([{ key: 'a', index: 0, expectedEventId: 'a1', deliveredEventId: 'a2' }]);
    expect(diff.missing).toEqual([]);
    expect(diff.duplicated).toEqual([]);
  });

  it('orders by offset, not by the order the reader returned the messages', () => {
    const messages = deliver(['a1', 'b1', 'a2', 'c1', 'a3', 'c2']);
    const diff = checkDelivery(expected, [...messages].reverse());
    expect(diff.ok, formatDiff(diff)).toBe(true);
  });

  it('reports a rolled-back event and a never-committed event as unexpected, labelled', () => {
    const diff = checkDelivery(expected, deliver(['a1', 'b1', 'a2', 'c1', 'a3', 'c2', 'a9', 'c9']), {
      rolledBack: ['a9'],
    });
    expect(diff.ok).toBe(false);
    expect(diff.unexpected).toEqual([
      { eventId: 'a9', key: 'a', rolledBack: true, at: { partition: 0, offset: 4 } },
      { eventId: 'c9', key: 'c', rolledBack: false, at: { partition: 1, offset: 2 } },
    ]);
    expect(formatDiff(diff)).toContain('rolled back on purpose');
  });

  it('reports a message under the wrong key and a key split across partitions', () => {
    const messages = deliver(['a1', 'b1', 'a2', 'c1', 'a3', 'c2'], { a3: 'c' });
    const diff = checkDelivery(expected, messages);
    expect(diff.ok).toBe(false);
    expect(diff.wrongKey).toEqual([{ eventId: 'a3', expectedKey: 'a', key: 'c' }]);
    expect(diff.splitKeys).toEqual([{ key: 'a', partitions: [0, 1] }]);
  });

  it('reports messages without an event-id header', () => {
    const messages: DeliveredMessage[] = [
      ...deliver(['a1', 'b1', 'a2', 'c1', 'a3', 'c2']),
      { eventId: null, key: 'a', partition: 0, offset: 99 },
    ];
    const diff = checkDelivery(expected, messages);
    expect(diff.ok).toBe(false);
    expect(diff.withoutEventId).toEqual([{ partition: 0, offset: 99 }]);
  });

  it('reports an empty topic as everything missing', () => {
    const diff = checkDelivery(expected, []);
    expect(diff.ok).toBe(false);
    expect(diff.missing).toHaveLength(expected.length);
  });

  it('refuses a truth that lists an event twice', () => {
    expect(() => checkDelivery([...expected, expected[0]!], [])).toThrow(/twice/);
  });

  // Properties over random histories: any interleaving of keys that keeps each key's order passes; swapping
  // two events of one key, dropping one or repeating one fails with exactly that kind of fault.
  const history = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 4 })), {
      minLength: 2,
      maxLength: 40,
    })
    .map((draws) => {
      const seqByKey = new Map<string, number>();
      const events: ExpectedEvent[] = [];
      for (const [keyIndex, count] of draws) {
        const key = `k${keyIndex}`;
        for (let i = 0; i < count; i++) {
          const seq = (seqByKey.get(key) ?? 0) + 1;
          seqByKey.set(key, seq);
          events.push({ eventId: `${key}-${seq}`, key, seq });
        }
      }
      return events;
    });

  const onePartitionPerKey = (events: ExpectedEvent[]): DeliveredMessage[] => {
    const next = new Map<number, number>();
    return events.map((event) => {
      const partition = Number(event.key.slice(1)) % 3;
      const offset = next.get(partition) ?? 0;
      next.set(partition, offset + 1);
      return { eventId: event.eventId, key: event.key, partition, offset };
    });
  };

  it('property: commit order per key passes whatever the interleaving', () => {
    fc.assert(
      fc.property(history, fc.integer(), (events, seed) => {
        // Shuffle keys against each other while keeping each key's own order.
        const queues = new Map<string, ExpectedEvent[]>();
        for (const event of events) queues.set(event.key, [...(queues.get(event.key) ?? []), event]);
        const keys = [...queues.keys()];
        const interleaved: ExpectedEvent[] = [];
        let state = seed >>> 0;
        while (interleaved.length < events.length) {
          // 32-bit LCG (Math.imul: a plain multiply loses the low bits in a double).
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          const queue = queues.get(keys[(state >>> 16) % keys.length]!)!;
          if (queue.length > 0) interleaved.push(queue.shift()!);
        }
        return checkDelivery(events, onePartitionPerKey(interleaved)).ok;
      }),
    );
  });

  it('property: swapping two events of one key is a reorder, nothing else', () => {
    fc.assert(
      fc.property(
        history.filter((events) => events.some((e, i) => events.findIndex((f) => f.key === e.key) !== i)),
        (events) => {
          const second = events.findIndex((e, i) => events.findIndex((f) => f.key === e.key) !== i);
          const first = events.findIndex((e) => e.key === events[second]!.key);
          const swapped = [...events];
          [swapped[first], swapped[second]] = [swapped[second]!, swapped[first]!];
          const diff = checkDelivery(events, onePartitionPerKey(swapped));
          return (
            !diff.ok &&
            diff.reordered.length === 1 &&
            diff.missing.length === 0 &&
            diff.duplicated.length === 0 &&
            diff.unexpected.length === 0
          );
        },
      ),
    );
  });

  it('property: dropping one event is one missing, repeating one is one duplicate', () => {
    fc.assert(
      fc.property(history, fc.nat(), (events, pick) => {
        const index = pick % events.length;
        const dropped = checkDelivery(events, onePartitionPerKey(events.filter((_, i) => i !== index)));
        const repeated = checkDelivery(events, onePartitionPerKey([...events, events[index]!]));
        return (
          dropped.missing.length === 1 &&
          dropped.missing[0]!.eventId === events[index]!.eventId &&
          dropped.reordered.length === 0 &&
          repeated.duplicated.length === 1 &&
          repeated.duplicated[0]!.eventId === events[index]!.eventId &&
          repeated.reordered.length === 0 &&
          !dropped.ok &&
          !repeated.ok
        );
      }),
    );
  });
});
