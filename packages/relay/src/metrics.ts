import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per relay, so that two relays in one process keep separate figures. */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    backlog: new Gauge({
      name: 'relay_backlog_events',
      help: 'Unpublished events of each slot this relay owns',
      labelNames: ['slot'],
      registers,
    }),
    oldestAge: new Gauge({
      name: 'relay_oldest_unpublished_age_seconds',
      help: 'Age of the oldest unpublished event of each slot this relay owns',
      labelNames: ['slot'],
      registers,
    }),
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
    parked: new Gauge({
      name: 'commercebridge_relay_parked_events',
      help: 'Events in events_parked for each slot this relay owns (computed at scrape)',
      labelNames: ['slot'],
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
