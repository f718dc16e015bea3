// The live tail: the most recent messages on the catalog's topics, decoded, in a bounded ring. It starts on the
// first request (a console nobody looks at reads nothing from Kafka), reads with read_committed from the
// offsets the topics had at that moment, and commits nothing: its consumer group is a throwaway of its own,
// never a group a user owns, and Kafka forgets it once the console stops.
import { randomBytes } from 'node:crypto';
import type { Logger } from '@commercebridge/config';
import type { WireDecoder } from '@commercebridge/consumers';
import { HEADERS } from '@commercebridge/schemas';
import type { Consumer, IHeaders, KafkaMessage } from 'kafkajs';
import { kafkaClient } from './kafka.ts';
import { sectionError } from './redact.ts';
import type { KafkaOptions, SectionError, TailEvent, TailView } from './types.ts';

/** Messages the tail keeps; older ones are dropped. (Default: 200) */
export const TAIL_SIZE = 200;
/** The tail's consumer group is this prefix and a random suffix; it never commits an offset. */
export const TAIL_GROUP_PREFIX = 'commercebridge-console-tail-';
/** A decoded payload larger than this as JSON is not kept (its error says so). (Default: 64 KiB) */
export const TAIL_MAX_PAYLOAD_CHARS = 64 * 1024;
/** A failed tail is started again by the first request after this pause. (Default: 10 s) */
export const TAIL_RESTART_AFTER_MS = 10_000;

export interface Tail {
  /** Starts the tail if it is not running (and waits until its start offsets are read); the events after `after`. */
  read(after: number): Promise<TailView>;
  /** Leaves the group and closes the consumer. */
  stop(): Promise<void>;
}

export interface TailOptions {
  kafka: KafkaOptions;
  /** Where kafkajs's log of the tail goes. (Default: nowhere) */
  logger?: Logger;
  /** The catalog's topics. */
  topics: readonly string[];
  /** The console's wire codec (the one redrive uses). */
  codec: () => WireDecoder;
  size?: number;
}

interface Run {
  state: 'starting' | 'running' | 'failed';
  since: string | null;
  topics: string[];
  missingTopics: string[];
  error?: SectionError;
  failedAt: number;
  consumer?: Consumer;
  /** Settles (never rejects) once the start offsets are read and the consumer is told to seek there, or failed. */
  ready: Promise<void>;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined) continue;
    const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (last !== undefined) out[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return out;
}

/** JSON of a decoded payload: a generated message's toJSON (int64 as strings, bytes as base64), bigint as text. */
function payloadJson(payload: unknown): string {
  return (
    JSON.stringify(payload, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)) ?? 'null'
  );
}

async function tailEvent(
  codec: WireDecoder,
  topic: string,
  partition: number,
  message: KafkaMessage,
): Promise<Omit<TailEvent, 'seq'>> {
  const headers = headersOf(message.headers);
  const base = {
    topic,
    partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: message.key === null ? null : message.key.toString('utf8'),
    type: headers[HEADERS.eventType] ?? null,
    headers,
  };
  if (message.value === null) return { ...base, error: { message: 'the record has no value (a tombstone)' } };
  try {
    const decoded = await codec.fromWire(message.value, headers);
    const json = payloadJson(decoded.payload);
    if (json.length > TAIL_MAX_PAYLOAD_CHARS) {
      return {
        ...base,
        type: decoded.type,
        error: {
          message: `the decoded payload is ${json.length} characters of JSON, more than the tail keeps (${TAIL_MAX_PAYLOAD_CHARS})`,
        },
      };
    }
    return { ...base, type: decoded.type, payload: JSON.parse(json) as unknown };
  } catch (error) {
    // An event the codec cannot read is shown with its error; the tail goes on.
    return { ...base, error: sectionError(error) };
  }
}

export function createTail(options: TailOptions): Tail {
  const size = options.size ?? TAIL_SIZE;
  const topics = [...new Set(options.topics)].sort();
  const ring: TailEvent[] = [];
  let seq = 0;
  let current: Run | undefined;
  let stopped = false;

  const push = (event: Omit<TailEvent, 'seq'>) => {
    seq += 1;
    ring.push({ seq, ...event });
    if (ring.length > size) ring.splice(0, ring.length - size);
  };

  const fail = (run: Run, error: unknown) => {
    run.state = 'failed';
    run.error = sectionError(error);
    run.failedAt = Date.now();
    const consumer = run.consumer;
    run.consumer = undefined;
    void consumer?.disconnect().catch(() => {});
  };

  function start(): Run {
    const run: Run = {
      state: 'starting',
      since: null,
      topics: [],
      missingTopics: [],
      failedAt: 0,
      ready: Promise.resolve(),
    };
    run.ready = (async () => {
      const client = kafkaClient(options.kafka, options.logger);
      const admin = client.admin();
      try {
        await admin.connect();
        const existing = new Set(await admin.listTopics());
        run.topics = topics.filter((topic) => existing.has(topic));
        run.missingTopics = topics.filter((topic) => !existing.has(topic));
        // The read_committed end of every partition now: each event committed after this is shown.
        const starts = await Promise.all(
          run.topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
        );
        run.since = new Date().toISOString();
        if (run.topics.length === 0 || stopped) {
          run.state = 'running';
          return;
        }
        const consumer = client.consumer({
          groupId: `${TAIL_GROUP_PREFIX}${randomBytes(6).toString('hex')}`,
          allowAutoTopicCreation: false,
          readUncommitted: false,
        });
        run.consumer = consumer;
        consumer.on(consumer.events.GROUP_JOIN, () => {
          if (run.state === 'starting') run.state = 'running';
        });
        consumer.on(consumer.events.CRASH, (event) => {
          // kafkajs starts again by itself after a retriable error; otherwise the tail has failed.
          if (!event.payload.restart) fail(run, event.payload.error);
          else run.error = sectionError(event.payload.error);
        });
        await consumer.connect();
        await consumer.subscribe({ topics: run.topics, fromBeginning: false });
        const running = consumer.run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            push(await tailEvent(options.codec(), topic, partition, message));
          },
        });
        // Seeks are kept until the partition is assigned and applied before its first fetch (kafkajs: seek
        // right after run). Without autoCommit, a seek commits nothing.
        for (const { topic, partitions } of starts) {
          for (const p of partitions) consumer.seek({ topic, partition: p.partition, offset: p.offset });
        }
        running.catch((error: unknown) => fail(run, error));
      } catch (error) {
        fail(run, error);
      } finally {
        await admin.disconnect().catch(() => {});
      }
    })();
    return run;
  }

  return {
    async read(after) {
      if (stopped) throw new Error('the tail is stopped');
      if (
        current === undefined ||
        (current.state === 'failed' && Date.now() - current.failedAt >= TAIL_RESTART_AFTER_MS)
      ) {
        current = start();
      }
      const run = current;
      await run.ready;
      return {
        state: run.state,
        since: run.since,
        topics: run.topics,
        missingTopics: run.missingTopics,
        ...(run.error !== undefined ? { error: run.error } : {}),
        last: seq,
        events: ring.filter((event) => event.seq > after),
      };
    },
    async stop() {
      stopped = true;
      const run = current;
      current = undefined;
      if (!run) return;
      await run.ready;
      const consumer = run.consumer;
      run.consumer = undefined;
      await consumer?.disconnect().catch(() => {});
    },
  };
}
