/**
 * Terminology
 * - event: a row of `<schema>.events`, a fact in the outbox / event log.
 * - message: an event on Kafka (key = partition key, value = wire bytes, headers per docs/contracts.md).
 * - slot: the relay's unit of ownership. Slot `s` of `N` owns the events with `bucket % N = s`. One relay
 *   instance at a time holds a slot, through a lease row in `<schema>.relay_slots`.
 * - lease: the right to publish a slot until `lease_expires_at`; renewed by heartbeats, checked before each
 *   Kafka commit. A frozen relay loses it when it expires.
 * - batch: the unpublished events of one slot claimed in position order and sent in one Kafka transaction.
 * - state record: the record a slot writes to its partition of the compacted state topic inside each batch's
 *   transaction (key = slot, value = the positions of the batch). Read back with read_committed on
 *   acquisition so that a batch committed to Kafka but not yet marked in Postgres is never sent twice.
 * - stalled: a slot that has failed to publish for longer than `stallTimeoutMs` (or at once, with an error
 *   no retry can fix): `/readyz` answers 503 naming the slot, the event it is stuck on, the error and since when.
 * - parked: an event set aside in `<schema>.events_parked` (`unpublishable: 'park'`) so that later events of the
 *   slot flow; later events of its partition key are parked behind it, never published ahead of it.
 * - member: a running relay instance, heartbeating a row in `<schema>.relay_members` so that the others can
 *   compute their fair share of slots.
 */
import type { Compression, KafkaSettings, Logger } from '@commercebridge/config';
import type { Catalog } from '@commercebridge/schemas';
import type pg from 'pg';

export type { Compression, SaslMechanism } from '@commercebridge/config';
export type Delivery = 'exactly-once' | 'at-least-once';
export type { LogLevel } from '@commercebridge/config';
/** What a slot does with an event it cannot publish: wait for it (`block`) or set it aside (`park`). */
export type Unpublishable = 'block' | 'park';

/** Registry mode: `headers` carry the registry's authentication (SCHEMA_REGISTRY_USERNAME/_PASSWORD/_TOKEN). */
export type WireOptions =
  | { mode: 'headers' }
  | { mode: 'registry'; url: string; headers?: Record<string, string> };

/** The Kafka connection options of every factory: @commercebridge/config's KafkaSettings (TLS, SASL). */
export type KafkaOptions = KafkaSettings;

export interface RelayHooks {
  /**
   * Called after the batch was sent and the lease checked, right before the Kafka commit. Tests use it to
   * fence the producer or steal the lease at that moment.
   */
  beforeKafkaCommit?: (info: { slot: number; positions: number[] }) => void | Promise<void>;
  /**
   * Called after a batch's Kafka transaction committed and before its rows are marked published. Tests use
   * it to simulate a crash in that window (throwing here leaves the rows unmarked; the slot then recovers).
   */
  afterKafkaCommit?: (info: { slot: number; positions: number[] }) => void | Promise<void>;
}

