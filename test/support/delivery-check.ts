// The exactly-once, in-order verdict of the crash tests, as a pure function: what Postgres says was committed
// (the truth) against what an independent read_committed reader found on Kafka.

/** A committed event; `seq` is its place in the commit order of its key (any increasing numbers). */
export interface ExpectedEvent {
  eventId: string;
  key: string;
  seq: number;
}

/** A message read from Kafka with read_committed; `eventId` from the `event-id` header. */
export interface DeliveredMessage {
  eventId: string | null;
  key: string | null;
  partition: number;
  offset: number;
}

export interface Coordinates {
  partition: number;
  offset: number;
}

export interface DeliveryDiff {
  ok: boolean;
  expectedCount: number;
  deliveredCount: number;
  /** Committed events that never reached Kafka. */
  missing: ExpectedEvent[];
  /** Committed events delivered more than once. */
  duplicated: Array<{ eventId: string; key: string; count: number; at: Coordinates[] }>;
  /** Per key, the first place where the delivered order leaves the commit order (missing events ignored). */
  reordered: Array<{ key: string; index: number; expectedEventId: string; deliveredEventId: string }>;
  /** Messages whose event id was never committed; `rolledBack` when the writer rolled it back on purpose. */
  unexpected: Array<{ eventId: string; key: string | null; rolledBack: boolean; at: Coordinates }>;
  /** Committed events delivered under another Kafka key than their partition key. */
  wrongKey: Array<{ eventId: string; expectedKey: string; key: string | null }>;
  /** Keys whose messages are on several partitions (their order cannot be read from offsets). */
  splitKeys: Array<{ key: string; partitions: number[] }>;
  /** Messages without an `event-id` header. */
  withoutEventId: Coordinates[];
}

export interface CheckOptions {
  /** Event ids the writer rolled back on purpose, to label unexpected messages. */
  rolledBack?: Iterable<string>;
}

const byCoordinates = (a: Coordinates, b: Coordinates): number =>
  a.partition - b.partition || a.offset - b.offset;

export function checkDelivery(
  expected: readonly ExpectedEvent[],
  delivered: readonly DeliveredMessage[],
  options: CheckOptions = {},
): DeliveryDiff {
  const rolledBack = new Set(options.rolledBack ?? []);
  const truth = new Map<string, ExpectedEvent>();
  for (const event of expected) {
    if (truth.has(event.eventId)) throw new Error(`the expected events list ${event.eventId} twice`);
    truth.set(event.eventId, event);
  }

  const diff: DeliveryDiff = {
    ok: false,
    expectedCount: expected.length,
    deliveredCount: delivered.length,
    missing: [],
    duplicated: [],
    reordered: [],
    unexpected: [],
    wrongKey: [],
    splitKeys: [],
    withoutEventId: [],
  };

  const sorted = [...delivered].sort(byCoordinates);
  const seen = new Map<string, Coordinates[]>();
  // Per key (the committed partition key), the first delivery of each of its events, in offset order.
  const deliveredByKey = new Map<string, Array<{ event: ExpectedEvent; at: Coordinates }>>();
  const partitionsByKey = new Map<string, Set<number>>();

  for (const message of sorted) {
    const at = { partition: message.partition, offset: message.offset };
    if (message.eventId === null || message.eventId === '') {
      diff.withoutEventId.push(at);
      continue;
    }
    const event = truth.get(message.eventId);
    if (!event) {
      diff.unexpected.push({
        eventId: message.eventId,
        key: message.key,
        rolledBack: rolledBack.has(message.eventId),
        at,
      });
      continue;
    }
    const previous = seen.get(event.eventId);
    if (previous) {
      previous.push(at);
      continue;
    }
    seen.set(event.eventId, [at]);
    if (message.key !== event.key)
      diff.wrongKey.push({ eventId: event.eventId, expectedKey: event.key, key: message.key });
    const list = deliveredByKey.get(event.key) ?? [];
    list.push({ event, at });
    deliveredByKey.set(event.key, list);
    const partitions = partitionsByKey.get(event.key) ?? new Set<number>();
    partitions.add(message.partition);
    partitionsByKey.set(event.key, partitions);
  }

  for (const event of expected) {
    if (!seen.has(event.eventId)) diff.missing.push(event);
  }
  for (const [eventId, at] of seen) {
    if (at.length > 1) {
      diff.duplicated.push({ eventId, key: truth.get(eventId)?.key ?? '', count: at.length, at });
    }
  }
  for (const [key, partitions] of partitionsByKey) {
    if (partitions.size > 1) diff.splitKeys.push({ key, partitions: [...partitions].sort((a, b) => a - b) });
  }
  for (const [key, list] of deliveredByKey) {
    // Compare with the commit order of the same (delivered) events, so a missing event is not also a reorder.
    const inCommitOrder = list.map((entry) => entry.event).sort((a, b) => a.seq - b.seq);
    for (let index = 0; index < list.length; index++) {
      const deliveredEvent = list[index]!.event;
      const expectedEvent = inCommitOrder[index]!;
      if (deliveredEvent.eventId !== expectedEvent.eventId) {
        diff.reordered.push({
          key,
          index,
          expectedEventId: expectedEvent.eventId,
          deliveredEventId: deliveredEvent.eventId,
        });
        break;
      }
    }
  }

  diff.ok =
    diff.missing.length === 0 &&
    diff.duplicated.length === 0 &&
    diff.reordered.length === 0 &&
    diff.unexpected.length === 0 &&
    diff.wrongKey.length === 0 &&
    diff.splitKeys.length === 0 &&
    diff.withoutEventId.length === 0;
  return diff;
}

/** A short human summary of a diff (counts and the first few cases of each kind), for assertion messages. */
export function formatDiff(diff: DeliveryDiff, limit = 5): string {
  const parts = [
    `expected ${diff.expectedCount} events, read ${diff.deliveredCount} messages: ${diff.ok ? 'exactly once, in order' : 'NOT exactly once in order'}`,
  ];
  const section = (name: string, items: readonly unknown[]): void => {
    if (items.length === 0) return;
    const shown = items.slice(0, limit).map((item) => `    ${JSON.stringify(item)}`);
    const more = items.length > limit ? [`    ... ${items.length - limit} more`] : [];
    parts.push(`  ${name}: ${items.length}`, ...shown, ...more);
  };
  section('missing', diff.missing);
  section('duplicated', diff.duplicated);
  section('reordered', diff.reordered);
  section(
    'unexpected (rolled back on purpose)',
    diff.unexpected.filter((item) => item.rolledBack),
  );
  section(
    'unexpected (never committed)',
    diff.unexpected.filter((item) => !item.rolledBack),
  );
  section('wrong key', diff.wrongKey);
  section('keys on several partitions', diff.splitKeys);
  section('without event-id header', diff.withoutEventId);
  return parts.join('\n');
}
