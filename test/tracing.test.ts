import { Writable } from 'node:stream';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../server/observability/logger.js';
import { CSV_EXPORT_PATH } from '../server/playground/example-queries.js';
import { registerTracing, type Tracing } from '../server/observability/tracing.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let database: TestDatabase;
let server: TestServer;
const logLines: string[] = [];

beforeAll(async () => {
  // The SDK's own in-memory exporter, registered as the server registers its OTLP one.
  tracing = registerTracing(new SimpleSpanProcessor(exporter));
  database = await createTestDatabase();
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  server = await startTestServer(database.db, {
    logger: createLogger('info', output),
    resultCache: { maxBytes: 8 * 1024 * 1024, listenUrl: database.url },
  });
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
  await tracing?.shutdown();
  // The API is global to the worker: leave it as other test files expect it, without an SDK.
  trace.disable();
  context.disable();
  propagation.disable();
});

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
/** A metric over case facts, asked by the public role: computed with disclosure control. */
const METRIC =
  'query TracedRate { metric(name: APPROVAL_RATE, by: [YEAR], where: { caseType: [ASYLUM] }, first: 5) { totalCount rows { year value suppressed } } }';

async function post(query: string, traceId: string, spanId: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${spanId}-01` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return response;
}

/** The finished spans of one trace, once its root (the HTTP request's span) has ended. */
async function traceOf(traceId: string): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    if (spans.some((s) => s.name.startsWith('graphql query') || s.name === 'POST /graphql' || s.name === 'GET /export')) return spans;
    if (Date.now() > deadline) throw new Error(`no root span of trace ${traceId} within 20 s`);
    await sleep(50);
  }
}

/** The tree as "name" lines indented by depth, children in start order; SQL statements summarised as "SQL". */
function tree(spans: ReadableSpan[], rootParent: string): string[] {
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    const children = spans
      .filter((s) => s.parentSpanContext?.spanId === parent)
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    for (const child of children) {
      const name = child.attributes['db.system.name'] ? 'SQL' : child.name;
      const line = `${'  '.repeat(depth)}${name}`;
      if (lines.at(-1) !== line) lines.push(line);
      walk(child.spanContext().spanId, depth + 1);
    }
  };
  walk(rootParent, 0);
  return lines;
}

describe('OpenTelemetry traces', () => {
  it("record a metric request as one trace under the caller's traceparent: parse, validate, execute with its SQL and disclosure control", async () => {
    const response = await post(METRIC, CALLER_TRACE, CALLER_SPAN);
    expect(response.headers.get('traceparent')).toMatch(new RegExp(`^00-${CALLER_TRACE}-[0-9a-f]{16}-01$`));
    const spans = await traceOf(CALLER_TRACE);
    expect(tree(spans, CALLER_SPAN)).toEqual([
      'graphql query TracedRate',
      '  result-cache lookup',
      '  graphql.parse',
      '  graphql.validate',
      '  graphql.execute',
      '    SQL',
      '    disclosure control',
      '    SQL',
    ]);
    const root = spans.find((s) => s.name === 'graphql query TracedRate');
    expect(root?.attributes['http.response.status_code']).toBe(200);
    // Each statement: its operation and duration, never its text's values or its parameters.
    for (const statement of spans.filter((s) => s.attributes['db.system.name'])) {
      expect(Object.keys(statement.attributes).sort()).toEqual(['db.operation.name', 'db.system.name']);
      expect(statement.name).toMatch(/^(SELECT|WITH)\b/);
      expect(statement.duration[0] * 1e9 + statement.duration[1]).toBeGreaterThan(0);
    }
    expect(spans.find((s) => s.name === 'result-cache lookup')?.attributes['cache.outcome']).toBe('miss');
  });

  it('record a cached request as the cache look-up alone, and put the trace id on its log line', async () => {
    const traceId = 'aaaabbbbccccddddeeeeffff00001111';
    const response = await post(METRIC, traceId, CALLER_SPAN);
    expect(response.headers.get('traceparent')).toContain(traceId);
    const spans = await traceOf(traceId);
    expect(tree(spans, CALLER_SPAN)).toEqual(['POST /graphql', '  result-cache lookup']);
    expect(spans.find((s) => s.name === 'result-cache lookup')?.attributes['cache.outcome']).toBe('hit');
    // The first request's log line carries its trace id.
    const lines = logLines.map((l) => JSON.parse(l) as { msg?: string; traceId?: string; operation?: string });
    expect(lines.find((l) => l.msg === 'graphql request' && l.operation === 'TracedRate')?.traceId).toBe(CALLER_TRACE);
  });

  it('record a CSV export as one trace too, and no trace for work outside requests (a health probe)', async () => {
    const traceId = '0123456789abcdef0123456789abcdef';
    const response = await fetch(`${server.url}${CSV_EXPORT_PATH}`, { headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` } });
    expect(response.status).toBe(200);
    await response.text();
    const spans = await traceOf(traceId);
    const lines = tree(spans, CALLER_SPAN);
    expect(lines[0]).toMatch(/^graphql query /);
    expect(lines).toEqual(expect.arrayContaining(['  graphql.execute', '    SQL']));
    const before = exporter.getFinishedSpans().length;
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    await sleep(200);
    expect(exporter.getFinishedSpans().slice(before)).toEqual([]);
  });

  it('start a trace of its own when the caller sends none', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ apiVersion }' }),
    });
    const traceparent = response.headers.get('traceparent') ?? '';
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const spans = await traceOf(traceparent.split('-')[1] ?? '');
    const root = spans.find((s) => s.name === 'graphql query anonymous');
    expect(root?.parentSpanContext).toBeUndefined();
  });
});
