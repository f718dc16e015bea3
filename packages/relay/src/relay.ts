import { performance } from 'node:perf_hooks';
import { compressionType, toKafkaAccessError } from '@commercebridge/config';
import { type HttpServer, startHttpServer } from '@commercebridge/observability';
import type { Admin, Kafka } from 'kafkajs';
import pg from 'pg';
import { resolveOptions } from './config.ts';
import { messageOf, RelayError, toRelayError } from './errors.ts';
import { createKafka } from './kafka/client.ts';
import { ensureStateTopic, TopicChecker } from './kafka/topics.ts';
import { createMetrics } from './metrics.ts';
import { fromPg, notifyChannel, outboxBacklog, parkedCounts, promoteDueScheduled } from './outbox.ts';
import { SlotWorker } from './slot.ts';
import { acquireSlots } from './sql/acquireSlots.ts';
import { agreeSlotCount, outboxInstance } from './sql/agreeSlotCount.ts';
import { ensureRelayTables } from './sql/ensureRelayTables.ts';
import { heartbeatMember } from './sql/heartbeatMember.ts';
import { quoteIdent } from './sql/ident.ts';
import { hasParkedTable } from './sql/lockForParking.ts';
import { releaseSlots } from './sql/releaseSlots.ts';
import { removeMember } from './sql/removeMember.ts';
import { renewLeases } from './sql/renewLeases.ts';
import type { Relay, RelayOptions, RelaySnapshot, SlotStall } from './types.ts';
import { createEncoder } from './wire.ts';

/**
 * This relay's fair share of slots: live members sorted by id, the first `N % M` take one more. The shares
 * add up to N, so once every member has taken its share no slot is left over.
 */
export function fairShare(members: string[], relayId: string, slotCount: number): number {
  const sorted = [...new Set([...members, relayId])].sort();
  const index = sorted.indexOf(relayId);
  const base = Math.floor(slotCount / sorted.length);
  return base + (index < slotCount % sorted.length ? 1 : 0);
}

