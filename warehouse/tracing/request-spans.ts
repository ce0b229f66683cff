import { type Attributes, type Context, context, createContextKey, INVALID_SPAN_CONTEXT, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * Spans of the work one request does below the HTTP layer (SQL statements, disclosure control, cache look-ups),
 * through @opentelemetry/api only: without an SDK registered (OTEL_EXPORTER_OTLP_ENDPOINT unset) every call is the
 * API's no-op, so warehouse/ needs no setting and no import of server/.
 */
export const tracer = () => trace.getTracer('migration-warehouse');

/**
 * The request's root span and, while it runs, its GraphQL execution span. Apollo Server's plugins see execution start
 * and end but cannot make its span the active one for the resolvers, so the server leaves it here (in the request's
 * context) and spans started under the root become children of the execution instead.
 */
export interface RequestSpans {
  root: Span;
  execution?: Span;
}

export const REQUEST_SPANS = createContextKey('migration-warehouse request spans');

/** The context a new span's parent comes from: the active one, or the execution span when the root is active. */
function parentContext(): Context {
  const active = context.active();
  const spans = active.getValue(REQUEST_SPANS) as RequestSpans | undefined;
  if (spans?.execution && trace.getSpan(active) === spans.root) return trace.setSpan(active, spans.execution);
  return active;
}

/**
 * Starts a span as a child of the current request's work (parentContext); the caller ends it. Outside a request
 * (health probes, the cache's listener, loads) there is no parent and no span: work that is not a request's would
 * otherwise be a trace of its own.
 */
export function startRequestSpan(name: string, attributes?: Attributes): { span: Span; context: Context } {
  const parent = parentContext();
  if (!trace.getSpan(parent)) return { span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT), context: parent };
  const span = tracer().startSpan(name, { attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** Marks a span failed with the error's class (never its message, which may quote values). */
export function recordFailure(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
}

/** Runs async work in a span of its own, active for the work (so that its SQL statements nest under it). */
export async function inSpan<T>(name: string, attributes: Attributes | undefined, work: () => Promise<T>): Promise<T> {
  const { span, context: inner } = startRequestSpan(name, attributes);
  try {
    return await context.with(inner, work);
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Runs synchronous work in a span of its own (given to it, for attributes known only at the end). */
export function inSpanSync<T>(name: string, attributes: Attributes | undefined, work: (span: Span) => T): T {
  const { span, context: inner } = startRequestSpan(name, attributes);
  try {
    return context.with(inner, () => work(span));
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}
