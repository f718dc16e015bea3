// Prometheus gauges of the status read model, set from one status read per scrape: they describe the whole
// deployment (every slot, group, DLQ topic and queue), not this process. Their names and meaning are the ones the
// relay (backlog), the consumers (lag, DLQ depth) and the queue module (jobs) use for the same figures
// (@commercebridge/observability METRICS): one name, one meaning, whichever process is scraped.
import { METRICS, type MetricDefinition } from '@commercebridge/observability';
import { Gauge, Registry } from 'prom-client';
import type { Status } from './types.ts';

export const METRIC_NAMES = {
  sectionUp: METRICS.statusSectionUp.name,
  outboxBacklog: METRICS.outboxBacklog.name,
  outboxOldestAge: METRICS.outboxOldestAge.name,
  slotLeased: METRICS.slotLeased.name,
  consumerLag: METRICS.consumerLag.name,
  dlqDepth: METRICS.dlqDepth.name,
  dlqPending: METRICS.dlqPending.name,
  jobs: METRICS.queueJobs.name,
} as const;

export interface StatusMetrics {
  registry: Registry;
  /** Replaces every gauge's values with those of `status`. */
  update(status: Status): void;
}

/** A gauge's configuration from its shared definition (prom-client wants a mutable label list). */
function definition<L extends string>(metric: MetricDefinition<L>) {
  return { name: metric.name, help: metric.help, labelNames: [...metric.labelNames] };
}

export function createStatusMetrics(): StatusMetrics {
  const registry = new Registry();
  const registers = [registry];
  const sectionUp = new Gauge({ ...definition(METRICS.statusSectionUp), registers });
  const backlog = new Gauge({ ...definition(METRICS.outboxBacklog), registers });
  const oldestAge = new Gauge({ ...definition(METRICS.outboxOldestAge), registers });
  const slotLeased = new Gauge({ ...definition(METRICS.slotLeased), registers });
  const lag = new Gauge({ ...definition(METRICS.consumerLag), registers });
  const dlqDepth = new Gauge({ ...definition(METRICS.dlqDepth), registers });
  const dlqPending = new Gauge({ ...definition(METRICS.dlqPending), registers });
  const jobs = new Gauge({ ...definition(METRICS.queueJobs), registers });
  const up = (s: { status: string }) => (s.status === 'ok' ? 1 : s.status === 'error' ? 0 : -1);

  return {
    registry,
    update(status) {
      for (const gauge of [sectionUp, backlog, oldestAge, slotLeased, lag, dlqDepth, dlqPending, jobs]) {
        gauge.reset();
      }
      sectionUp.set({ section: 'outbox' }, up(status.outbox));
      sectionUp.set({ section: 'consumers' }, up(status.consumers));
      sectionUp.set({ section: 'dlq' }, up(status.dlq));
      sectionUp.set({ section: 'jobs' }, up(status.jobs));
      if (status.outbox.status === 'ok') {
        for (const slot of status.outbox.slots) {
          const labels = { slot: String(slot.slot) };
          backlog.set(labels, slot.backlog);
          oldestAge.set(labels, (slot.oldestAgeMs ?? 0) / 1000);
          slotLeased.set(
            { ...labels, owner: slot.leaseLive ? (slot.owner ?? '') : '' },
            slot.leaseLive ? 1 : 0,
          );
        }
      }
      if (status.consumers.status === 'ok') {
        for (const group of status.consumers.groups) {
          for (const p of group.partitions) {
            lag.set({ group: group.groupId, topic: p.topic, partition: String(p.partition) }, p.lag);
          }
        }
      }
      if (status.dlq.status === 'ok') {
        for (const topic of status.dlq.topics) {
          dlqDepth.set({ topic: topic.topic }, topic.depth);
          if (topic.pending !== null) dlqPending.set({ topic: topic.topic }, topic.pending);
        }
      }
      if (status.jobs.status === 'ok') {
        for (const [queue, counts] of Object.entries(status.jobs.queues)) {
          for (const [name, n] of Object.entries(counts)) jobs.set({ queue, status: name }, n);
        }
      }
    },
  };
}
