// Terms: a *section* is one part of the status (outbox, consumers, dlq, jobs), read on its own so that one
// failing source (Kafka unreachable) leaves the others readable. *Backlog*: unpublished outbox rows. *Slot*: a
// relay's unit of ownership, leased in the relay_slots table. *Lag*: offsets between a consumer group's
// committed position and the read_committed end of a partition. *Depth*: records in a DLQ topic. The *tail* is
// the console's read_committed view of the most recent messages on the catalog's topics; the *history* is the
// console's own record of past status reads (samples), for the charts.
import type { KafkaSettings as KafkaOptions, Logger } from '@commercebridge/config';
import type { PartitionLag, WireDecoder } from '@commercebridge/consumers';
import type { JobStatus } from '@commercebridge/modules';
import type { Catalog } from '@commercebridge/schemas';
import type pg from 'pg';

export type { KafkaOptions, PartitionLag };

/** Why a section has no data. `message` has any connection-string password removed. */
export interface SectionError {
  message: string;
  /** A Postgres SQLSTATE, a kafkajs error type or a package error code, when there is one. */
  code?: string;
}

/** A section that was read (`ok`), failed (`error`), or whose tables are not in the schema (`not-installed`). */
export type Section<T> =
  | ({ status: 'ok' } & T)
  | { status: 'error'; error: SectionError }
  | { status: 'not-installed'; reason: string };

export interface SlotStatus {
  slot: number;
  /** Unpublished events of the slot. */
  backlog: number;
  /** Age of the slot's oldest unpublished event (database clock), null when there is none. */
  oldestAgeMs: number | null;
  /** The relay id holding (or last holding) the slot's lease; null when free. */
  owner: string | null;
  /** Whether the lease is still running (lease_expires_at ahead of the database clock). */
  leaseLive: boolean;
  leaseExpiresAt: string | null;
  /** Milliseconds until the lease runs out (negative: ran out that long ago); null without a lease. */
  leaseExpiresInMs: number | null;
  /** Milliseconds since the owner took or last renewed the lease; null when the slot was never leased. */
  leaseAgeMs: number | null;
}

export interface RelayStatus {
  relayId: string;
  /** From the relay's member heartbeat; null when the schema has no member table (no relay ever started). */
  alive: boolean | null;
  startedAt: string | null;
  /** Slots whose lease this relay holds now. */
  slots: number[];
}

export interface OutboxStatus {
  /** Slots of the schema: as the relays agreed on (`relay`), or the relay's default when none ever ran. */
  slotCount: number;
  slotCountSource: 'relay' | 'default';
  backlog: number;
  oldestAgeMs: number | null;
  slots: SlotStatus[];
  relays: RelayStatus[];
}

export interface GroupStatus {
  groupId: string;
  /** Kafka's group state (Stable, Empty, PreparingRebalance, ...), null when the group is not known. */
  state: string | null;
  lag: number;
  partitions: PartitionLag[];
  missingTopics: string[];
}

export interface ConsumersStatus {
  groups: GroupStatus[];
}

export interface DlqTopicStatus {
  topic: string;
  /** Records in the topic: end - start offsets, summed over partitions. */
  depth: number;
  partitions: Array<{ partition: number; start: string; end: string }>;
  /** Entries neither redriven nor purged; null when the schema has no inbox table (markers) or it failed. */
  pending: number | null;
  /** Why `pending` could not be read, when that failed. */
  pendingError?: SectionError;
}

export interface DlqStatus {
  topics: DlqTopicStatus[];
}

export interface JobsStatus {
  /** Counts by status, per queue (createJobsAdmin().counts()). */
  queues: Record<string, Record<JobStatus, number>>;
}

/** What `commercebridge status` and the console show, read from Postgres and Kafka alone. */
export interface Status {
  /** When the read started (this process' clock, ISO 8601). */
  readAt: string;
  schema: string;
  outbox: Section<OutboxStatus>;
  consumers: Section<ConsumersStatus>;
  dlq: Section<DlqStatus>;
  jobs: Section<JobsStatus>;
}

export interface ReadStatusOptions {
  pool: pg.Pool;
  /** Postgres schema of the outbox, inbox and module tables. (Default: 'commercebridge') */
  schema?: string;
  kafka: KafkaOptions;
  /** Only these consumer groups (Default: every group of the cluster that committed offsets). */
  groups?: readonly string[];
  /**
   * Count the pending entries of each non-empty DLQ topic (reads the topic: listDlq). (Default: true)
   */
  dlqPending?: boolean;
  /** Where kafkajs's log of the status reads goes (console: also its own lines). (Default: nowhere) */
  logger?: Logger;
}

