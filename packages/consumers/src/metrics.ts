import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface ConsumerMetrics {
  lag: Gauge<'group' | 'topic' | 'partition'>;
  handled: Counter<'group' | 'topic' | 'type'>;
  duration: Histogram<'group' | 'topic' | 'type'>;
  retries: Counter<'group' | 'topic' | 'type'>;
  dlq: Counter<'group' | 'topic' | 'code'>;
  duplicates: Counter<'group' | 'topic'>;
  inFlight: Gauge<'group'>;
  paused: Gauge<'group'>;
}

/** Reuses a metric already in the registry (two consumers sharing one registry), else registers it. */
function metric<M>(registry: Registry, name: string, make: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? make();
}

/** Prometheus metrics; the per-second rate of handled events is `rate(commercebridge_consumer_handled_total[1m])`. */
export function createMetrics(registry: Registry): ConsumerMetrics {
  const registers = [registry];
  return {
    lag: metric(
      registry,
      'commercebridge_consumer_lag',
      () =>
        new Gauge({
          name: 'commercebridge_consumer_lag',
          help: 'Messages between the last committed position and the high watermark, per partition',
          labelNames: ['group', 'topic', 'partition'],
          registers,
        }),
    ),
    handled: metric(
      registry,
      'commercebridge_consumer_handled_total',
      () =>
        new Counter({
          name: 'commercebridge_consumer_handled_total',
          help: 'Events whose handler committed',
          labelNames: ['group', 'topic', 'type'],
          registers,
        }),
    ),
    duration: metric(
      registry,
      'commercebridge_consumer_handler_duration_seconds',
      () =>
        new Histogram({
          name: 'commercebridge_consumer_handler_duration_seconds',
          help: 'Handler run time (each attempt)',
          labelNames: ['group', 'topic', 'type'],
          buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
          registers,
        }),
    ),
    retries: metric(
      registry,
      'commercebridge_consumer_retries_total',
      () =>
        new Counter({
          name: 'commercebridge_consumer_retries_total',
          help: 'In-process handler retries',
          labelNames: ['group', 'topic', 'type'],
          registers,
        }),
    ),
    dlq: metric(
      registry,
      'commercebridge_consumer_dlq_total',
      () =>
        new Counter({
          name: 'commercebridge_consumer_dlq_total',
          help: 'Messages sent to the DLQ',
          labelNames: ['group', 'topic', 'code'],
          registers,
        }),
    ),
    duplicates: metric(
      registry,
      'commercebridge_consumer_duplicates_skipped_total',
      () =>
        new Counter({
          name: 'commercebridge_consumer_duplicates_skipped_total',
          help: 'Redelivered events skipped because the inbox had them',
          labelNames: ['group', 'topic'],
          registers,
        }),
    ),
    inFlight: metric(
      registry,
      'commercebridge_consumer_in_flight',
      () =>
        new Gauge({
          name: 'commercebridge_consumer_in_flight',
          help: 'Messages being processed',
          labelNames: ['group'],
          registers,
        }),
    ),
    paused: metric(
      registry,
      'commercebridge_consumer_paused',
      () =>
        new Gauge({
          name: 'commercebridge_consumer_paused',
          help: '1 while fetching is paused (backpressure or pause())',
          labelNames: ['group'],
          registers,
        }),
    ),
  };
}
