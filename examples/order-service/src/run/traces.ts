// Reading back the span files of the processes (src/tracing.ts) to show one trace across them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SpanLine {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startUnixMs: number;
  durationMs: number;
  links: Array<{ traceId: string; spanId: string }>;
}

export function readSpans(dir: string): SpanLine[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SpanLine),
    );
}

/** The spans of one trace, in start order. */
export function traceOf(spans: SpanLine[], traceId: string): SpanLine[] {
  return spans.filter((s) => s.traceId === traceId).sort((a, b) => a.startUnixMs - b.startUnixMs);
}
