// The operator console: one page (public/index.html + app.js, no build step) over a JSON API, and /metrics.
// node:http is enough for a dozen routes; the actions go through the packages' own admin functions
// (listDlq / redriveDlq / purgeDlq, createJobsAdmin), never SQL of their own. The live tail and the status
// history start with the first request that needs them: a console nobody looks at reads nothing.

import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeKafkaAccess } from '@commercebridge/config';
import {
  type DlqEntry,
  listDlq,
  purgeDlq,
  type RedriveOutbox,
  redriveDlq,
  type WireDecoder,
} from '@commercebridge/consumers';
import { createJobsAdmin, JOB_STATUSES, type JobStatus } from '@commercebridge/modules';
import { createOutbox } from '@commercebridge/outbox';
import { catalog as builtinCatalog, createWireCodec } from '@commercebridge/schemas';
import { ConsoleError } from './errors.ts';
import { createStatusHistory } from './history.ts';
import { dlqTarget } from './kafka.ts';
import { createStatusMetrics } from './metrics.ts';
import { type ResolvedConsoleOptions, resolveConsoleOptions } from './options.ts';
import { redact } from './redact.ts';
import { tablesPresent } from './sql/tablesPresent.ts';
import { readResolvedStatus } from './status.ts';
import { createTail, type Tail } from './tail.ts';
import type { Console, ConsoleOptions, Status } from './types.ts';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};
/** The page loads only its own script and style, and talks only to this server. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MAX_BODY_BYTES = 256 * 1024;
const MAX_IDS = 10_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const badRequest = (message: string) => new HttpError(400, message);

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown) =>
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));

async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const type = request.headers['content-type'] ?? '';
  // A JSON content type cannot be sent cross-site without a CORS preflight, which this server never grants.
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'send the body as application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('the body must be a JSON object');
  return body as Record<string, unknown>;
}

function idsOf(body: Record<string, unknown>): string[] {
  const ids = body['ids'];
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > MAX_IDS ||
    ids.some((id) => typeof id !== 'string' || !id)
  ) {
    throw badRequest(`"ids" must be a non-empty list of at most ${MAX_IDS} ids`);
  }
  return ids as string[];
}

function dlqTopicOf(value: unknown, where: string): string {
  if (typeof value !== 'string' || !value.endsWith('.dlq')) {
    throw badRequest(`${where} must be a DLQ topic ending in ".dlq"`);
  }
  return value;
}

/** A DLQ entry for the page: everything but the raw value bytes (their size instead). */
function entryView(entry: DlqEntry) {
  const { value, ...rest } = entry;
  return { ...rest, valueBytes: value === null ? null : value.length };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Actions: refused in read-only mode; with a token, only with `authorization: Bearer <token>`. */
function authorize(request: IncomingMessage, o: ResolvedConsoleOptions): void {
  if (o.readOnly) throw new HttpError(403, 'the console runs read-only: actions are turned off');
  if (o.token === undefined) return;
  const header = request.headers.authorization ?? '';
  const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first wrong character.
  if (given === '' || !timingSafeEqual(digest(given), digest(o.token))) {
    throw new HttpError(401, 'a valid console token is required for actions (authorization: Bearer <token>)');
  }
}

function hostAllowed(request: IncomingMessage, o: ResolvedConsoleOptions, port: number): boolean {
  // Bound to loopback, only loopback names may address it: a page on another site that rebinds its DNS name
  // to 127.0.0.1 sends its own name as Host and is refused.
  if (!LOOPBACK.has(o.host)) return true;
  const host = request.headers.host ?? '';
  const allowed = ['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`);
  return allowed.includes(host.toLowerCase());
}

export function createConsole(options: ConsoleOptions): Console {
  const o = resolveConsoleOptions(options);
  const metrics = createStatusMetrics();
  const jobsAdmin = createJobsAdmin({ pool: o.pool, schema: o.schema });
  const catalog = options.catalog ?? builtinCatalog;
  // One codec for redrive and the tail: the wire format the catalog's topics carry.
  let wireCodec: WireDecoder | undefined;
  const codec = () => {
    wireCodec ??=
      options.codec ??
      (options.registryUrl
        ? createWireCodec(catalog, { mode: 'registry', url: options.registryUrl })
        : createWireCodec(catalog, { mode: 'headers' }));
    return wireCodec;
  };
  let redrive: { outbox: RedriveOutbox; codec: WireDecoder } | undefined;
  const redriveTools = () => {
    redrive ??= {
      outbox: createOutbox({ catalog, schema: o.schema }) as unknown as RedriveOutbox,
      codec: codec(),
    };
    return redrive;
  };
  const history = createStatusHistory();
  // One status read at a time: a page polling and a Prometheus scrape arriving together share it. Each read
  // is a candidate sample of the history.
  let reading: Promise<Status> | undefined;
  const status = () => {
    reading ??= readResolvedStatus(o)
      .then((read) => {
        history.record(read);
        return read;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  let tail: Tail | undefined;
  const catalogTopics = Object.values(catalog.events).map((entry) => entry.topic);
  const requireJobsTable = async () => {
    if (!(await tablesPresent(o.pool, o.schema, ['module_jobs'])).has('module_jobs')) {
      throw new HttpError(404, `schema "${o.schema}" has no jobs table: the queue module is not installed`);
    }
  };

  async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const path = url.pathname;
    if (path === '/api/config' && method === 'GET') {
      sendJson(response, 200, {
        readOnly: o.readOnly,
        tokenRequired: o.token !== undefined,
        schema: o.schema,
      });
      return;
    }
    if (method === 'POST' && path.startsWith('/api/')) authorize(request, o);
    const asset = STATIC_FILES[path];
    if (asset && method === 'GET') {
      send(response, 200, asset.type, await readFile(join(publicDir, asset.file)));
      return;
    }
    if (path === '/metrics' && method === 'GET') {
      metrics.update(await status());
      send(response, 200, metrics.registry.contentType, await metrics.registry.metrics());
      return;
    }
    if (path === '/api/status' && method === 'GET') {
      sendJson(response, 200, await status());
      return;
    }
    if (path === '/api/history' && method === 'GET') {
      sendJson(response, 200, history.view());
      return;
    }
    if (path === '/api/tail' && method === 'GET') {
      const afterParam = url.searchParams.get('after') ?? '0';
      const after = Number(afterParam);
      if (!/^\d+$/.test(afterParam) || !Number.isSafeInteger(after)) {
        throw badRequest('"after" must be a tail position (an integer from 0)');
      }
      if (!o.tail) {
        sendJson(response, 200, {
          state: 'off',
          since: null,
          topics: [],
          missingTopics: [],
          last: 0,
          events: [],
        });
        return;
      }
      tail ??= createTail({
        kafka: o.kafka,
        topics: catalogTopics,
        codec,
        ...(o.logger ? { logger: o.logger } : {}),
      });
      sendJson(response, 200, await tail.read(after));
      return;
    }
    if (path === '/api/dlq' && method === 'GET') {
      const topic = dlqTopicOf(url.searchParams.get('topic') ?? undefined, 'the "topic" parameter');
      const entries = await listDlq({
        ...dlqTarget(o.kafka, o.logger),
        topic,
        pool: o.pool,
        schema: o.schema,
      });
      sendJson(response, 200, { topic, entries: entries.map(entryView) });
      return;
    }
    if (path === '/api/dlq/redrive' && method === 'POST') {
      const body = await readJsonBody(request);
      const topic = dlqTopicOf(body['topic'], '"topic"');
      const ids = idsOf(body);
      const result = await redriveDlq({
        ...dlqTarget(o.kafka, o.logger),
        topic,
        pool: o.pool,
        ...redriveTools(),
        filter: { ids },
      });
      sendJson(response, 200, {
        redriven: result.redriven.map((e) => e.id),
        alreadyRedriven: result.alreadyRedriven.map((e) => e.id),
        notRedrivable: result.notRedrivable.map((n) => ({ id: n.entry.id, reason: n.reason })),
      });
      return;
    }
    if (path === '/api/dlq/purge' && method === 'POST') {
      const body = await readJsonBody(request);
      const topic = dlqTopicOf(body['topic'], '"topic"');
      // Always with ids: purgeDlq without a filter deletes the whole topic, which the console never offers.
      const ids = idsOf(body);
      const purged = await purgeDlq({
        ...dlqTarget(o.kafka, o.logger),
        topic,
        pool: o.pool,
        schema: o.schema,
        filter: { ids },
      });
      sendJson(response, 200, { purged });
      return;
    }
    if (path === '/api/jobs' && method === 'GET') {
      await requireJobsTable();
      const filter: { queue?: string; status?: JobStatus; limit: number } = { limit: 100 };
      const queue = url.searchParams.get('queue');
      if (queue) filter.queue = queue;
      const statusParam = url.searchParams.get('status');
      if (statusParam) {
        if (!(JOB_STATUSES as readonly string[]).includes(statusParam)) {
          throw badRequest(`"status" must be one of ${JOB_STATUSES.join(', ')}`);
        }
        filter.status = statusParam as JobStatus;
      }
      const limit = url.searchParams.get('limit');
      if (limit) {
        const n = Number(limit);
        if (!Number.isInteger(n) || n < 1 || n > 1000)
          throw badRequest('"limit" must be an integer from 1 to 1000');
        filter.limit = n;
      }
      sendJson(response, 200, { jobs: await jobsAdmin.list(filter) });
      return;
    }
    if ((path === '/api/jobs/retry' || path === '/api/jobs/cancel') && method === 'POST') {
      const ids = idsOf(await readJsonBody(request));
      await requireJobsTable();
      const changed = path.endsWith('/retry') ? await jobsAdmin.retry(ids) : await jobsAdmin.cancel(ids);
      sendJson(response, 200, { changed });
      return;
    }
    if (path === '/favicon.ico' && method === 'GET') {
      response.writeHead(204).end();
      return;
    }
    if (path === '/healthz' && method === 'GET') {
      sendJson(response, 200, { ok: true });
      return;
    }
    const known = Object.keys(STATIC_FILES).includes(path) || path.startsWith('/api/') || path === '/metrics';
    throw new HttpError(
      known ? 405 : 404,
      known ? `${method} is not allowed on ${path}` : `not found: ${path}`,
    );
  }

  let server: Server | undefined;
  let port = 0;

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (!hostAllowed(request, o, port)) {
      sendJson(response, 421, { error: 'this console answers only to 127.0.0.1, localhost or [::1]' });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    route(request, response, url).catch((error: unknown) => {
      const status =
        error instanceof HttpError
          ? error.status
          : (error instanceof ConsoleError && error.code === 'CONSOLE_BAD_REQUEST') ||
              /(_INVALID_OPTION|^CONFIG_INVALID)$/.test(
                String((error as { code?: unknown } | null)?.code ?? ''),
              )
            ? 400
            : 500;
      const message = redact(error instanceof Error ? error.message : String(error));
      if (!response.headersSent) sendJson(response, status, { error: message });
      else response.destroy();
    });
  }

  return {
    async start() {
      if (server) throw new ConsoleError('CONSOLE_INVALID_OPTION', '/console is already started');
      // A wrong password, an untrusted CA or (with actions) a principal that may not write fails the start with
      // KafkaAccessError, instead of a console whose every section shows the same error.
      await probeKafkaAccess(o.kafka, { write: !o.readOnly });
      const created = createServer(handle);
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(o.port, o.host, () => {
          created.off('error', reject);
          resolve();
        });
      });
      server = created;
      port = (created.address() as AddressInfo).port;
      const host = o.host.includes(':') ? `[${o.host}]` : o.host;
      const url = `http://${host}:${port}/`;
      o.logger?.info({ url, readOnly: o.readOnly }, 'console.listening');
      return { url };
    },
    async stop() {
      const closing = server;
      server = undefined;
      if (!closing) return;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
      const tailing = tail;
      tail = undefined;
      await tailing?.stop();
      await reading?.catch(() => {});
    },
  };
}