export function createRelay(input: RelayOptions): Relay {
  const options = resolveOptions(input);
  const log = options.logger.child({ component: 'relay', relayId: options.relayId });
  const ownsPool = typeof input.database === 'string';
  const db =
    typeof input.database === 'string'
      ? new pg.Pool({ connectionString: input.database, max: options.slotCount + 4 })
      : input.database;
  // The outbox's SQL runs through its executor (named prepared statements, parsed once per connection).
  const outbox = fromPg(db);
  // An idle pooled client that loses its server (Postgres restart) emits 'error'; the next query reconnects.
  if (ownsPool) db.on('error', (error) => log.warn({ error: messageOf(error) }, 'postgres.error'));
  let stopped = false;
  const metrics = createMetrics({
    // Every slot of the schema, whether this relay owns it or not, and whether or not its loops run.
    readBacklog: async () =>
      stopped ? undefined : outboxBacklog(outbox, { schema: options.schema, slotCount: options.slotCount }),
    readParked: async () =>
      stopped ? undefined : parkedCounts(outbox, { schema: options.schema, slotCount: options.slotCount }),
    readFailed: (error) =>
      log.warn({ source: 'outbox backlog', error: messageOf(error) }, 'metrics.read_failed'),
    readRecovered: () => log.info({ source: 'outbox backlog' }, 'metrics.read_recovered'),
  });

  const heartbeatMs = Math.max(100, Math.min(1000, Math.floor(options.leaseTtlMs / 5)));
  const workers = new Map<number, SlotWorker>();
  const releasing = new Set<number>();
  let kafka: Kafka | null = null;
  let admin: Admin | null = null;
  let ctx: ConstructorParameters<typeof SlotWorker>[0] | null = null;
  let http: HttpServer | null = null;
  let listener: pg.Client | null = null;
  let ready = false;
  let stopping = false;
  let started: Promise<void> | null = null;
  let heartbeatTimer: NodeJS.Timeout | null = null;
  let promoteTimer: NodeJS.Timeout | null = null;
  let heartbeatRunning: Promise<void> | null = null;
  let publishedTotal = 0;

  const updateOwned = () => metrics.slotsOwned.set(workers.size);

  /** The owned slots that are stalled, and why. */
  const stalled = (): SlotStall[] =>
    [...workers.values()]
      .map((worker) => worker.stalled())
      .filter((stall): stall is SlotStall => stall !== null)
      .sort((a, b) => a.slot - b.slot);

  function startWorker(slot: number): void {
    if (!ctx) return;
    const worker = new SlotWorker(ctx, slot);
    workers.set(slot, worker);
    updateOwned();
    log.info({ slot }, 'slot.acquired');
    void worker.done.then(async (end) => {
      if (workers.get(slot) === worker) workers.delete(slot);
      updateOwned();
      if (end.reason === 'stopped' && releasing.has(slot)) {
        releasing.delete(slot);
        await releaseSlots(db, options.schema, { relayId: options.relayId, slots: [slot] }).catch((error) =>
          log.warn({ code: 'RELAY_DATABASE', error: messageOf(error) }, 'relay.error'),
        );
        log.info({ slot, reason: stopping ? 'shutdown' : 'rebalance' }, 'slot.released');
      }
    });
  }

  async function heartbeat(): Promise<void> {
    const members = await heartbeatMember(db, options.schema, options.relayId, options.leaseTtlMs);
    const held = [...workers.keys()];
    const sentAt = performance.now();
    const renewed = new Set(
      await renewLeases(db, options.schema, {
        relayId: options.relayId,
        slots: held,
        ttlMs: options.leaseTtlMs,
      }),
    );
    for (const slot of held) {
      if (renewed.has(slot)) workers.get(slot)?.leaseRenewed(sentAt);
      if (!renewed.has(slot) && !releasing.has(slot)) {
        // Another relay owns the lease now: stop at once; the worker's pre-commit check refuses to commit.
        log.warn({ slot, reason: 'lease_lost' }, 'slot.lost');
        workers.get(slot)?.leaseLost();
        workers.get(slot)?.stop();
        workers.delete(slot);
      }
    }
    updateOwned();
    if (stopping) return;
    const target = fairShare(members, options.relayId, options.slotCount);
    const active = [...workers.keys()].filter((slot) => !releasing.has(slot)).sort((a, b) => b - a);
    if (active.length > target) {
      for (const slot of active.slice(0, active.length - target)) {
        releasing.add(slot);
        workers.get(slot)?.stop();
      }
    } else if (active.length < target) {
      const taken = await acquireSlots(db, options.schema, {
        relayId: options.relayId,
        held: [...workers.keys()],
        limit: target - active.length,
        slotCount: options.slotCount,
        ttlMs: options.leaseTtlMs,
      });
      for (const slot of taken) if (!workers.has(slot)) startWorker(slot);
    }
  }

  function runHeartbeat(): void {
    if (heartbeatRunning) return;
    heartbeatRunning = heartbeat()
      .catch((error) => {
        const relayError = toRelayError(error, 'RELAY_DATABASE');
        metrics.errors.inc({ code: relayError.code });
        log.warn({ code: relayError.code, error: messageOf(error), during: 'heartbeat' }, 'relay.error');
      })
      .finally(() => {
        heartbeatRunning = null;
      });
  }

  async function promote(): Promise<void> {
    if (workers.size === 0 || stopping) return;
    for (let round = 0; round < 10; round++) {
      const moved = await promoteDueScheduled(outbox, {
        schema: options.schema,
        limit: 1000,
        notify: options.notify,
      });
      if (moved < 1000) return;
    }
  }

  async function listen(): Promise<void> {
    if (!options.notify || stopping) return;
    const connection = typeof input.database === 'string' ? input.database : undefined;
    const client = new pg.Client(connection ? { connectionString: connection } : (db as pg.Pool).options);
    client.on('notification', () => {
      for (const worker of workers.values()) worker.wake();
    });
    client.on('error', (error) => {
      log.warn({ code: 'RELAY_DATABASE', error: messageOf(error), during: 'listen' }, 'relay.error');
    });
    client.on('end', () => {
      if (listener !== client) return;
      listener = null;
      // Polling covers the gap; LISTEN again shortly. Waking every slot once catches rows missed meanwhile.
      relisten(1000);
      for (const worker of workers.values()) worker.wake();
    });
    try {
      await client.connect();
      await client.query(`listen ${quoteIdent(notifyChannel(options.schema))}`);
      listener = client;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  }

  /** LISTEN again after the connection was lost (Postgres restart), retrying until it works. */
  function relisten(delayMs: number): void {
    if (stopping) return;
    setTimeout(() => {
      listen().catch((error) => {
        log.warn({ code: 'RELAY_DATABASE', error: messageOf(error), during: 'listen' }, 'relay.error');
        relisten(Math.min(delayMs * 2, 10_000));
      });
    }, delayMs).unref();
  }

  async function setup(): Promise<void> {
    const agreed = await agreeSlotCount(db, options.schema, options.slotCount).catch((error) => {
      if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000') {
        throw new RelayError(
          'RELAY_DATABASE',
          `the outbox tables of schema ${options.schema} do not exist: run the migrations first ` +
            `(pnpm outbox:migrate --schema ${options.schema}, or migrate() of @commercebridge/outbox)`,
          { cause: error },
        );
      }
      throw error;
    });
    if (agreed !== options.slotCount) {
      throw new RelayError(
        'RELAY_SLOT_COUNT_MISMATCH',
        `RELAY_SLOT_COUNT is ${options.slotCount} but the relays of schema ${options.schema} use ${agreed} ` +
          `(stored in ${options.schema}.settings 'relay.slot_count'): set RELAY_SLOT_COUNT=${agreed}`,
      );
    }
    if (!(await hasParkedTable(db, options.schema))) {
      throw new RelayError(
        'RELAY_DATABASE',
        `table ${options.schema}.events_parked does not exist: run the outbox migrations (commercebridge migrate ` +
          `--schema ${options.schema}, or migrate() of @commercebridge/outbox) before starting this relay`,
      );
    }
    await ensureRelayTables(db, options.schema, options.slotCount);
    kafka = createKafka(options, log);
    admin = kafka.admin();
    // Connecting fails fast with KafkaAccessError (wrong password, untrusted CA); so does a principal that may
    // not create or describe the state topic, instead of a slot loop retrying it.
    await admin.connect();
    if (options.delivery === 'exactly-once') {
      await ensureStateTopic(admin, options.stateTopic, options.slotCount).catch((error) => {
        throw (
          toKafkaAccessError(error, options.kafka, `preparing the state topic ${options.stateTopic}`) ?? error
        );
      });
    }
    ctx = {
      options,
      db,
      outbox,
      kafka,
      log,
      metrics,
      topics: new TopicChecker(admin, options.autoCreateTopics, options.autoCreatePartitions),
      encode: await createEncoder(options.wire, input.catalog),
      compression: compressionType(options.compression),
      onPublished: (count) => {
        publishedTotal += count;
      },
      instance: await outboxInstance(db, options.schema),
    };
    await listen().catch((error) => {
      log.warn({ code: 'RELAY_DATABASE', error: messageOf(error), during: 'listen' }, 'relay.error');
      relisten(1000);
    });
    if (options.metricsPort !== null) {
      http = await startHttpServer(options.metricsPort, {
        registry: metrics.registry,
        health: () => ({ ok: !stopping || workers.size > 0 }),
        readiness: () => {
          const stalls = stalled();
          return {
            ready: ready && !stopping && stalls.length === 0,
            relayId: options.relayId,
            slots: [...workers.keys()].sort((a, b) => a - b),
            stalled: stalls,
          };
        },
      });
    }
    await heartbeat();
    heartbeatTimer = setInterval(runHeartbeat, heartbeatMs);
    if (options.promoteIntervalMs > 0) {
      promoteTimer = setInterval(
        () =>
          void promote().catch((error) =>
            log.warn({ code: 'RELAY_DATABASE', error: messageOf(error), during: 'promote' }, 'relay.error'),
          ),
        options.promoteIntervalMs,
      );
    }
    ready = true;
    log.info(
      {
        metricsPort: http?.port ?? null,
        slotCount: options.slotCount,
        delivery: options.delivery,
        schemaMode: options.wire.mode,
        slots: [...workers.keys()].sort((a, b) => a - b),
      },
      'relay.ready',
    );
  }

  async function teardownConnections(): Promise<void> {
    await admin?.disconnect().catch(() => {});
    admin = null;
    const l = listener;
    listener = null;
    await l?.end().catch(() => {});
  }

  return {
    relayId: options.relayId,
    metrics: metrics.registry,
    get httpPort() {
      return http?.port ?? null;
    },
    start() {
      if (!started) {
        log.info({ slotCount: options.slotCount, delivery: options.delivery }, 'relay.starting');
        started = setup().catch(async (error) => {
          await teardownConnections();
          await http?.close().catch(() => {});
          throw error;
        });
      }
      return started;
    },
    async stop() {
      if (stopping) return { forced: false };
      stopping = true;
      ready = false;
      log.info({}, 'relay.stopping');
      if (heartbeatTimer) clearInterval(heartbeatTimer);
      if (promoteTimer) clearInterval(promoteTimer);
      await started?.catch(() => {});
      await heartbeatRunning;
      const slots = [...workers.keys()];
      for (const slot of slots) releasing.add(slot);
      const all = [...workers.values()];
      for (const worker of all) worker.stop();
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.all(all.map((w) => w.done)).then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), options.shutdownTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      const forced = !finished;
      if (forced) await Promise.all(all.map((w) => w.kill()));
      // Released even when forced: the next owner's initTransactions aborts whatever is still open.
      await releaseSlots(db, options.schema, { relayId: options.relayId, slots }).catch(() => {});
      await removeMember(db, options.schema, options.relayId).catch(() => {});
      await teardownConnections();
      await http?.close().catch(() => {});
      stopped = true;
      if (ownsPool) await db.end().catch(() => {});
      log.info({ forced }, 'relay.stopped');
      return { forced };
    },
    snapshot(): RelaySnapshot {
      const stalls = stalled();
      return {
        relayId: options.relayId,
        ready: ready && !stopping && stalls.length === 0,
        stopping,
        slots: [...workers.keys()].sort((a, b) => a - b),
        stalled: stalls,
        publishedTotal,
      };
    },
  };
}
