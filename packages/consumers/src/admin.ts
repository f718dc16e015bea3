import { randomBytes } from 'node:crypto';
import { type Admin, Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import type pg from 'pg';
import { DLQ_HEADERS, headerStrings, INBOX_KEY_HEADER, isUuid } from './dlq-headers.ts';
import { ConsumerError } from './errors.ts';
import { checkSchemaName, DEFAULT_SCHEMA, resolveBrokers } from './options.ts';
import { deleteInboxFromOffsets } from './sql/deleteInboxFromOffsets.ts';
import { insertInbox } from './sql/insertInbox.ts';
import { setEventHeader } from './sql/setEventHeader.ts';
import type { WireDecoder } from './types.ts';

/** One DLQ entry, with the DLQ headers parsed. */
export interface DlqEntry {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** All headers: the original message's plus the `dlq-*` ones. */
  headers: Record<string, string>;
  eventId: string | undefined;
  eventType: string | undefined;
  error: { code: string; message: string; retriable: boolean };
  attempts: number;
  original: { topic: string; partition: number; offset: string };
  consumerGroup: string | undefined;
  firstFailureAt: string | undefined;
  lastFailureAt: string | undefined;
}

export interface KafkaTarget {
  /** (Default: KAFKA_BROKERS) */
  brokers?: string[];
}

function kafkaFor(target: KafkaTarget): Kafka {
  return new Kafka({
    clientId: 'commercebridge-consumers-admin',
    brokers: resolveBrokers(target.brokers, '/dlq/brokers'),
    logLevel: logLevel.ERROR,
  });
}

async function withAdmin<T>(kafka: Kafka, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic (read_committed) from its earliest offset up to the high watermarks taken at the start, with a
 * throwaway group that commits nothing and is deleted afterwards.
 */
async function readToEnd(
  kafka: Kafka,
  topic: string,
  onMessage: (partition: number, message: KafkaMessage) => void,
): Promise<void> {
  const ends = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  const remaining = new Map<number, bigint>();
  for (const p of ends) {
    if (BigInt(p.high) > BigInt(p.low)) remaining.set(p.partition, BigInt(p.high));
  }
  if (remaining.size === 0) return;
  const groupId = `commercebridge-dlq-reader-${randomBytes(6).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, readUncommitted: false });
  await consumer.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
      consumer
        .subscribe({ topic, fromBeginning: true })
        .then(() =>
          consumer.run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              for (const message of batch.messages) {
                const end = remaining.get(batch.partition);
                if (end !== undefined && BigInt(message.offset) < end) onMessage(batch.partition, message);
              }
              // The last stable offset can sit below the high watermark (markers): the batch's last offset counts.
              const end = remaining.get(batch.partition);
              if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end)
                remaining.delete(batch.partition);
              if (remaining.size === 0) resolve();
            },
          }),
        )
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await withAdmin(kafka, (admin) => admin.deleteGroups([groupId])).catch(() => {});
  }
}

function toEntry(partition: number, message: KafkaMessage): DlqEntry {
  const headers = headerStrings(message.headers);
  return {
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString('utf8'),
    value: message.value,
    headers,
    eventId: headers['event-id'],
    eventType: headers['event-type'],
    error: {
      code: headers[DLQ_HEADERS.errorCode] ?? 'UNKNOWN',
      message: headers[DLQ_HEADERS.errorMessage] ?? '',
      retriable: headers[DLQ_HEADERS.errorRetriable] === 'true',
    },
    attempts: Number(headers[DLQ_HEADERS.attempts] ?? 0),
    original: {
      topic: headers[DLQ_HEADERS.originalTopic] ?? '',
      partition: Number(headers[DLQ_HEADERS.originalPartition] ?? -1),
      offset: headers[DLQ_HEADERS.originalOffset] ?? '',
    },
    consumerGroup: headers[DLQ_HEADERS.consumerGroup],
    firstFailureAt: headers[DLQ_HEADERS.firstFailureAt],
    lastFailureAt: headers[DLQ_HEADERS.lastFailureAt],
  };
}

export interface ListDlqOptions extends KafkaTarget {
  /** The DLQ topic, `<topic>.dlq`. */
  topic: string;
}

/** The entries of a DLQ topic, in partition/offset order. */
export async function listDlq(options: ListDlqOptions): Promise<DlqEntry[]> {
  const entries: DlqEntry[] = [];
  await readToEnd(kafkaFor(options), options.topic, (partition, message) =>
    entries.push(toEntry(partition, message)),
  );
  return entries.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** The part of `createOutbox(...)` (@commercebridge/outbox) that redrive uses. */
export interface RedriveOutbox {
  readonly schema: string;
  publish(
    tx: pg.PoolClient,
    type: never,
    payload: never,
    options: { key?: string; correlationId?: string; causationId?: string; traceparent?: string },
  ): Promise<{ eventId: string; status: string }>;
}

export interface RedriveOptions extends KafkaTarget {
  /** The DLQ topic, `<topic>.dlq`. */
  topic: string;
  pool: pg.Pool;
  /** The outbox to publish through; its schema also holds the redrive markers (inbox table). */
  outbox: RedriveOutbox;
  codec: WireDecoder;
  /** Only entries for which this returns true. (Default: all) */
  filter?: (entry: DlqEntry) => boolean;
}

export interface RedriveResult {
  redriven: DlqEntry[];
  /** Entries redriven by an earlier run (or duplicates of one). */
  alreadyRedriven: DlqEntry[];
  /** Entries that cannot go through the outbox (undecodable bytes), with the reason. */
  notRedrivable: Array<{ entry: DlqEntry; reason: string }>;
}

/**
 * Publishes DLQ entries again through the outbox, so the relay delivers them to their topic exactly once.
 * Each entry is redriven in its own transaction together with a marker in the inbox (group
 * `redrive:<dlq topic>`, key = the entry's event id): running redrive twice, or on a duplicated DLQ entry,
 * publishes nothing twice. The new event has its own event id, and carries the original inbox key in the
 * `inbox-key` header, so groups that did handle the original event skip it.
 */
export async function redriveDlq(options: RedriveOptions): Promise<RedriveResult> {
  const schema = checkSchemaName(options.outbox?.schema, '/redrive/outbox/schema');
  const entries = (await listDlq(options)).filter(options.filter ?? (() => true));
  const result: RedriveResult = { redriven: [], alreadyRedriven: [], notRedrivable: [] };
  const markerGroup = `redrive:${options.topic}`;
  for (const entry of entries) {
    const eventId = entry.eventId;
    if (entry.value === null || eventId === undefined || !isUuid(eventId)) {
      result.notRedrivable.push({ entry, reason: 'no value or no event-id header' });
      continue;
    }
    let decoded: { type: string; payload: unknown };
    try {
      decoded = await options.codec.fromWire(entry.value, entry.headers);
    } catch (error) {
      result.notRedrivable.push({ entry, reason: `undecodable: ${(error as Error).message}` });
      continue;
    }
    const inboxKey = entry.headers[INBOX_KEY_HEADER] ?? eventId;
    const client = await options.pool.connect();
    // Connection loss while checked out emits 'error' (the failing query rejects too): never crash on it.
    const ignore = () => {};
    client.on('error', ignore);
    let broken = false;
    try {
      await client.query('begin');
      const fresh = await insertInbox(client, schema, markerGroup, options.topic, entry.partition, [
        { eventId, offset: entry.offset },
      ]);
      if (fresh.size === 0) {
        await client.query('rollback');
        result.alreadyRedriven.push(entry);
        continue;
      }
      const publishOptions: Parameters<RedriveOutbox['publish']>[3] = { causationId: eventId };
      if (entry.key !== null) publishOptions.key = entry.key;
      const correlationId = entry.headers['correlation-id'];
      if (correlationId) publishOptions.correlationId = correlationId;
      const traceparent = entry.headers['traceparent'];
      if (traceparent) publishOptions.traceparent = traceparent;
      const published = await options.outbox.publish(
        client,
        decoded.type as never,
        decoded.payload as never,
        publishOptions,
      );
      await setEventHeader(client, schema, published.eventId, INBOX_KEY_HEADER, inboxKey);
      await client.query('commit');
      result.redriven.push(entry);
    } catch (error) {
      broken = true;
      await client.query('rollback').catch(() => {});
      throw new ConsumerError(
        'CONSUMER_DATABASE',
        `redrive of ${options.topic}@${entry.partition}:${entry.offset} failed`,
        {
          cause: error,
          retriable: true,
        },
      );
    } finally {
      if (!broken) client.off('error', ignore);
      client.release(broken);
    }
  }
  return result;
}

export interface PurgeDlqOptions extends KafkaTarget {
  topic: string;
}

/** Deletes every record of the DLQ topic up to its current end (Kafka DeleteRecords). Returns how many. */
export async function purgeDlq(options: PurgeDlqOptions): Promise<number> {
  if (!options.topic.endsWith('.dlq')) {
    throw new ConsumerError(
      'CONSUMER_INVALID_OPTION',
      `/dlq/topic must be a DLQ topic ending in ".dlq" (got "${options.topic}")`,
    );
  }
  return withAdmin(kafkaFor(options), async (admin) => {
    const offsets = await admin.fetchTopicOffsets(options.topic);
    const purged = offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
    await admin.deleteTopicRecords({
      topic: options.topic,
      partitions: offsets.map((p) => ({ partition: p.partition, offset: p.high })),
    });
    return purged;
  });
}

export interface ReplayOptions extends KafkaTarget {
  groupId: string;
  topics: string[];
  /** Replay messages with a timestamp at or after this instant. */
  from: Date;
  /**
   * Also forget the group's inbox rows for the replayed offsets, so handlers run again for those events.
   * (Default: false: the inbox skips events already handled, so a replay only fills gaps.)
   */
  reprocess?: boolean;
  /** Needed with `reprocess`. */
  pool?: pg.Pool;
  schema?: string;
}

export interface ReplayResult {
  offsets: Array<{ topic: string; partition: number; offset: string }>;
  inboxRowsDeleted: number;
}

/** Moves a stopped group's offsets back to `from`. Fails with CONSUMER_GROUP_ACTIVE while it has members. */
export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  if (Number.isNaN(options.from?.getTime?.())) {
    throw new ConsumerError(
      'CONSUMER_INVALID_OPTION',
      '/replay/from must be a valid Date (an ISO 8601 time on the CLI)',
    );
  }
  if (options.reprocess && !options.pool) {
    throw new ConsumerError('CONSUMER_INVALID_OPTION', '/replay/pool is required with reprocess: true');
  }
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA, '/replay/schema');
  const result: ReplayResult = { offsets: [], inboxRowsDeleted: 0 };
  await withAdmin(kafkaFor(options), async (admin) => {
    const { groups } = await admin.describeGroups([options.groupId]);
    const state = groups[0]?.state;
    if (state !== undefined && state !== 'Empty' && state !== 'Dead') {
      throw new ConsumerError(
        'CONSUMER_GROUP_ACTIVE',
        `group "${options.groupId}" has running members (state ${state}): stop its consumers, then replay`,
      );
    }
    for (const topic of options.topics) {
      const partitions = await admin.fetchTopicOffsetsByTimestamp(topic, options.from.getTime());
      // Offsets first: if forgetting inbox rows then fails, the replay still runs, guarded by the inbox.
      await admin.setOffsets({ groupId: options.groupId, topic, partitions });
      for (const p of partitions) result.offsets.push({ topic, partition: p.partition, offset: p.offset });
      if (options.reprocess) {
        result.inboxRowsDeleted += await deleteInboxFromOffsets(
          options.pool!,
          schema,
          options.groupId,
          topic,
          partitions,
        );
      }
    }
  });
  return result;
}
