import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../server/observability/logger.js';
import { registerTracing } from '../server/observability/tracing.js';
import { useServerFixture } from './support/server-fixture.js';
import { waitFor } from './support/wait-for.js';

/**
 * Without a registered tracer a request makes no span at all (server/observability/tracing-registered.ts), and the
 * question is asked per request: a server started without tracing traces once a provider is registered, and stops
 * when it is disabled.
 */
const fixture = useServerFixture({ logger: createLogger('silent') });
afterAll(() => {
  // The API is global to the worker: leave it without an SDK.
  trace.disable();
  context.disable();
  propagation.disable();
});

const CALLER_SPAN = '00f067aa0ba902b7';

async function ask(traceId: string): Promise<string | null> {
  const response = await fetch(`${fixture.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${CALLER_SPAN}-01` },
    body: JSON.stringify({ query: '{ sourceDocuments { code } }' }),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  return response.headers.get('traceparent');
}

describe('tracing, asked per request', () => {
  it('adds no span and no header until a provider is registered, and stops when it is disabled', async () => {
    expect(await ask('11111111111111111111111111111111')).toBeNull();

    const exporter = new InMemorySpanExporter();
    const tracing = registerTracing(new SimpleSpanProcessor(exporter));
    const traced = '22222222222222222222222222222222';
    expect(await ask(traced)).toMatch(new RegExp(`^00-${traced}-[0-9a-f]{16}-01$`));
    // The root span ends when the response closes: wait for it.
    await waitFor('the root span of the traced request', async () =>
      exporter.getFinishedSpans().some((s) => s.spanContext().traceId === traced && s.name.startsWith('graphql query')),
    );
    const phases = exporter
      .getFinishedSpans()
      .filter((s) => s.spanContext().traceId === traced)
      .map((s) => s.name);
    expect(phases).toContain('graphql.execute');

    await tracing.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    expect(await ask('33333333333333333333333333333333')).toBeNull();
  });
});
