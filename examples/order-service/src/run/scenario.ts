// The scripted scenario of `./dev example`, over HTTP only (the checks at the end also read the job table):
//   alice       places an order: paid, confirmed, notified; her engagement job completes
//   (invalid)   an order with quantity 0: 400 naming /lines/0/quantity, nothing written
//   bob         places an order above the card limit: the payment fails, the order is cancelled (payment_failed)
//   carol       places an order and cancels it once confirmed (refund); a second cancel with the old version: 409
//   flaky-dave  his engagement job fails twice (scoring service timeouts) and completes on the third attempt
//   poison-erin her engagement job fails every attempt and is dead-lettered
import { randomBytes } from 'node:crypto';
import { createJobsAdmin, type JobRecord } from '@commercebridge/modules';
import pg from 'pg';
import type { HistoryEntry, LineInput, OrderStatus } from '../order.ts';
import { openEventStream, request, type StreamedNotification, waitUntil } from './http.ts';

export interface ScenarioOptions {
  apiUrl: string;
  databaseUrl: string;
  schema: string;
  say(line: string): void;
  /** Runs after the orders are placed and before the scenario waits for their outcome (crash tests kill here). */
  afterOrdersPlaced?: () => Promise<void>;
}

export interface OrderOutcome {
  user: string;
  customerId: string;
  orderId: string;
  status: OrderStatus;
  history: HistoryEntry[];
  notifications: StreamedNotification[];
  job: JobRecord | undefined;
  /** The trace of the POST /orders request (x-trace-id), when the api has an OpenTelemetry SDK. */
  traceId: string | undefined;
}

export interface ScenarioResult {
  run: string;
  rejected: { status: number; field: string | undefined; message: string };
  staleCancel: { status: number; code: string | undefined };
  orders: Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin', OrderOutcome>;
}

const beans: LineInput = { sku: 'BEANS-1KG', name: 'Coffee beans 1 kg', quantity: 2, unitPriceCents: 1899 };
const grinder: LineInput = { sku: 'GRINDER', name: 'Burr grinder', quantity: 1, unitPriceCents: 8900 };
const machine: LineInput = {
  sku: 'ESPRESSO-PRO',
  name: 'Espresso machine',
  quantity: 1,
  unitPriceCents: 129_900,
};

/** The final status, and the notification types, each order must reach. */
export const EXPECTED = {
  alice: { status: 'confirmed', notifications: ['order.confirmed'], job: 'completed' },
  bob: { status: 'cancelled', notifications: ['order.cancelled'], job: undefined },
  carol: { status: 'cancelled', notifications: ['order.confirmed', 'order.cancelled'], job: 'completed' },
  dave: { status: 'confirmed', notifications: ['order.confirmed'], job: 'completed' },
  erin: { status: 'confirmed', notifications: ['order.confirmed'], job: 'dead' },
} as const;

type User = keyof typeof EXPECTED;

