import { createHash, randomBytes } from 'node:crypto';
import { checkSchemaName, createKafkaClient, type KafkaSettings, type Logger } from '@commercebridge/config';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import type pg from 'pg';
import { DLQ_HEADERS, headerStrings, INBOX_KEY_HEADER, isUuid } from './dlq-headers.ts';
import { ConsumerError } from './errors.ts';
import { kafkaOf } from './options.ts';
import { deleteInboxFromOffsets } from './sql/deleteInboxFromOffsets.ts';
import { qualified } from './sql/ident.ts';
import { insertInbox } from './sql/insertInbox.ts';
import { setEventHeader } from './sql/setEventHeader.ts';
import type { WireDecoder } from './types.ts';

/** One DLQ entry, with the DLQ headers parsed. */
export interface DlqEntry {
  /** `<dlq topic>:<partition>:<offset>`: names this entry in `ids` filters, the CLI and the console. */
  id: string;
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
  /**
   * `redriven` or `purged` once an action settled it (markers in the inbox table), else `pending`. Undefined when
   * the list was read without a pool.
   */
  state: DlqState | undefined;
}

export type DlqState = 'pending' | 'redriven' | 'purged';

/** Selects DLQ entries; every given field must match. */
export interface DlqFilter {
  /** Entry ids (`<dlq topic>:<partition>:<offset>`). */
  ids?: readonly string[];
  /** The consumer group that dead-lettered the event. */
  group?: string;
  /** The topic the event came from. */
  originalTopic?: string;
  errorCode?: string;
  eventType?: string;
  /** Last failure at or after this instant. */
  since?: Date;
  /** Last failure before this instant. */
  until?: Date;
  state?: DlqState;
}

/** Whether an entry matches a filter (a missing or unparsable failure time never matches a time bound). */
export function matchesDlqFilter(entry: DlqEntry, filter: DlqFilter): boolean {
  if (filter.ids && !filter.ids.includes(entry.id)) return false;
  if (filter.group !== undefined && entry.consumerGroup !== filter.group) return false;
  if (filter.originalTopic !== undefined && entry.original.topic !== filter.originalTopic) return false;
  if (filter.errorCode !== undefined && entry.error.code !== filter.errorCode) return false;
  if (filter.eventType !== undefined && entry.eventType !== filter.eventType) return false;
  if (filter.state !== undefined && entry.state !== filter.state) return false;
  if (filter.since || filter.until) {
    const at = entry.lastFailureAt ? Date.parse(entry.lastFailureAt) : Number.NaN;
    if (Number.isNaN(at)) return false;
    if (filter.since && at < filter.since.getTime()) return false;
    if (filter.until && at >= filter.until.getTime()) return false;
  }
  return true;
}

type EntrySelector = DlqFilter | ((entry: DlqEntry) => boolean);

function selects(selector: EntrySelector | undefined): (entry: DlqEntry) => boolean {
  if (selector === undefined) return () => true;
  if (typeof selector === 'function') return selector;
  return (entry) => matchesDlqFilter(entry, selector);
}

const redriveGroup = (dlqTopic: string) => `redrive:${dlqTopic}`;
const purgeGroup = (dlqTopic: string) => `purge:${dlqTopic}`;

/** The Kafka connection of the DLQ and replay tools: `kafka`, or the older top-level fields. */
export interface KafkaTarget extends Partial<KafkaSettings> {
  kafka?: KafkaSettings;
  /** Where kafkajs's log of the tool goes. (Default: nowhere) */
  logger?: Logger;
}

