import { METRICS, type Sample, scrapedGauge, scrapeReader } from '@commercebridge/observability';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { GroupLag, TopicDepth } from './lag.ts';

export interface ConsumerMetrics {
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

export interface ScrapeSources {
  /** The group's lag over its subscribed topics; undefined while the consumer is not started. */
  readLag: () => Promise<GroupLag | undefined>;
  /** Depth of each DLQ topic of the subscribed topics that exists; undefined while not started. */
  readDlqDepth: () => Promise<TopicDepth[] | undefined>;
  /** A failed read, once until that read succeeds again; and the first success after it. */
  readFailed: (source: string, error: unknown) => void;
  readRecovered: (source: string) => void;
}

/**
 * The gauges read from Kafka when scraped, so they are right while the consumer is idle or paused and no batch
 * arrives: the group's lag per partition (committed offsets against the read_committed end) and the depth of its
 * DLQ topics. Same names and meaning as the console's. Returns a function that removes them from the registry's
 * scrapes (at stop).
 */
export function addScrapedGauges(registry: Registry, groupId: string, sources: ScrapeSources): () => void {
  const report = (source: string) => ({
    failed: (error: unknown) => sources.readFailed(source, error),
    recovered: () => sources.readRecovered(source),
  });
  const lag = scrapeReader(sources.readLag, report('consumer lag'));
  const depth = scrapeReader(sources.readDlqDepth, report('dlq depth'));
  const removeLag = scrapedGauge(registry, METRICS.consumerLag).add(async () =>
    (await lag())?.partitions.map(
      (p): Sample<'group' | 'topic' | 'partition'> => [
        { group: groupId, topic: p.topic, partition: p.partition },
        p.lag,
      ],
    ),
  );
  const removeDepth = scrapedGauge(registry, METRICS.dlqDepth).add(async () =>
    (await depth())?.map((t): Sample<'topic'> => [{ topic: t.topic }, t.depth]),
  );
  return () => {
    removeLag();
    removeDepth();
  };
}
