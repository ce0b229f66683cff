import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../server/observability/logger.js';
import { registerTracing } from '../server/observability/tracing.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/**
 * Without a registered tracer a request makes no span at all (server/observability/tracing-registered.ts), and the
 * question is asked per request: a server started without tracing traces once a provider is registered, and stops
 * when it is disabled.
 */
let database: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database.db, { logger: createLogger('silent') });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
  trace.disable();
  context.disable();
  propagation.disable();
});

const CALLER_SPAN = '00f067aa0ba902b7';

async function ask(traceId: string): Promise<string | null> {
  const response = await fetch(`${server.url}/graphql`, {
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
    // The root span ends when the response closes: wait for it, under a generous deadline.
    const deadline = Date.now() + 20_000;
    while (!exporter.getFinishedSpans().some((s) => s.spanContext().traceId === traced && s.name.startsWith('graphql query'))) {
      if (Date.now() > deadline) throw new Error('no root span within 20 s');
      await sleep(50);
    }
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
