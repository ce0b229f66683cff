import { resourceFromAttributes } from '@opentelemetry/resources';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

/** A registered tracer provider, to flush and stop at shutdown. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Registers OpenTelemetry tracing for this process: the provider, the async-local context (a request's spans find
 * their parent across awaits) and the W3C trace-context propagator (`traceparent`). Until this runs, every span the
 * code starts is the API's no-op.
 */
export function registerTracing(processor: SpanProcessor): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'migration-warehouse' }),
    spanProcessors: [processor],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/** Exports traces over OTLP/HTTP to the endpoint (OTEL_EXPORTER_OTLP_ENDPOINT), in batches off the request path. */
export function startOtlpTracing(endpoint: string): Tracing {
  const url = `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  return registerTracing(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
}
