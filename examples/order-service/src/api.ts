// The api process (node:http): writes go through the order aggregate (stream append + outbox in one
// transaction); notifications reach browsers as server-sent events.
//   POST /orders                       {customerId, lines:[{sku,name,quantity,unitPriceCents}]} -> 201 | 400
//   GET  /orders/:id                   the order with its status history (folded from its stream)
//   POST /orders/:id/cancel            {expectedVersion?, note?} -> 200 | 404 | 409
//   GET  /notifications/stream?userId= text/event-stream of the user's notifications (and broadcasts)
//   GET  /healthz
// Run: `node src/api.ts --port 3000 [--app-schema order_service]` with DATABASE_URL and KAFKA_*.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createBridge, type Notification } from '@commercebridge/modules';
import { ConcurrencyError, OutboxError } from '@commercebridge/outbox';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import pg from 'pg';
import { createLogger } from './log.ts';
import { createOrders, type OrderState } from './order.ts';
import { readSettings } from './settings.ts';
import { checkCancel, checkPlaceOrder } from './validate.ts';

const settings = readSettings();
const port = Number(settings.flags['port'] ?? 3000);
const log = createLogger('order-service.api');
const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 16 });
pool.on('error', (error) => log.warn({ reason: error.message }, 'idle database connection lost'));
const orders = createOrders(settings);
const bridge = createBridge({
  pool,
  schema: settings.schema,
  env: settings.env,
  migrate: false,
  embeddedRelay: false, // the relay process (`commercebridge relay`) delivers the outbox
  logger: log,
});
const notifications = bridge.integrations.kafka.module_notifications;

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new HttpError(413, 'TOO_LARGE', 'the body is larger than 1 MB');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'the body is not valid JSON', '/');
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const view = (order: OrderState) => ({
  orderId: order.orderId,
  customerId: order.customerId,
  status: order.status,
  total: { currencyCode: 'EUR', amount: (order.totalCents / 100).toFixed(2) },
  version: order.version,
  history: order.history,
});

// --- server-sent events: one notifications subscription per api instance, fanned out to its streams.
const streams = new Map<string, Set<ServerResponse>>();
let subscription: { stop(): Promise<void> } | undefined;

function deliver(notification: Notification) {
  const targets = notification.broadcast
    ? [...streams.values()].flatMap((set) => [...set])
    : [...(streams.get(notification.userId) ?? [])];
  const frame = `id: ${notification.notificationId}\nevent: notification\ndata: ${JSON.stringify(notification)}\n\n`;
  for (const res of targets) res.write(frame);
}

function openStream(req: IncomingMessage, res: ServerResponse, userId: string) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const set = streams.get(userId) ?? new Set<ServerResponse>();
  set.add(res);
  streams.set(userId, set);
  // Everything published from now on reaches this stream (the subscription was in place before listening).
  res.write(`event: ready\ndata: ${JSON.stringify({ userId })}\n\n`);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    set.delete(res);
    if (set.size === 0) streams.delete(userId);
  });
}

