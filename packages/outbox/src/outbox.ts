import {
  type Catalog,
  type DecodedPayload,
  decodeEvent,
  type EventPayload,
  type EventType,
  isSchemaError,
} from '@commercebridge/schemas';
import {
  assertDistinctIds,
  type EventOptions,
  type OutboxEvent,
  type PreparedEvent,
  type PublishOptions,
  prepareEvent,
} from './encode.ts';
import { ConcurrencyError, OutboxError, wrapDatabaseError } from './errors.ts';
import { type Transaction, toExecutor } from './executor.ts';
import { ADVISORY_LOCK_CLASSID } from './lockBucket.ts';
import {
  DEFAULT_MAX_PAYLOAD_BYTES,
  notifyChannel,
  validateBoolean,
  validateInteger,
  validateSchema,
} from './options.ts';
import { bumpAndInsert, type ExpectedVersion, streamVersion } from './sql/appendToStream.ts';
import { insertEvents } from './sql/insertEvents.ts';
import { insertScheduled } from './sql/insertScheduled.ts';
import { selectStreamEvents } from './sql/readStream.ts';
import { selectSnapshot, upsertSnapshot } from './sql/snapshots.ts';
import { confirmGuard, transactionGuard } from './transactionCheck.ts';
import type { Executor } from './types.ts';

/** What happened to one published event. */
export interface PublishResult {
  eventId: string;
  /** Its position in `events`; null when it was scheduled or was a duplicate. */
  position: number | null;
  /** inserted: in `events`; scheduled: in `scheduled` until due; duplicate: the id existed, nothing written. */
  status: 'inserted' | 'scheduled' | 'duplicate';
}

/** An event read back from a stream. */
export type StoredEvent<K extends Catalog> = {
  [T in EventType<K>]: {
    type: T;
    payload: DecodedPayload<K, T>;
    streamId: string;
    streamVersion: number;
    eventId: string;
    position: number;
    headers: Record<string, string>;
    occurredAt: Date;
  };
}[EventType<K>];

/** One event to append to a stream (its partition key is the stream id). */
export type StreamEvent<K extends Catalog> = {
  [T in EventType<K>]: { type: T; payload: EventPayload<K, T> } & Omit<EventOptions, 'key'>;
}[EventType<K>];

/** An event as an inline projection sees it, in the append's transaction. */
export type AppendedEvent<K extends Catalog> = StreamEvent<K> & {
  streamId: string;
  streamVersion: number;
  eventId: string;
  position: number;
};

/**
 * Runs inside the append's transaction, after the events are inserted: a read model updated here commits or
 * rolls back with the events. A throw aborts the append (the caller's transaction should roll back).
 */
export type InlineProjection<K extends Catalog> = (tx: Executor, events: AppendedEvent<K>[]) => Promise<void>;

export interface OutboxOptions<K extends Catalog> {
  /** The event catalog (`@commercebridge/schemas`): types, topics, keys, validation. */
  catalog: K;
  /** Postgres schema of the tables (Default: 'commercebridge'). */
  schema?: string;
  /** Notify `<schema>_events` once per transaction that writes events, to wake the relay (Default: true). */
  notify?: boolean;
  /** Largest encoded payload (Default: 1048576 bytes). */
  maxPayloadBytes?: number;
  /** Inline projections run by appendToStream in the same transaction. */
  projections?: ReadonlyArray<InlineProjection<K>>;
}

export interface AppendOptions {
  /** 'no_stream': the stream must not exist; a number: it must be at that version; 'any' (Default). */
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as expectedVersion next time. */
  nextExpectedVersion: number;
  positions: number[];
  eventIds: string[];
}

export interface ReadStreamOptions {
  /** First stream version to read (Default: 1). */
  fromVersion?: number;
  /** At most this many events (Default: all). */
  maxCount?: number;
}

