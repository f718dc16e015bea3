import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { METRICS, type MetricDefinition, scrapedGauge, scrapeReader } from '../src/index.ts';

const jobs = METRICS.queueJobs;

function reporter() {
  const calls: string[] = [];
  return {
    calls,
    report: {
      failed: (error: unknown) => calls.push(`failed: ${(error as Error).message}`),
      recovered: () => calls.push('recovered'),
    },
  };
}

const samples = (text: string, name: string) =>
  text.split('\n').filter((line) => line.startsWith(`${name}{`));

describe('scraped gauges', () => {
  it('are read at each scrape: values change without anyone setting them', async () => {
    const registry = new Registry();
    let pending = 3;
    scrapedGauge(registry, jobs).add(async () => [[{ queue: 'default', status: 'pending' }, pending]]);
    expect(samples(await registry.metrics(), jobs.name)).toEqual([
      'commercebridge_queue_jobs{queue="default",status="pending"} 3',
    ]);
    pending = 0;
    expect(samples(await registry.metrics(), jobs.name)).toEqual([
      'commercebridge_queue_jobs{queue="default",status="pending"} 0',
    ]);
  });

  it('leave a failed read out of the scrape, report it once, and report the recovery once', async () => {
    const registry = new Registry();
    const other = new Counter({ name: 'other_total', help: 'another metric', registers: [registry] });
    other.inc(2);
    let fail = true;
    let reads = 0;
    const { calls, report } = reporter();
    const read = scrapeReader(async () => {
      reads += 1;
      if (fail) throw new Error('connection refused');
      return 5;
    }, report);
    scrapedGauge(registry, jobs).add(async () => {
      const n = await read();
      return n === undefined ? undefined : [[{ queue: 'q', status: 'dead' }, n]];
    });
    for (let i = 0; i < 3; i++) {
      const text = await registry.metrics();
      expect(samples(text, jobs.name)).toEqual([]);
      expect(text).toContain('other_total 2');
    }
    expect(calls).toEqual(['failed: connection refused']);
    fail = false;
    expect(samples(await registry.metrics(), jobs.name)).toEqual([
      'commercebridge_queue_jobs{queue="q",status="dead"} 5',
    ]);
    await registry.metrics();
    expect(calls).toEqual(['failed: connection refused', 'recovered']);
    fail = true;
    await registry.metrics();
    expect(calls).toEqual(['failed: connection refused', 'recovered', 'failed: connection refused']);
    expect(reads).toBe(6);
  });

  it('share one read between the gauges of one scrape', async () => {
    const registry = new Registry();
    let reads = 0;
    const read = scrapeReader(
      async () => {
        reads += 1;
        return [{ slot: 0, unpublished: 4, ageSeconds: 2.5 }];
      },
      { failed: () => {} },
    );
    scrapedGauge(registry, METRICS.outboxBacklog).add(async () =>
      (await read())?.map((row) => [{ slot: row.slot }, row.unpublished] as const),
    );
    scrapedGauge(registry, METRICS.outboxOldestAge).add(async () =>
      (await read())?.map((row) => [{ slot: row.slot }, row.ageSeconds] as const),
    );
    const text = await registry.metrics();
    expect(text).toContain('commercebridge_outbox_backlog{slot="0"} 4');
    expect(text).toContain('commercebridge_outbox_oldest_age_seconds{slot="0"} 2.5');
    expect(reads).toBe(1);
  });

  it('give up on a hung read after the timeout without starting a second one while it hangs', async () => {
    const registry = new Registry();
    let reads = 0;
    let finish: (n: number) => void = () => {};
    const { calls, report } = reporter();
    const read = scrapeReader(
      () => {
        reads += 1;
        return new Promise<number>((resolve) => {
          finish = resolve;
        });
      },
      report,
      20,
    );
    scrapedGauge(registry, jobs).add(async () => {
      const n = await read();
      return n === undefined ? undefined : [[{ queue: 'q', status: 'pending' }, n]];
    });
    expect(samples(await registry.metrics(), jobs.name)).toEqual([]);
    expect(samples(await registry.metrics(), jobs.name)).toEqual([]);
    expect(reads).toBe(1);
    expect(calls).toEqual(['failed: the read took longer than 20 ms (scrape read timeout)']);
    finish(1);
    await new Promise((resolve) => setImmediate(resolve));
    // The hung read settled: the next scrape reads again.
    const next = registry.metrics();
    finish(7);
    expect(samples(await next, jobs.name)).toEqual([
      'commercebridge_queue_jobs{queue="q",status="pending"} 7',
    ]);
    expect(reads).toBe(2);
  });

  it('show the samples of every source of a shared registry, and drop a removed source', async () => {
    const registry = new Registry();
    const lag = METRICS.consumerLag;
    const removeA = scrapedGauge(registry, lag).add(async () => [
      [{ group: 'a', topic: 't', partition: 0 }, 1],
    ]);
    scrapedGauge(registry, lag).add(async () => [[{ group: 'b', topic: 't', partition: 0 }, 2]]);
    expect(samples(await registry.metrics(), lag.name)).toEqual([
      'commercebridge_consumer_lag{group="a",topic="t",partition="0"} 1',
      'commercebridge_consumer_lag{group="b",topic="t",partition="0"} 2',
    ]);
    removeA();
    expect(samples(await registry.metrics(), lag.name)).toEqual([
      'commercebridge_consumer_lag{group="b",topic="t",partition="0"} 2',
    ]);
  });

  it('never break the scrape, even when a source itself throws', async () => {
    const registry = new Registry();
    scrapedGauge(registry, jobs).add(async () => {
      throw new Error('a bug in a source');
    });
    scrapedGauge(registry, jobs).add(async () => [[{ queue: 'q', status: 'completed' }, 9]]);
    expect(samples(await registry.metrics(), jobs.name)).toEqual([
      'commercebridge_queue_jobs{queue="q",status="completed"} 9',
    ]);
  });

  it('refuse a name registered by other means, naming it', () => {
    const registry = new Registry();
    const definition: MetricDefinition<'x'> = { name: 'taken_total', help: 'h', labelNames: ['x'] };
    new Counter({ name: 'taken_total', help: 'h', registers: [registry] });
    expect(() => scrapedGauge(registry, definition)).toThrow(/taken_total is already in this registry/);
  });
});

describe('METRICS', () => {
  it('are unique, Prometheus-valid names under the commercebridge_ prefix', () => {
    const names = Object.values(METRICS).map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^commercebridge_[a-z_]+$/);
  });
});
