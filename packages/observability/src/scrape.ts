// Gauges computed when scraped, so they are right while the process is idle (no batch arrives, no loop runs),
// and a process nobody scrapes pays nothing for them. A failed read never breaks the scrape: the gauges it feeds
// are absent from that scrape, and the failure is reported once until a read succeeds again.
import { Gauge, type Registry } from 'prom-client';
import type { MetricDefinition } from './metrics.ts';

export type Labels<L extends string> = Partial<Record<L, string | number>>;
export type Sample<L extends string> = readonly [labels: Labels<L>, value: number];

/** One source of a gauge's samples, read at each scrape; `undefined` shows nothing (failed read, stopped). */
export type SampleSource<L extends string> = () => Promise<Iterable<Sample<L>> | undefined>;

export interface ScrapedGauge<L extends string> {
  readonly gauge: Gauge<L>;
  /** Adds a source read at every scrape; returns a function that removes it. */
  add(source: SampleSource<L>): () => void;
}

const registered = new WeakMap<Registry, Map<string, ScrapedGauge<string>>>();

/**
 * The gauge of `definition` in `registry`, created on first use. Several components can share one registry
 * (two consumers of one process): each adds its source, and a scrape shows the samples of all of them.
 */
export function scrapedGauge<L extends string>(
  registry: Registry,
  definition: MetricDefinition<L>,
): ScrapedGauge<L> {
  let byName = registered.get(registry);
  if (!byName) {
    byName = new Map();
    registered.set(registry, byName);
  }
  const existing = byName.get(definition.name);
  if (existing) return existing as unknown as ScrapedGauge<L>;
  if (registry.getSingleMetric(definition.name)) {
    throw new Error(
      `${definition.name} is already in this registry, not as a scraped gauge: use scrapedGauge() for it everywhere`,
    );
  }
  const sources = new Set<SampleSource<L>>();
  const gauge = new Gauge<L>({
    name: definition.name,
    help: definition.help,
    labelNames: [...definition.labelNames],
    registers: [registry],
    async collect() {
      const results = await Promise.all([...sources].map((source) => source().catch(() => undefined)));
      // Replaced in one synchronous step after the reads: a scrape never shows a half-filled gauge.
      this.reset();
      for (const samples of results) {
        if (samples) for (const [labels, value] of samples) this.set(labels, value);
      }
    },
  });
  const scraped: ScrapedGauge<L> = {
    gauge,
    add(source) {
      sources.add(source);
      return () => {
        sources.delete(source);
      };
    },
  };
  byName.set(definition.name, scraped as unknown as ScrapedGauge<string>);
  return scraped;
}

export interface ReadReport {
  /** The first failure after a success (or since the start): log it. Not called again until a read succeeds. */
  failed(error: unknown): void;
  /** The first success after a failure. */
  recovered?(): void;
}

/** (Default: 5000) how long a scrape waits for one read before it shows the gauges without it. */
export const DEFAULT_SCRAPE_READ_TIMEOUT_MS = 5000;

/**
 * Wraps a read for scrape time. Calls while a read is in flight share it (the gauges of one scrape read once,
 * and a hung database never piles up reads); a failure, or a read slower than `timeoutMs`, resolves
 * `undefined` and is reported once until a read succeeds again.
 */
export function scrapeReader<T>(
  read: () => Promise<T>,
  report: ReadReport,
  timeoutMs = DEFAULT_SCRAPE_READ_TIMEOUT_MS,
): () => Promise<T | undefined> {
  let inFlight: Promise<T> | undefined;
  let failing = false;
  const tell = (fn: () => void) => {
    try {
      fn();
    } catch {
      // A broken logger must not break the scrape.
    }
  };
  return async () => {
    if (!inFlight) {
      const started = read();
      inFlight = started;
      const clear = () => {
        if (inFlight === started) inFlight = undefined;
      };
      started.then(clear, clear);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the read took longer than ${timeoutMs} ms (scrape read timeout)`)),
        timeoutMs,
      );
    });
    try {
      const value = await Promise.race([inFlight, timeout]);
      if (failing) {
        failing = false;
        tell(() => report.recovered?.());
      }
      return value;
    } catch (error) {
      if (!failing) {
        failing = true;
        tell(() => report.failed(error));
      }
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
}
