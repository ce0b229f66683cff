import { ProxyTracerProvider, trace } from '@opentelemetry/api';

/**
 * Whether a tracer provider is registered now (./tracing.ts). Until one is, every span is OpenTelemetry's no-op, yet
 * making the no-op root span of a request, its context and its close listener, and the GraphQL phases' spans, cost
 * `{ __typename }` about a tenth of its throughput: the request's own steps skip them then. Asked per request, so that
 * registering (or disabling) tracing later takes effect at once, as bench/tracing-overhead.ts does.
 */
export function tracingRegistered(): boolean {
  const provider = trace.getTracerProvider();
  // The API's global is a proxy; it has a delegate once a provider is registered.
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegateTracer('migration-warehouse') !== undefined;
}
