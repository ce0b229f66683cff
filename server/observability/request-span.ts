import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tracingRegistered } from './tracing-registered.js';
import { REQUEST_SPANS, type RequestSpans } from '../../warehouse/tracing/request-spans.js';

/**
 * The root span of one GraphQL request: its parent is the caller's `traceparent` (W3C trace context) when it sends
 * one, and the response carries the request's own `traceparent`, so that a caller can find its trace. Placed after
 * body parsing: stream callbacks run outside the request's async context, so the span is made active only here.
 * Without a registered tracer the step only goes on (./tracing-registered.ts): no span, no header.
 */
export function requestSpan(route: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const tracer = trace.getTracer('migration-warehouse');
  return (req, res, next) => {
    if (!tracingRegistered()) return next();
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      `${req.method ?? 'GET'} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'http.route': route } },
      parent,
    );
    const spans: RequestSpans = { root: span };
    const active = trace.setSpan(parent, span).setValue(REQUEST_SPANS, spans);
    const outgoing: Record<string, string> = {};
    propagation.inject(active, outgoing);
    if (outgoing.traceparent) res.setHeader('traceparent', outgoing.traceparent);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    });
    context.with(active, next);
  };
}
