/*
 * Terminology
 * - event: a fact in the log, one row of `events` (or of `scheduled` until it is due).
 * - message: an event on Kafka, written by the relay.
 * - position: the identity of an event row. Within one lock bucket positions follow commit order.
 * - partition key: the Kafka key of an event (the catalog's key function, an override, or the stream id).
 * - lock bucket: lockBucket(partition key) in 0..1023; writers of one bucket are serialized by an advisory lock.
 * - slot: a relay's unit of ownership; slot s of N owns the rows with bucket % N = s.
 * - unpublished: published_at is null; the relay claims those in position order and marks them published.
 * - stream: an event-sourced entity; its events carry stream_id (= partition key) and stream_version 1, 2, ...
 * - executor: the tiny interface through which every function joins the caller's transaction.
 * - parked: an event the relay could not publish and set aside in `events_parked` (RELAY_UNPUBLISHABLE=park),
 *   with its position and a reason; a retry moves it back into `events`, a purge deletes it.
 */

export interface QueryOptions {
  /** A prepared-statement name, the same for the same text. */
  name?: string;
}

/** Result rows of a query. */
export interface QueryResult<Row = Record<string, unknown>> {
  rows: Row[];
}

/**
 * Joins the caller's connection or transaction. `fromPg(client)` and `fromDrizzle(tx)` build one; any object
 * with this shape works.
 */
export interface Executor {
  /**
   * `options.name`: the package's own statements pass a stable name so that drivers which can keep a prepared
   * statement per connection (fromPg) parse and plan them once; other executors may ignore it.
   */
  query<Row = Record<string, unknown>>(
    text: string,
    values?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
  /**
   * Whether the connection is inside a transaction block, when the driver knows it (the pg client's own
   * protocol state). `undefined` (or absent) means unknown: functions that need a transaction then check
   * with SQL, at the cost of one more round trip.
   */
  inTransaction?(): boolean | undefined;
}

/** An unpublished event as the relay claims it. */
export interface ClaimedEvent {
  position: number;
  eventId: string;
  eventType: string;
  topic: string;
  partitionKey: string;
  bucket: number;
  messageName: string;
  schemaVersion: number;
  payload: Buffer;
  /** correlation-id, causation-id, traceparent when set (Kafka header names, string values). */
  headers: Record<string, string>;
  streamId: string | null;
  streamVersion: number | null;
  occurredAt: Date;
}

/** Backlog of one relay slot. */
export interface SlotBacklog {
  slot: number;
  unpublished: number;
  /** Age in milliseconds of the oldest unpublished event, null when there is none. */
  oldestAgeMs: number | null;
}

/** An event in `events_parked`: every column of its `events` row (the payload as its size) and why it is there. */
export interface ParkedEvent {
  /** Its original position in `events`, kept while parked and when retried. */
  position: number;
  eventId: string;
  eventType: string;
  topic: string;
  partitionKey: string;
  bucket: number;
  messageName: string;
  schemaVersion: number;
  /** Size of the encoded payload in bytes. */
  payloadBytes: number;
  headers: Record<string, string>;
  streamId: string | null;
  streamVersion: number | null;
  occurredAt: Date;
  /** A relay error code: `RELAY_TOPIC_MISSING`, `RELAY_RECORD_REJECTED`, `RELAY_BEHIND_PARKED`, ... */
  reasonCode: string;
  reasonMessage: string;
  /** Failed attempts to publish it before it was parked (0 for a row parked behind another). */
  attempts: number;
  parkedAt: Date;
}
