// Terms: a *section* is one part of the status (outbox, consumers, dlq, jobs), read on its own so that one
// failing source (Kafka unreachable) leaves the others readable. *Backlog*: unpublished outbox rows. *Slot*: a
// relay's unit of ownership, leased in the relay_slots table. *Lag*: offsets between a consumer group's
// committed position and the read_committed end of a partition. *Depth*: records in a DLQ topic.
import type { PartitionLag, WireDecoder } from '@commercebridge/consumers';
import type { JobStatus } from '@commercebridge/modules';
import type { KafkaOptions } from '@commercebridge/relay';
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
}

export interface ConsoleOptions {
  pool: pg.Pool;
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
   * Actions need `authorization: Bearer <token>` (the page asks for it once per tab); a wrong or missing token is
   * refused with 401 and changes nothing. (Default: none: anyone who reaches the address may act)
   */
  token?: string;
}

export interface Console {
  /** Listens; resolves with the page's address, e.g. `http://127.0.0.1:4100/`. */
  start(): Promise<{ url: string }>;
  /** Closes the server and its connections (the pool is the caller's). */
  stop(): Promise<void>;
}
