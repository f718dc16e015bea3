// OpenTelemetry for the example's processes, loaded before the process's own code:
//   node --import ./src/tracing.ts src/api.ts        (the launcher does it for api, workers and relay)
// Spans go to one JSON-lines file per process, <ORDER_SERVICE_TRACE_DIR>/<OTEL_SERVICE_NAME>.jsonl, so one
// trace can be followed across the three processes: the api's request span, the traceparent the outbox
// stores on the event row, the relay's publish, and the handler's span in the workers.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportResult } from '@opentelemetry/core';
import {
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';

const dir = process.env['ORDER_SERVICE_TRACE_DIR'];
const service = process.env['OTEL_SERVICE_NAME'] ?? 'order-service';

/** One line per span: the fields needed to rebuild a trace (ids, parent, links, timing, attributes). */
class JsonLinesFileExporter implements SpanExporter {
  readonly #file: string;
  constructor(file: string) {
    this.#file = file;
  }
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const lines = spans.map((span) => {
      const ctx = span.spanContext();
      return JSON.stringify({
        service,
        traceId: ctx.traceId,
        spanId: ctx.spanId,
        parentSpanId: span.parentSpanContext?.spanId,
        name: span.name,
        kind: span.kind,
        startUnixMs: span.startTime[0] * 1000 + span.startTime[1] / 1e6,
        durationMs: span.duration[0] * 1000 + span.duration[1] / 1e6,
        status: span.status.code,
        attributes: span.attributes,
        links: span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })),
      });
    });
    try {
      appendFileSync(this.#file, `${lines.join('\n')}\n`);
      done({ code: 0 });
    } catch (error) {
      done({ code: 1, error: error as Error });
    }
  }
  async shutdown(): Promise<void> {}
}

if (dir) {
  mkdirSync(dir, { recursive: true });
  const provider = new NodeTracerProvider({
    spanProcessors: [
      // Each span is written when it ends (the exporter appends synchronously): a process stopped or killed
      // right after a span loses nothing that a batch would still have held.
      new SimpleSpanProcessor(new JsonLinesFileExporter(join(dir, `${service}.jsonl`))),
    ],
  });
  provider.register();
  // Flush on the way out: the processes exit through process.exit after a graceful stop.
  process.once('exit', () => void provider.forceFlush());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.prependListener(signal, () => void provider.forceFlush());
  }
}
