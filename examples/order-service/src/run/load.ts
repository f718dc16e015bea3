// `--load N`: N orders per second for a duration, each customer listening on its notification stream;
// throughput and the latency from the HTTP 201 to the order.confirmed notification on the stream.
import { randomBytes } from 'node:crypto';
import { openEventStream, request } from './http.ts';

export interface LoadResult {
  rate: number;
  durationMs: number;
  sent: number;
  accepted: number;
  failed: number;
  notified: number;
  /** Accepted orders per second while sending. */
  acceptedPerSecond: number;
  /** Notifications per second, from the first request to the last notification. */
  notifiedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function runLoad(options: {
  apiUrl: string;
  rate: number;
  durationMs?: number;
  /** How long to wait for the last notifications after sending stopped. (Default: 60000) */
  drainMs?: number;
  customers?: number;
  say(line: string): void;
}): Promise<LoadResult> {
  const { apiUrl: api, rate, say } = options;
  const durationMs = options.durationMs ?? 30_000;
  const run = randomBytes(3).toString('hex');
  const customers = Array.from({ length: options.customers ?? 20 }, (_, i) => `load-${run}-${i}`);
  const acceptedAt = new Map<string, number>();
  const latencies: number[] = [];
  let lastNotification = 0;
  const streams = customers.map((c) => {
    const stream = openEventStream(api, c);
    stream.onNotification = (n) => {
      const orderId = String(n.data['orderId'] ?? '');
      const t = acceptedAt.get(orderId);
      if (n.type !== 'order.confirmed' || t === undefined) return;
      acceptedAt.delete(orderId);
      latencies.push(n.receivedAt - t);
      lastNotification = n.receivedAt;
    };
    return stream;
  });
  await Promise.all(streams.map((s) => s.ready));
  say(`load: ${rate} orders/s for ${durationMs / 1000} s over ${customers.length} customers`);

  let sent = 0;
  let accepted = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  const place = async (customerId: string) => {
    try {
      const reply = await request<{ orderId: string }>(api, 'POST', '/orders', {
        customerId,
        lines: [{ sku: 'BEANS-1KG', name: 'Coffee beans 1 kg', quantity: 1, unitPriceCents: 1899 }],
      });
      if (reply.status === 201) {
        accepted += 1;
        acceptedAt.set(reply.body.orderId, Date.now());
      } else failed += 1;
    } catch {
      failed += 1;
    }
  };
  // An open loop: requests leave on schedule whether or not earlier ones have been answered.
  while (Date.now() - started < durationMs) {
    const due = Math.min(
      Math.floor(((Date.now() - started) / 1000) * rate),
      Math.floor((durationMs / 1000) * rate),
    );
    while (sent < due) {
      const task = place(customers[sent % customers.length]!).finally(() => inFlight.delete(task));
      inFlight.add(task);
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const total = Math.floor((durationMs / 1000) * rate);
  while (sent < total) {
    const task = place(customers[sent % customers.length]!).finally(() => inFlight.delete(task));
    inFlight.add(task);
    sent += 1;
  }
  const sendingEnded = Date.now();
  await Promise.all(inFlight);
  const drainDeadline = Date.now() + (options.drainMs ?? 60_000);
  while (acceptedAt.size > 0 && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 100));
  for (const s of streams) s.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    rate,
    durationMs,
    sent,
    accepted,
    failed,
    notified: latencies.length,
    acceptedPerSecond: accepted / ((sendingEnded - started) / 1000),
    notifiedPerSecond: latencies.length / (((lastNotification || Date.now()) - started) / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}
