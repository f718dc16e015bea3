import { METRICS, scrapedGauge, scrapeReader } from '@commercebridge/observability';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SlotBacklog } from './outbox.ts';

/** Parked events per slot (events_parked), read at scrape like the backlog. */
export interface SlotParked {
  slot: number;
  parked: number;
}

export interface MetricsSources {
  /** Backlog of every slot of the schema (not only the owned ones), read at scrape; undefined when stopped. */
  readBacklog: () => Promise<SlotBacklog[] | undefined>;
  /** Parked events of every slot of the schema, read at scrape; undefined when stopped. */
  readParked: () => Promise<SlotParked[] | undefined>;
  /** A failed read, once until reads succeed again; and the first success after it. */
  readFailed: (error: unknown) => void;
  readRecovered: () => void;
}

/** One registry per relay, so that two relays in one process keep separate figures. */
export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  const registers = [registry];
  // Both backlog gauges come from one query per scrape, under the names the console uses for them too.
  const backlog = scrapeReader(sources.readBacklog, {
    failed: sources.readFailed,
    recovered: sources.readRecovered,
  });
  scrapedGauge(registry, METRICS.outboxBacklog).add(async () =>
    (await backlog())?.map((row) => [{ slot: row.slot }, row.unpublished] as const),
  );
  scrapedGauge(registry, METRICS.outboxOldestAge).add(async () =>
    (await backlog())?.map((row) => [{ slot: row.slot }, (row.oldestAgeMs ?? 0) / 1000] as const),
  );
  const parked = scrapeReader(sources.readParked, {
    failed: sources.readFailed,
    recovered: sources.readRecovered,
  });
  scrapedGauge(registry, {
    name: 'commercebridge_relay_parked_events',
    help: 'Events in events_parked per slot of the schema (read from Postgres at scrape)',
    labelNames: ['slot'] as const,
  }).add(async () => (await parked())?.map((row) => [{ slot: row.slot }, row.parked] as const));
  return {
    registry,
    published: new Counter({
      name: 'relay_published_events_total',
      help: 'Events committed to Kafka and marked published by this relay',
      registers,
    }),
    batchSize: new Histogram({
      name: 'relay_batch_size',
      help: 'Events per Kafka transaction',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000],
      registers,
    }),
    transactionSeconds: new Histogram({
      name: 'relay_kafka_transaction_seconds',
      help: 'Duration of one Kafka transaction: its produce requests and commit',
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers,
    }),
    slotsOwned: new Gauge({
      name: 'relay_slots_owned',
      help: 'Slots this relay holds a lease on',
      registers,
    }),
    slotStalled: new Gauge({
      name: 'commercebridge_relay_slot_stalled',
      help: 'Whether an owned slot is stalled (1): it has failed to publish for longer than RELAY_STALL_TIMEOUT_MS, or with an error no retry can fix',
      labelNames: ['slot'],
      registers,
    }),
    parkedTotal: new Counter({
      name: 'commercebridge_relay_parked_total',
      help: 'Events this relay moved into events_parked, by slot and reason code',
      labelNames: ['slot', 'code'],
      registers,
    }),
    errors: new Counter({
      name: 'relay_errors_total',
      help: 'Errors by code (RelayError codes)',
      labelNames: ['code'],
      registers,
    }),
  };
}

export type RelayMetrics = ReturnType<typeof createMetrics>;
