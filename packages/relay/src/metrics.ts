import { METRICS, scrapedGauge, scrapeReader } from '@commercebridge/observability';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SlotBacklog } from './outbox.ts';

export interface MetricsSources {
  /** Backlog of every slot of the schema (not only the owned ones), read at scrape; undefined when stopped. */
  readBacklog: () => Promise<SlotBacklog[] | undefined>;
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
      help: 'Duration of one batch: Kafka send and commit',
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers,
    }),
    slotsOwned: new Gauge({
      name: 'relay_slots_owned',
      help: 'Slots this relay holds a lease on',
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