export interface AggregateOptions<K extends Catalog, S> {
  initialState: S;
  evolve: (state: S, event: StoredEvent<K>) => S;
  /**
   * Optional snapshots: start from the stored state of `name` and fold only the newer events; store a new
   * snapshot once `every` (Default: 100) events were folded past it. Change `name` when `evolve` changes.
   * State goes through JSON (or `serialize`/`deserialize`).
   */
  snapshot?: {
    name: string;
    every?: number;
    serialize?: (state: S) => unknown;
    deserialize?: (stored: unknown) => S;
  };
}

export interface Outbox<K extends Catalog> {
  readonly schema: string;
  /** The catalog it validates and routes by (an event's type names its topic). */
  readonly catalog: K;
  /** The NOTIFY channel, or null when notify is off. */
  readonly channel: string | null;
  /** Validates, encodes and inserts one event in the caller's transaction. */
  publish<T extends EventType<K>>(
    tx: Transaction,
    type: T,
    payload: EventPayload<K, T>,
    options?: PublishOptions,
  ): Promise<PublishResult>;
  /** Validates and encodes every event first, then inserts them in one statement, in array order. */
  publishMany(tx: Transaction, events: ReadonlyArray<OutboxEvent<K>>): Promise<PublishResult[]>;
  appendToStream(
    tx: Transaction,
    streamId: string,
    events: ReadonlyArray<StreamEvent<K>>,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  readStream(tx: Transaction, streamId: string, options?: ReadStreamOptions): Promise<StoredEvent<K>[]>;
  aggregateStream<S>(
    tx: Transaction,
    streamId: string,
    options: AggregateOptions<K, S>,
  ): Promise<{ state: S; version: number }>;
}

const READ_PAGE = 1000;
/** Events folded past the last snapshot before a new one is stored (Default: 100). */
const DEFAULT_SNAPSHOT_EVERY = 100;

export function createOutbox<K extends Catalog>(options: OutboxOptions<K>): Outbox<K> {
  if (typeof options !== 'object' || options === null) {
    throw new OutboxError(
      'OUTBOX_INVALID_OPTION',
      '/outbox must be an options object with at least { catalog }',
    );
  }
  const catalog = options.catalog;
  if (typeof catalog !== 'object' || catalog === null || typeof catalog.events !== 'object') {
    throw new OutboxError(
      'OUTBOX_INVALID_OPTION',
      '/outbox/catalog must be an event catalog from defineCatalog() of @commercebridge/schemas',
    );
  }
  const schema = validateSchema('/outbox/schema', options.schema);
  const channel = validateBoolean('/outbox/notify', options.notify, true) ? notifyChannel(schema) : null;
  const maxPayloadBytes =
    options.maxPayloadBytes === undefined
      ? DEFAULT_MAX_PAYLOAD_BYTES
      : validateInteger('/outbox/maxPayloadBytes', options.maxPayloadBytes, 1, 100 * 1024 * 1024);
  const projections = [...(options.projections ?? [])];
  for (const [index, projection] of projections.entries()) {
    if (typeof projection !== 'function') {
      throw new OutboxError(
        'OUTBOX_INVALID_OPTION',
        `/outbox/projections/${index} must be a function (tx, events) => Promise<void>`,
      );
    }
  }

  async function write(
    tx: Transaction,
    prepared: PreparedEvent[],
    operation: string,
  ): Promise<PublishResult[]> {
    assertDistinctIds(`/${operation}`, prepared);
    const executor = toExecutor(tx);
    const now = prepared.filter((event) => event.runAt === undefined);
    const later = prepared.filter((event) => event.runAt !== undefined);
    try {
      const guard = await transactionGuard(executor, operation);
      const positions = new Map<string, number>();
      const scheduled = new Set<string>();
      if (now.length > 0) {
        const rows = await insertEvents(executor, now, {
          schema,
          notifyChannel: channel,
          guardTransactionId: guard,
        });
        for (const row of rows) positions.set(row.event_id, Number(row.position));
      }
      if (later.length > 0) {
        const rows = await insertScheduled(
          executor,
          later.map((event) => ({ ...event, runAt: event.runAt! })),
          { schema, guardTransactionId: guard },
        );
        for (const row of rows) scheduled.add(row.event_id);
      }
      if (positions.size + scheduled.size < prepared.length) await confirmGuard(executor, guard, operation);
      return prepared.map((event) => {
        const position = positions.get(event.eventId);
        if (position !== undefined) return { eventId: event.eventId, position, status: 'inserted' };
        if (scheduled.has(event.eventId))
          return { eventId: event.eventId, position: null, status: 'scheduled' };
        return { eventId: event.eventId, position: null, status: 'duplicate' };
      });
    } catch (error) {
      throw wrapDatabaseError(operation, error);
    }
  }

  function decodeRow(row: Awaited<ReturnType<typeof selectStreamEvents>>[number]): StoredEvent<K> {
    let payload: unknown;
    try {
      payload = decodeEvent(catalog, row.event_type as EventType<K>, row.payload);
    } catch (error) {
      const code = isSchemaError(error, 'SCHEMA_UNKNOWN_EVENT_TYPE')
        ? 'OUTBOX_UNKNOWN_EVENT_TYPE'
        : 'OUTBOX_INVALID_PAYLOAD';
      throw new OutboxError(
        code,
        `readStream: event ${row.event_id} (${row.stream_id} v${row.stream_version}, ${row.event_type}) ` +
          `cannot be decoded with this catalog: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return {
      type: row.event_type,
      payload,
      streamId: row.stream_id!,
      streamVersion: Number(row.stream_version),
      eventId: row.event_id,
      position: Number(row.position),
      headers: row.headers,
      occurredAt: row.occurred_at,
    } as StoredEvent<K>;
  }

  function validateStreamId(path: string, streamId: unknown): string {
    if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 1024) {
      throw new OutboxError(
        'OUTBOX_INVALID_OPTION',
        `${path}/streamId must be a non-empty string of at most 1024 characters (got ${String(streamId)})`,
      );
    }
    return streamId;
  }

  async function readStream(
    tx: Transaction,
    streamId: string,
    readOptions: ReadStreamOptions = {},
  ): Promise<StoredEvent<K>[]> {
    validateStreamId('/readStream', streamId);
    const fromVersion =
      readOptions.fromVersion === undefined
        ? 1
        : validateInteger('/readStream/fromVersion', readOptions.fromVersion, 1, Number.MAX_SAFE_INTEGER);
    const maxCount =
      readOptions.maxCount === undefined
        ? null
        : validateInteger('/readStream/maxCount', readOptions.maxCount, 1, Number.MAX_SAFE_INTEGER);
    try {
      const rows = await selectStreamEvents(toExecutor(tx), { schema, streamId, fromVersion, maxCount });
      return rows.map(decodeRow);
    } catch (error) {
      throw wrapDatabaseError('readStream', error);
    }
  }

  return {
    schema,
    channel,
    catalog,

    async publish(tx, type, payload, publishOptions) {
      const prepared = prepareEvent(catalog, maxPayloadBytes, '/publish', type, payload, publishOptions);
      const [result] = await write(tx, [prepared], 'publish');
      return result!;
    },

    async publishMany(tx, events) {
      if (!Array.isArray(events)) {
        throw new OutboxError(
          'OUTBOX_INVALID_OPTION',
          '/publishMany/events must be an array of { type, payload }',
        );
      }
      if (events.length === 0) return [];
      const prepared = events.map((event, index) => {
        const { type, payload, ...eventOptions } = (event ?? {}) as OutboxEvent<K>;
        return prepareEvent(catalog, maxPayloadBytes, `/publishMany/${index}`, type, payload, eventOptions);
      });
      return write(tx, prepared, 'publishMany');
    },

    async appendToStream(tx, streamId, events, appendOptions = {}) {
      validateStreamId('/appendToStream', streamId);
      const expected = appendOptions.expectedVersion ?? 'any';
      if (expected !== 'any' && expected !== 'no_stream') {
        validateInteger('/appendToStream/expectedVersion', expected, 0, Number.MAX_SAFE_INTEGER);
      }
      if (!Array.isArray(events) || events.length === 0) {
        throw new OutboxError(
          'OUTBOX_INVALID_OPTION',
          '/appendToStream/events must be a non-empty array of { type, payload }',
        );
      }
      const prepared = events.map((event, index) => {
        const { type, payload, ...eventOptions } = (event ?? {}) as StreamEvent<K>;
        return prepareEvent(
          catalog,
          maxPayloadBytes,
          `/appendToStream/${index}`,
          type,
          payload,
          eventOptions,
          {
            streamId,
          },
        );
      });
      assertDistinctIds('/appendToStream', prepared);
      const executor = toExecutor(tx);
      try {
        const guard = await transactionGuard(executor, 'appendToStream');
        // The stream's bucket lock first, like every writer of the key, then the stream row.
        await executor.query(
          'select pg_advisory_xact_lock($1::int, $2::int)',
          [ADVISORY_LOCK_CLASSID, prepared[0]!.bucket],
          { name: 'commercebridge_outbox_stream_lock' },
        );
        const appended = await bumpAndInsert(executor, streamId, expected, prepared, {
          schema,
          guardTransactionId: guard,
          notifyChannel: channel,
        });
        if (!appended) {
          await confirmGuard(executor, guard, 'appendToStream');
          const actual = await streamVersion(executor, schema, streamId);
          throw new ConcurrencyError(streamId, expected, actual ?? 'no_stream');
        }
        const positions = appended.positions.map(Number);
        const first = appended.version - prepared.length + 1;
        if (projections.length > 0) {
          const projected = events.map((event, index) => ({
            ...event,
            streamId,
            streamVersion: first + index,
            eventId: prepared[index]!.eventId,
            position: positions[index]!,
          })) as AppendedEvent<K>[];
          for (const projection of projections) await projection(executor, projected);
        }
        return {
          nextExpectedVersion: appended.version,
          positions,
          eventIds: prepared.map((event) => event.eventId),
        };
      } catch (error) {
        if (error instanceof OutboxError) throw error;
        const wrapped = wrapDatabaseError('appendToStream', error);
        if ((error as { code?: string }).code === '23505') {
          throw new OutboxError(
            'OUTBOX_DUPLICATE_EVENT',
            `appendToStream: an event id of this append already exists (${(error as Error).message}); ` +
              'the transaction is aborted',
            { cause: error },
          );
        }
        throw wrapped;
      }
    },

    readStream,

    async aggregateStream(tx, streamId, aggregateOptions) {
      if (typeof aggregateOptions?.evolve !== 'function') {
        throw new OutboxError(
          'OUTBOX_INVALID_OPTION',
          '/aggregateStream/evolve must be a function (state, event) => state',
        );
      }
      const snapshot = aggregateOptions.snapshot;
      if (snapshot !== undefined) {
        validateStreamId('/aggregateStream/snapshot/name', snapshot.name);
        if (snapshot.every !== undefined) {
          validateInteger('/aggregateStream/snapshot/every', snapshot.every, 1, Number.MAX_SAFE_INTEGER);
        }
      }
      const executor = toExecutor(tx);
      let state = aggregateOptions.initialState;
      let version = 0;
      let snapshotVersion = 0;
      if (snapshot) {
        try {
          const stored = await selectSnapshot(executor, { schema, streamId, name: snapshot.name });
          if (stored) {
            state = snapshot.deserialize
              ? snapshot.deserialize(stored.state)
              : (stored.state as typeof state);
            version = snapshotVersion = stored.version;
          }
        } catch (error) {
          throw wrapDatabaseError('aggregateStream', error);
        }
      }
      for (;;) {
        const page = await readStream(executor, streamId, { fromVersion: version + 1, maxCount: READ_PAGE });
        for (const event of page) {
          state = aggregateOptions.evolve(state, event);
          version = event.streamVersion;
        }
        if (page.length < READ_PAGE) break;
      }
      if (snapshot && version - snapshotVersion >= (snapshot.every ?? DEFAULT_SNAPSHOT_EVERY)) {
        try {
          const stored = snapshot.serialize ? snapshot.serialize(state) : state;
          await upsertSnapshot(executor, { schema, streamId, name: snapshot.name, version, state: stored });
        } catch (error) {
          throw wrapDatabaseError('aggregateStream (snapshot)', error);
        }
      }
      return { state, version };
    },
  };
}