export interface ConsoleOptions {
  pool: pg.Pool;
  /** Where kafkajs's log of the status reads goes and the console's own lines, bound to `{ component: 'console' }`. (Default: nowhere) */
  logger?: Logger;

  /** (Default: 'commercebridge') */
  schema?: string;
  kafka: KafkaOptions;
  /** (Default: 0: any free port) */
  port?: number;
  /** Address to listen on. (Default: '127.0.0.1': this machine only) */
  host?: string;
  /** Consumer groups of the lag table (Default: every group of the cluster). */
  groups?: readonly string[];
  /** The catalog redrive publishes through: it routes each event back to its topic. (Default: the built-in) */
  catalog?: Catalog;
  /**
   * Decodes DLQ entries for redrive. (Default: a registry codec of `catalog` when `registryUrl` is given, else
   * a headers codec)
   */
  codec?: WireDecoder;
  /** Schema registry of the default codec. */
  registryUrl?: string;
  /** Count pending DLQ entries in the status (see ReadStatusOptions.dlqPending). (Default: true) */
  dlqPending?: boolean;
  /** Refuse every action (redrive, purge, retry, cancel) with 403: a page to look at only. (Default: false) */
  readOnly?: boolean;
  /**
   * Serve the live tail (`GET /api/tail`): the most recent messages of the catalog's topics with their decoded
   * payloads. Reads need no token, so turn it off where whoever reaches the page must not see payloads.
   * (Default: true)
   */
  tail?: boolean;
  /**
   * Actions need `authorization: Bearer <token>` (the page asks for it once per tab); a wrong or missing token is
   * refused with 401 and changes nothing. (Default: none: anyone who reaches the address may act)
   */
  token?: string;
}

/** One message of the live tail. */
export interface TailEvent {
  /** Position in the tail (1, 2, ...): `GET /api/tail?after=<seq>` answers the events after it. */
  seq: number;
  topic: string;
  partition: number;
  offset: string;
  /** The record's timestamp (ISO 8601): set by the producer (the relay) when it sent the record. */
  timestamp: string;
  key: string | null;
  /** The event type as decoded, else the `event-type` header; null when neither says. */
  type: string | null;
  headers: Record<string, string>;
  /** The decoded payload as JSON (int64 as strings, bytes as base64); absent when `error` is there. */
  payload?: unknown;
  /** Why the payload is not shown: the codec could not decode it (or it is too large to keep). */
  error?: SectionError;
}

export interface TailView {
  /**
   * `off`: the console runs with `tail: false`. `starting`: joining the cluster; events committed after the
   * first request are shown once it runs. `failed`: see `error`; the next request after a pause starts it again.
   */
  state: 'off' | 'starting' | 'running' | 'failed';
  /** When the tail began (its start offsets were read), ISO 8601. */
  since: string | null;
  /** The catalog's topics it reads. */
  topics: string[];
  /** The catalog's topics that did not exist when it started (they are not read). */
  missingTopics: string[];
  error?: SectionError;
  /** The highest seq so far (0: none yet). */
  last: number;
  /** Events with seq > `after`, oldest first; at most the ring's size (older ones were dropped). */
  events: TailEvent[];
}

/** One status read as the charts need it. */
export interface HistorySample {
  /** The read's `readAt`. */
  at: string;
  /** Total backlog, null when the outbox section was not read. */
  backlog: number | null;
  oldestAgeMs: number | null;
  slots: Array<{ slot: number; backlog: number; oldestAgeMs: number | null }>;
  /** Total lag per group, empty when the consumers section was not read. */
  groups: Array<{ groupId: string; lag: number }>;
}

export interface History {
  /** Reads closer together than this share a sample. */
  intervalMs: number;
  /** Samples older than this are dropped. */
  windowMs: number;
  /** Oldest first. */
  samples: HistorySample[];
}

export interface Console {
  /** Listens; resolves with the page's address, e.g. `http://127.0.0.1:4100/`. */
  start(): Promise<{ url: string }>;
  /** Closes the server and its connections and stops the tail's consumer (the pool is the caller's). */
  stop(): Promise<void>;
}
