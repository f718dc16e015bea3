import {
  type Context,
  context,
  type Link,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * Parses a W3C traceparent. Done here rather than through `propagation.extract` because without an SDK the
 * global propagator is a no-op, and the link to the producer should exist whenever a tracer is installed.
 */
export function parseTraceparent(value: string | undefined): SpanContext | undefined {
  if (!value) return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (!match || match[1] === 'ff') return undefined;
  const traceId = match[2]!;
  const spanId = match[3]!;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, traceFlags: Number.parseInt(match[4]!, 16) & TraceFlags.SAMPLED, isRemote: true };
}

export function formatTraceparent(span: SpanContext): string {
  return `00-${span.traceId}-${span.spanId}-0${span.traceFlags & TraceFlags.SAMPLED}`;
}

export interface HandlerSpanFacts {
  type: string;
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  eventId: string;
  producer: SpanContext | undefined;
  attempt: number;
}

/** One CONSUMER span per handler run, linked (not parented) to the producer's span, per OTel messaging. */
export function startHandlerSpan(tracer: Tracer, facts: HandlerSpanFacts): { span: Span; ctx: Context } {
  const links: Link[] = facts.producer ? [{ context: facts.producer }] : [];
  const span = tracer.startSpan(`process ${facts.type}`, {
    kind: SpanKind.CONSUMER,
    links,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': facts.topic,
      'messaging.destination.partition.id': String(facts.partition),
      'messaging.kafka.offset': Number(facts.offset),
      'messaging.consumer.group.name': facts.groupId,
      'messaging.message.id': facts.eventId,
      'commercebridge.event_type': facts.type,
      'commercebridge.attempt': facts.attempt,
    },
  });
  return { span, ctx: trace.setSpan(context.active(), span) };
}

export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
  }
  span.end();
}

export function traceparentFor(span: Span, producer: SpanContext | undefined): string | undefined {
  const own = span.spanContext();
  if (trace.isSpanContextValid(own)) return formatTraceparent(own);
  return producer ? formatTraceparent(producer) : undefined;
}
