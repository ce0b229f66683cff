import { trace } from '@opentelemetry/api';

/** The active trace's id, for log lines; undefined when no sampled trace is recorded (tracing off). */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, traceFlags } = span.spanContext();
  // Bit 0 of the W3C trace flags: sampled, so the id leads to a stored trace.
  return traceFlags & 1 ? traceId : undefined;
}