export interface RelayOptions {
  /** A pool to use (not closed by the relay), or a connection string (the relay owns its pool). */
  database: pg.Pool | string;
  /** Postgres schema of the outbox tables. (Default: 'commercebridge') */
  schema?: string;
  kafka: KafkaOptions;
  /** Number of slots; fixed for the life of an outbox schema. (Default: 4) */
  slotCount?: number;
  /** (Default: `<hostname>-<pid>`) */
  relayId?: string;
  /** (Default: `<schema>.relay.`) */
  transactionalIdPrefix?: string;
  /** (Default: `<schema>.relay-state`) */
  stateTopic?: string;
  /** Most messages per produce request; a Kafka transaction may span several. (Default: 100) */
  batchSize?: number;
  /**
   * Bound on each Kafka call of a transaction (one produce request, the commit); past it the transaction is
   * aborted and its rows are sent again. (Default: 5000)
   */
  batchTimeoutMs?: number;
  /** Most events per Kafka transaction, raised to `batchSize` when lower. (Default: 5000) */
  transactionMaxEvents?: number;
  /**
   * After this long a transaction sends no further produce request and commits what it sent (the other claimed
   * rows go into the next transaction). (Default: 100)
   */
  transactionMaxMs?: number;
  /** (Default: 'none') */
  compression?: Compression;
  /** Kafka requests in flight per connection, 1..5. (Default: 5) */
  maxInFlight?: number;
  /** (Default: { mode: 'headers' }) */
  wire?: WireOptions;
  /** Catalog of the event types in the outbox, for the wire codec. (Default: the built-in catalog) */
  catalog?: Catalog;
  /** (Default: 5000) */
  leaseTtlMs?: number;
  /** Fallback poll of each slot when no NOTIFY arrives. (Default: 1000) */
  pollIntervalMs?: number;
  /** LISTEN for the outbox's NOTIFY wake-ups. (Default: true) */
  notify?: boolean;
  /** Port of /metrics, /healthz, /readyz; 0 picks a free port; null disables the server. (Default: null) */
  metricsPort?: number | null;
  /** Create a missing event topic instead of failing with RELAY_TOPIC_MISSING. (Default: false) */
  autoCreateTopics?: boolean;
  /** Partitions of auto-created event topics. (Default: 3) */
  autoCreatePartitions?: number;
  /** (Default: 'exactly-once') */
  delivery?: Delivery;
  /** (Default: 10000) */
  shutdownTimeoutMs?: number;
  /** How often due scheduled events are moved into the log; 0 disables it. (Default: 1000) */
  promoteIntervalMs?: number;
  /**
   * A slot that has failed to publish for this long is stalled: `/readyz` answers 503 with the reason, the
   * `commercebridge_relay_slot_stalled` gauge is 1, and one `slot.stalled` line is logged at error level. Under
   * `unpublishable: 'park'` it is also how long an event waits for a retriable cause (a missing topic) to go
   * away before it is parked. (Default: 30000)
   */
  stallTimeoutMs?: number;
  /**
   * An event the relay cannot publish (its topic is missing, the broker refuses the record, it cannot be
   * encoded): `block` keeps the slot waiting for it (later events of the slot wait too; per-key order is kept
   * trivially); `park` moves it into `<schema>.events_parked` (at once when no retry can succeed, else after
   * `stallTimeoutMs`) and later events of its key behind it, so that the rest of the slot flows. Errors of the
   * infrastructure (Kafka or Postgres unreachable, timeouts, the registry down) never park anything. (Default: 'block')
   */
  unpublishable?: Unpublishable;
  /**
   * Where the relay logs (pino's argument order; a pino logger fits). Its lines are bound to
   * `{ component: 'relay', relayId }`; kafkajs's own log goes through it too. (Default: createLogger() of
   * @commercebridge/config: JSON lines on stdout from level info)
   */
  logger?: Logger;
  hooks?: RelayHooks;
}

/** Why a slot is stalled: the event it is stuck on (null when it failed before reading one) and the error. */
export interface SlotStall {
  slot: number;
  /** When the slot last stopped making progress (its first failure since it last published), ISO 8601. */
  since: string;
  eventId: string | null;
  eventType: string | null;
  topic: string | null;
  position: number | null;
  /** A RelayError code (`RELAY_TOPIC_MISSING`, `RELAY_RECORD_REJECTED`, `RELAY_KAFKA`, ...). */
  code: string;
  message: string;
  /** False: retrying cannot help; an operator must act (the slot tries again every 30 s). */
  retriable: boolean;
  /** Failed attempts since `since`. */
  attempts: number;
}

export interface RelaySnapshot {
  relayId: string;
  ready: boolean;
  stopping: boolean;
  slots: number[];
  /** Owned slots that are stalled (readiness is false while there is one). */
  stalled: SlotStall[];
  publishedTotal: number;
}

export interface Relay {
  readonly relayId: string;
  /** Resolves once the relay is ready (tables, slot count and state topic checked). */
  start(): Promise<void>;
  /** Graceful: stop claiming, finish or abort open transactions, release leases. Resolves `{ forced }`. */
  stop(): Promise<{ forced: boolean }>;
  /** prom-client registry of this relay (one per relay, so two relays can run in one process). */
  readonly metrics: import('prom-client').Registry;
  /** Port of the HTTP server, when enabled and started. */
  readonly httpPort: number | null;
  snapshot(): RelaySnapshot;
}
