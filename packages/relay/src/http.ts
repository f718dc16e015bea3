import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { SlotStall } from './types.ts';

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

export interface HttpHandlers {
  registry: Registry;
  beforeScrape: () => Promise<void>;
  health: () => boolean;
  readiness: () => { ready: boolean; relayId: string; slots: number[]; stalled: SlotStall[] };
}

/**
 * /metrics (Prometheus text), /healthz (process loops alive), /readyz (ready to publish: 503 before start, during
 * shutdown and while a slot is stalled; the JSON body names each stalled slot's event and error).
 */
export async function startHttpServer(port: number, handlers: HttpHandlers): Promise<HttpServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (path === '/metrics') {
      handlers
        .beforeScrape()
        .catch(() => {})
        .then(() => handlers.registry.metrics())
        .then((body) => send(200, handlers.registry.contentType, body))
        .catch((error: Error) => send(500, 'text/plain', error.message));
    } else if (path === '/healthz') {
      const ok = handlers.health();
      send(ok ? 200 : 503, 'application/json', JSON.stringify({ ok }));
    } else if (path === '/readyz') {
      const state = handlers.readiness();
      send(state.ready ? 200 : 503, 'application/json', JSON.stringify(state));
    } else {
      send(404, 'text/plain', 'not found: try /metrics, /healthz or /readyz\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
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