export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const { apiUrl: api, say } = options;
  const run = randomBytes(3).toString('hex');
  const customers: Record<User, string> = {
    alice: `alice-${run}`,
    bob: `bob-${run}`,
    carol: `carol-${run}`,
    dave: `flaky-dave-${run}`,
    erin: `poison-erin-${run}`,
  };
  const users = Object.keys(customers) as User[];
  const streams = Object.fromEntries(users.map((u) => [u, openEventStream(api, customers[u])])) as Record<
    User,
    ReturnType<typeof openEventStream>
  >;
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  const jobs = createJobsAdmin({ pool, schema: options.schema });
  try {
    await Promise.all(users.map((u) => streams[u].ready));
    say(`run ${run}: ${users.length} customers listening on /notifications/stream`);

    // Bad input: 400 naming the field; nothing is written.
    const rejected = await request<{ error: { field?: string; message: string } }>(api, 'POST', '/orders', {
      customerId: customers.alice,
      lines: [{ ...beans, quantity: 0 }],
    });
    say(
      `POST /orders with quantity 0 -> ${rejected.status} ${rejected.body.error.field}: ${rejected.body.error.message}`,
    );

    const lines: Record<User, LineInput[]> = {
      alice: [beans, grinder],
      bob: [machine],
      carol: [grinder],
      dave: [beans],
      erin: [beans],
    };
    const orderIds = {} as Record<User, string>;
    const traceIds = {} as Record<User, string | undefined>;
    for (const u of users) {
      const placed = await request<{ orderId: string; totalCents: number }>(api, 'POST', '/orders', {
        customerId: customers[u],
        lines: lines[u],
      });
      if (placed.status !== 201)
        throw new Error(`POST /orders for ${u}: HTTP ${placed.status} ${JSON.stringify(placed.body)}`);
      orderIds[u] = placed.body.orderId;
      traceIds[u] = placed.headers.get('x-trace-id') ?? undefined;
      say(
        `POST /orders (${customers[u]}, ${(placed.body.totalCents / 100).toFixed(2)} EUR) -> 201 ${placed.body.orderId}`,
      );
    }
    await options.afterOrdersPlaced?.();

    const getOrder = async (u: User) =>
      (
        await request<{ status: OrderStatus; version: number; history: HistoryEntry[] }>(
          api,
          'GET',
          `/orders/${orderIds[u]}`,
        )
      ).body;

    // Carol cancels once her order is confirmed (it was paid: the cancellation refunds it).
    const confirmed = await waitUntil(async () => {
      const order = await getOrder('carol');
      return order.status === 'confirmed' ? order : undefined;
    }, `carol's order ${orderIds.carol} to be confirmed`);
    const cancel = await request<{ status: string; version: number }>(
      api,
      'POST',
      `/orders/${orderIds.carol}/cancel`,
      {
        expectedVersion: confirmed.version,
        note: 'changed my mind',
      },
    );
    say(
      `POST /orders/${orderIds.carol}/cancel (expectedVersion ${confirmed.version}) -> ${cancel.status} ${cancel.body.status}`,
    );
    const stale = await request<{ error?: { code: string } }>(
      api,
      'POST',
      `/orders/${orderIds.carol}/cancel`,
      {
        expectedVersion: confirmed.version,
      },
    );
    say(
      `the same cancel again (expectedVersion ${confirmed.version}) -> ${stale.status} ${stale.body.error?.code}`,
    );

    // Every order reaches its final status, every customer hears of it, every job settles.
    const outcomes = {} as ScenarioResult['orders'];
    for (const u of users) {
      const expected = EXPECTED[u];
      const order = await waitUntil(async () => {
        const o = await getOrder(u);
        return o.status === expected.status ? o : undefined;
      }, `${u}'s order ${orderIds[u]} to be ${expected.status}`);
      const notifications = await waitUntil(
        () => {
          const mine = streams[u].received.filter((n) => n.data['orderId'] === orderIds[u]);
          return mine.length >= expected.notifications.length ? mine : undefined;
        },
        `${u}'s notifications ${expected.notifications.join(', ')}`,
      );
      const job = expected.job
        ? await waitUntil(async () => {
            const record = await jobs.status(`engagement-${orderIds[u]}`);
            return record?.status === expected.job ? record : undefined;
          }, `${u}'s engagement job to be ${expected.job}`)
        : await jobs.status(`engagement-${orderIds[u]}`);
      outcomes[u] = {
        user: u,
        customerId: customers[u],
        orderId: orderIds[u],
        status: order.status,
        history: order.history,
        notifications,
        job,
        traceId: traceIds[u],
      };
      const path = order.history.map((h) => (h.reason ? `${h.status} (${h.reason})` : h.status)).join(' -> ');
      say(`${customers[u]}: ${path}; told: ${notifications.map((n) => `"${n.title}"`).join(', ')}`);
      if (job) {
        const tries =
          job.status === 'dead'
            ? `dead-lettered after ${job.attempts} attempts (${job.lastError})`
            : `completed after ${job.attempts} failed attempts`;
        say(`  engagement.recalculate ${job.jobId}: ${tries}`);
      }
    }
    return {
      run,
      rejected: {
        status: rejected.status,
        field: rejected.body.error.field,
        message: rejected.body.error.message,
      },
      staleCancel: { status: stale.status, code: stale.body.error?.code },
      orders: outcomes,
    };
  } finally {
    for (const u of users) streams[u].close();
    await pool.end();
  }
}
