// The console's memory of past status reads, for the charts. It samples the reads the console makes anyway
// (a page polling /api/status, a Prometheus scrape): a console nobody looks at records nothing and reads
// nothing more. Bounded by age, and by the interval between samples.
import type { History, HistorySample, Status } from './types.ts';

/** Reads closer together than this share one sample. (Default: 2 s) */
export const HISTORY_INTERVAL_MS = 2000;
/** Samples older than this are dropped. (Default: 30 min) */
export const HISTORY_WINDOW_MS = 30 * 60 * 1000;

export interface StatusHistory {
  /** Keeps a sample of the read, unless the last sample is less than the interval older. */
  record(status: Status): void;
  view(): History;
}

function sampleOf(status: Status): HistorySample {
  const outbox = status.outbox.status === 'ok' ? status.outbox : undefined;
  const consumers = status.consumers.status === 'ok' ? status.consumers : undefined;
  return {
    at: status.readAt,
    backlog: outbox?.backlog ?? null,
    oldestAgeMs: outbox?.oldestAgeMs ?? null,
    slots: (outbox?.slots ?? []).map((s) => ({
      slot: s.slot,
      backlog: s.backlog,
      oldestAgeMs: s.oldestAgeMs,
    })),
    groups: (consumers?.groups ?? []).map((g) => ({ groupId: g.groupId, lag: g.lag })),
  };
}

export function createStatusHistory(options: { intervalMs?: number; windowMs?: number } = {}): StatusHistory {
  const intervalMs = options.intervalMs ?? HISTORY_INTERVAL_MS;
  const windowMs = options.windowMs ?? HISTORY_WINDOW_MS;
  // At most one sample per interval over the window: the array never holds more than this.
  const capacity = Math.ceil(windowMs / intervalMs) + 1;
  const samples: Array<{ atMs: number; sample: HistorySample }> = [];
  const prune = (now: number) => {
    let drop = 0;
    while (drop < samples.length && now - samples[drop]!.atMs > windowMs) drop++;
    if (samples.length - drop > capacity) drop = samples.length - capacity;
    if (drop > 0) samples.splice(0, drop);
  };
  return {
    record(status) {
      const atMs = Date.parse(status.readAt);
      const last = samples.at(-1);
      // Reads finish out of order only by milliseconds; a read older than the last sample adds nothing.
      if (last !== undefined && atMs - last.atMs < intervalMs) return;
      samples.push({ atMs, sample: sampleOf(status) });
      prune(atMs);
    },
    view() {
      prune(Date.now());
      return { intervalMs, windowMs, samples: samples.map((s) => s.sample) };
    },
  };
}
