// Prometheus gauges of the status read model, set from one status read per scrape: they describe the whole
// deployment (every slot, group, DLQ topic and queue), not this process. The `commercebridge_status_` prefix
// keeps them apart from the per-process metrics of the relay and the consumers.
import { Gauge, Registry } from 'prom-client';
import type { Status } from './types.ts';

export const METRIC_NAMES = {
  sectionUp: 'commercebridge_status_section_up',
  outboxBacklog: 'commercebridge_status_outbox_backlog',
  outboxOldestAge: 'commercebridge_status_outbox_oldest_age_seconds',
  slotLeased: 'commercebridge_status_slot_leased',
  consumerLag: 'commercebridge_status_consumer_lag',
  dlqDepth: 'commercebridge_status_dlq_depth',
  dlqPending: 'commercebridge_status_dlq_pending',
  jobs: 'commercebridge_status_jobs',
} as const;

export interface StatusMetrics {
  registry: Registry;
  /** Replaces every gauge's values with those of `status`. */
  update(status: Status): void;
}

export function createStatusMetrics(): StatusMetrics {
  const registry = new Registry();
  const registers = [registry];
  const sectionUp = new Gauge({
    name: METRIC_NAMES.sectionUp,
    help: 'Whether a status section was read (1), failed (0) or is not installed (-1): outbox, consumers, dlq, jobs',
    labelNames: ['section'],
    registers,
  });
  const backlog = new Gauge({
    name: METRIC_NAMES.outboxBacklog,
    help: 'Unpublished outbox events per relay slot',
    labelNames: ['slot'],
    registers,
  });
  const oldestAge = new Gauge({
    name: METRIC_NAMES.outboxOldestAge,
    help: 'Age of the oldest unpublished outbox event per relay slot (0 when none), database clock',
    labelNames: ['slot'],
    registers,
  });
  const slotLeased = new Gauge({
    name: METRIC_NAMES.slotLeased,
    help: 'Whether a relay slot has a live lease (1) or none (0), with its owner',
    labelNames: ['slot', 'owner'],
    registers,
  });
  const lag = new Gauge({
    name: METRIC_NAMES.consumerLag,
    help: "Offsets between a consumer group's committed position and the read_committed end, per partition",
    labelNames: ['group', 'topic', 'partition'],
    registers,
  });
  const dlqDepth = new Gauge({
    name: METRIC_NAMES.dlqDepth,
    help: 'Records in a DLQ topic (end - start offsets over its partitions)',
    labelNames: ['topic'],
    registers,
  });
  const dlqPending = new Gauge({
    name: METRIC_NAMES.dlqPending,
    help: 'DLQ entries neither redriven nor purged (when the inbox table holds the markers)',
    labelNames: ['topic'],
    registers,
  });
  const jobs = new Gauge({
    name: METRIC_NAMES.jobs,
    help: 'Jobs per queue and status (scheduled, pending, processing, completed, failed, dead, cancelled)',
    labelNames: ['queue', 'status'],
    registers,
  });
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