// --- routes
async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const parts = url.pathname.split('/').filter(Boolean);
  const method = req.method ?? 'GET';

  if (method === 'GET' && url.pathname === '/healthz') return send(res, 200, { ok: true });

  if (method === 'POST' && url.pathname === '/orders') {
    const checked = checkPlaceOrder(await readJson(req));
    if (!checked.ok) throw new HttpError(400, 'INVALID_INPUT', checked.message, checked.field);
    const orderId = `ord-${randomUUID()}`;
    const correlationId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    const placed = await inTransaction((client) =>
      orders.place(client, { orderId, ...checked.value }, { correlationId }),
    );
    const active = trace.getActiveSpan()?.spanContext();
    const traceId = active && trace.isSpanContextValid(active) ? active.traceId : undefined;
    return send(
      res,
      201,
      { orderId, status: 'placed', version: placed.version, totalCents: placed.totalCents },
      { location: `/orders/${orderId}`, ...(traceId ? { 'x-trace-id': traceId } : {}) },
    );
  }

  if (parts[0] === 'orders' && parts.length === 2 && method === 'GET') {
    const order = await orders.load(pool, parts[1]!);
    if (!order) throw new HttpError(404, 'NOT_FOUND', `order ${parts[1]} does not exist`);
    return send(res, 200, view(order));
  }

  if (parts[0] === 'orders' && parts.length === 3 && parts[2] === 'cancel' && method === 'POST') {
    const checked = checkCancel(await readJson(req));
    if (!checked.ok) throw new HttpError(400, 'INVALID_INPUT', checked.message, checked.field);
    const orderId = parts[1]!;
    const cancelled = await inTransaction(async (client) => {
      const order = await orders.load(client, orderId);
      if (!order) throw new HttpError(404, 'NOT_FOUND', `order ${orderId} does not exist`);
      if (checked.value.expectedVersion !== undefined && checked.value.expectedVersion !== order.version) {
        throw new HttpError(
          409,
          'VERSION_MISMATCH',
          `order ${orderId} is at version ${order.version}, not ${checked.value.expectedVersion}: read it again`,
          '/expectedVersion',
        );
      }
      if (order.status === 'cancelled')
        throw new HttpError(409, 'ALREADY_CANCELLED', `order ${orderId} is already cancelled`);
      await orders.cancel(client, order, {
        reason: 'customer_request',
        ...(checked.value.note !== undefined ? { note: checked.value.note } : {}),
      });
      return orders.load(client, orderId);
    });
    return send(res, 200, view(cancelled!));
  }

  if (method === 'GET' && url.pathname === '/notifications/stream') {
    const userId = url.searchParams.get('userId') ?? '';
    if (userId.trim() === '')
      throw new HttpError(
        400,
        'INVALID_INPUT',
        'userId is required: /notifications/stream?userId=alice',
        '?userId',
      );
    return openStream(req, res, userId);
  }

  throw new HttpError(404, 'NOT_FOUND', `no route ${method} ${url.pathname}`);
}

const tracer = trace.getTracer('order-service.api');

/** The route's name for its span: ids replaced, so that spans of one route share a name. */
const routeOf = (method: string, path: string) =>
  `${method} ${path.replace(/^\/orders\/[^/]+/, '/orders/:id')}`;

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  // A SERVER span per request (not for the long-lived event streams): the outbox stores its traceparent on
  // the event rows the request writes, and the relay and the handlers continue that trace.
  const traced = path !== '/notifications/stream' && path !== '/healthz';
  const span = traced
    ? tracer.startSpan(routeOf(req.method ?? 'GET', path), {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path },
      })
    : undefined;
  res.on('finish', () => {
    if (!span) return;
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  const handle = () => route(req, res);
  (span ? context.with(trace.setSpan(context.active(), span), handle) : handle()).catch((error: unknown) => {
    if (res.headersSent) return void res.end();
    if (error instanceof HttpError) {
      return send(res, error.status, {
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
      });
    }
    // Two writers raced on one order (a cancel and the payment): the client reads it again and decides.
    if (error instanceof ConcurrencyError) {
      return send(res, 409, { error: { code: error.code, message: error.message } });
    }
    if (error instanceof OutboxError && error.code === 'OUTBOX_INVALID_PAYLOAD') {
      return send(res, 400, { error: { code: error.code, message: error.message } });
    }
    log.warn({ method: req.method, url: req.url, reason: (error as Error).message }, 'request failed');
    send(res, 500, { error: { code: 'INTERNAL', message: 'the request failed; see the api log' } });
  });
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  void (async () => {
    log.info({ signal }, 'api stopping');
    for (const set of streams.values()) for (const res of set) res.end();
    server.close();
    server.closeAllConnections();
    await subscription?.stop();
    await bridge.stop();
    await pool.end();
    process.exit(0);
  })();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

await bridge.start();
subscription = await notifications.subscribe({}, deliver, {
  onError: (error) => log.warn({ reason: String(error) }, 'a notification could not be delivered'),
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  log.info({ url: `http://127.0.0.1:${actual}`, pid: process.pid }, 'api listening');
});
