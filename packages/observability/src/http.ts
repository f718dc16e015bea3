// The small HTTP server of a component's operator endpoints: /metrics (Prometheus text), /healthz (liveness: the
// component's loops are alive), /readyz (readiness, with a JSON body saying what it is ready with).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpServer {
  /** The port listened on (the one picked when 0 was asked for). */
  readonly port: number;
  close(): Promise<void>;
}

/** The part of a prom-client Registry the server uses. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export interface HttpHandlers {
  registry: MetricsSource;
  /** /healthz: 200 when `ok`, else 503; the object is the JSON body. */
  health: () => { ok: boolean } & Record<string, unknown>;
  /** /readyz: 200 when `ready`, else 503; the object is the JSON body. */
  readiness: () => { ready: boolean } & Record<string, unknown>;
}

export interface HttpServerOptions {
  /** (Default: '0.0.0.0') */
  host?: string;
}

/** Listens on `port` (0: a free port) and resolves once listening. */
export async function startHttpServer(
  port: number,
  handlers: HttpHandlers,
  options: HttpServerOptions = {},
): Promise<HttpServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    const json = (state: Record<string, unknown>, ok: boolean) =>
      send(ok ? 200 : 503, 'application/json', JSON.stringify(state));
    try {
      if (path === '/metrics') {
        handlers.registry
          .metrics()
          .then((body) => send(200, handlers.registry.contentType, body))
          .catch((error: Error) => send(500, 'text/plain', `${error.message}\n`));
      } else if (path === '/healthz') {
        const state = handlers.health();
        json(state, state.ok);
      } else if (path === '/readyz') {
        const state = handlers.readiness();
        json(state, state.ready);
      } else {
        send(404, 'text/plain', 'not found: try /metrics, /healthz or /readyz\n');
      }
    } catch (error) {
      send(500, 'text/plain', `${(error as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