function kafkaFor(target: KafkaTarget): Kafka {
  const { logger, ...connection } = target;
  const kafka = createKafkaClient(
    kafkaOf(connection, '/dlq'),
    logger ? { logger: logger.child({ component: 'dlq' }) } : {},
  );
  return kafka;
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

function toEntry(topic: string, partition: number, message: KafkaMessage): DlqEntry {
  const headers = headerStrings(message.headers);
  return {
    id: `${topic}:${partition}:${message.offset}`,
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
    state: undefined,
  };
}

/** Sets each entry's state from the redrive and purge markers of its DLQ topic. */
async function readStates(pool: pg.Pool, schema: string, topic: string, entries: DlqEntry[]): Promise<void> {
  const { rows } = await pool.query<{
    consumer_group: string;
    kafka_partition: number;
    kafka_offset: string;
  }>(
    `select consumer_group, kafka_partition, kafka_offset::text as kafka_offset
       from ${qualified(schema, 'inbox')} where consumer_group = any($1) and topic = $2`,
    [[redriveGroup(topic), purgeGroup(topic)], topic],
  );
  const settled = new Map<string, DlqState>();
  for (const row of rows) {
    const state: DlqState = row.consumer_group === purgeGroup(topic) ? 'purged' : 'redriven';
    settled.set(`${topic}:${row.kafka_partition}:${row.kafka_offset}`, state);
  }
  for (const entry of entries) entry.state = settled.get(entry.id) ?? 'pending';
}

export interface ListDlqOptions extends KafkaTarget {
  /** The DLQ topic, `<topic>.dlq`. */
  topic: string;
  /** Only the entries it selects. (Default: all) */
  filter?: EntrySelector;
  /** With a pool, each entry's `state` is read from the markers in the inbox table of `schema`. */
  pool?: pg.Pool;
  /** (Default: commercebridge) */
  schema?: string;
}

/** The entries of a DLQ topic, in partition/offset order. */
export async function listDlq(options: ListDlqOptions): Promise<DlqEntry[]> {
  checkDlqTopic(options.topic);
  const entries: DlqEntry[] = [];
  await readToEnd(kafkaFor(options), options.topic, (partition, message) =>
    entries.push(toEntry(options.topic, partition, message)),
  );
  if (options.pool) {
    const schema = checkSchemaName(options.schema, '/dlq/schema');
    await readStates(options.pool, schema, options.topic, entries);
  }
  const selected = entries.filter(selects(options.filter));
  return selected.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

function checkDlqTopic(topic: string): void {
  if (typeof topic !== 'string' || !topic.endsWith('.dlq')) {
    throw new ConsumerError(
      'CONSUMER_INVALID_OPTION',
      `/dlq/topic must be a DLQ topic ending in ".dlq" (got ${JSON.stringify(topic)})`,
    );
  }
}

/** The part of `createOutbox(...)` (@commercebridge/outbox) that redrive uses. */
export interface RedriveOutbox {
  readonly schema: string;
  /** Routes each type to its topic: a redriven event must go back to the topic it came from. */
  readonly catalog: { readonly events: Readonly<Record<string, { readonly topic: string }>> };
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
  /** Only the entries it selects (a DlqFilter or a predicate). (Default: all) */
  filter?: EntrySelector;
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
  const schema = checkSchemaName(options.outbox?.schema ?? '', '/redrive/outbox/schema');
  const entries = await listDlq({ ...options, schema });
  const result: RedriveResult = { redriven: [], alreadyRedriven: [], notRedrivable: [] };
  const markerGroup = redriveGroup(options.topic);
  for (const entry of entries) {
    if (entry.state === 'redriven') {
      result.alreadyRedriven.push(entry);
      continue;
    }
    if (entry.state === 'purged') {
      result.notRedrivable.push({ entry, reason: 'purged' });
      continue;
    }
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
    const routed = options.outbox.catalog.events[decoded.type]?.topic;
    if (routed === undefined) {
      result.notRedrivable.push({ entry, reason: `type "${decoded.type}" is not in the outbox's catalog` });
      continue;
    }
    if (entry.original.topic !== '' && routed !== entry.original.topic) {
      result.notRedrivable.push({
        entry,
        reason:
          `the catalog routes "${decoded.type}" to ${routed}, but the entry came from ${entry.original.topic}: ` +
          'redrive with the catalog of that topic',
      });
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
  /**
   * Only these entries: each is marked purged in the inbox table (Kafka cannot delete one record from the
   * middle of a log), so lists show it as `purged` and redrive skips it. Needs `pool`. (Default: every record,
   * deleted from the topic up to its current end with Kafka DeleteRecords.)
   */
  filter?: EntrySelector;
  pool?: pg.Pool;
  /** The schema of the inbox table holding the markers. (Default: commercebridge) */
  schema?: string;
}

/** Purges a DLQ topic, or the entries `filter` selects. Returns how many entries it purged. */
export async function purgeDlq(options: PurgeDlqOptions): Promise<number> {
  checkDlqTopic(options.topic);
  if (options.filter !== undefined) return purgeEntries(options);
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

async function purgeEntries(options: PurgeDlqOptions): Promise<number> {
  const pool = options.pool;
  if (!pool) {
    throw new ConsumerError(
      'CONSUMER_INVALID_OPTION',
      '/dlq/pool is required to purge selected entries (their purge is recorded in the inbox table)',
    );
  }
  const schema = checkSchemaName(options.schema, '/dlq/schema');
  const entries = (await listDlq({ ...options, pool, schema })).filter((e) => e.state === 'pending');
  let purged = 0;
  const byPartition = new Map<number, DlqEntry[]>();
  for (const entry of entries)
    byPartition.set(entry.partition, [...(byPartition.get(entry.partition) ?? []), entry]);
  for (const [partition, list] of byPartition) {
    // The inbox key is an event id: an entry without a valid one gets a name-based stand-in from its position.
    const rows = list.map((e) => ({ eventId: markerId(e), offset: e.offset }));
    try {
      purged += (await insertInbox(pool, schema, purgeGroup(options.topic), options.topic, partition, rows))
        .size;
    } catch (error) {
      throw new ConsumerError(
        'CONSUMER_DATABASE',
        `purge of ${options.topic} partition ${partition} failed`,
        {
          cause: error,
          retriable: true,
        },
      );
    }
  }
  return purged;
}

/** A uuid naming a DLQ entry's position, for markers of entries whose event id is missing or invalid. */
function markerId(entry: DlqEntry): string {
  if (entry.eventId !== undefined && isUuid(entry.eventId)) return entry.eventId;
  const hex = createHash('sha256').update(entry.id).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
  const schema = checkSchemaName(options.schema, '/replay/schema');
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
