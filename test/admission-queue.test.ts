import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdmissionQueue, AdmissionRefused } from '../server/admission-queue.js';
import { lockTables } from './support/table-lock.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { waitFor } from './support/wait-for.js';

/** A task the test finishes when it likes, and a record of when it started. */
function heldTask(started: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    run: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

describe('AdmissionQueue', () => {
  it('runs at most `limit` tasks at once and starts the others in arrival order', async () => {
    const queue = new AdmissionQueue(2, 10);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => heldTask(started, name));
    const results = tasks.map((t) => queue.run(t.run));
    await waitFor('two tasks to start', async () => started.length === 2);
    expect(started).toEqual(['a', 'b']);
    expect([queue.active, queue.queued]).toEqual([2, 2]);

    tasks[1]?.finish();
    await waitFor('c to start', async () => started.length === 3);
    expect(started).toEqual(['a', 'b', 'c']);
    // A task arriving now waits behind d: the slot b left went to c, not to whoever came last.
    const late = heldTask(started, 'e');
    const lateResult = queue.run(late.run);
    tasks[0]?.finish();
    await waitFor('d to start', async () => started.length === 4);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.queued).toBe(1);

    for (const t of tasks) t.finish();
    late.finish();
    expect(await Promise.all([...results, lateResult])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([queue.active, queue.queued]).toEqual([0, 0]);
  });

  it('refuses a task when the queue is full, and frees the slot of a task that failed', async () => {
    const queue = new AdmissionQueue(1, 1);
    const started: string[] = [];
    const first = heldTask(started, 'first');
    const second = heldTask(started, 'second');
    const running = queue.run(first.run);
    const waiting = queue.run(second.run);
    await expect(queue.run(async () => 'third')).rejects.toBeInstanceOf(AdmissionRefused);
    expect(started).toEqual(['first']);

    first.finish();
    second.finish();
    expect(await Promise.all([running, waiting])).toEqual(['first', 'second']);
    await expect(queue.run(() => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await queue.run(async () => 'after')).toBe('after');
    expect(queue.active).toBe(0);
  });

  it('with limit 0 runs everything at once', async () => {
    const queue = new AdmissionQueue(0, 0);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c'].map((name) => heldTask(started, name));
    const results = tasks.map((t) => queue.run(t.run));
    await waitFor('every task to start', async () => started.length === 3);
    for (const t of tasks) t.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  });
});

const HELD_QUERY = '{ metric(name: P90_PROCESSING_DAYS, by: [NATIONALITY, MONTH], first: 1000) { totalCount } }';

describe('GraphQL operations take turns (GRAPHQL_CONCURRENCY, GRAPHQL_QUEUE_MAX)', () => {
  let database: TestDatabase;
  let server: TestServer;
  let metricsUrl: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer(database.db, { production: true, concurrency: 1, queueMax: 1, metricsPort: 0 });
    metricsUrl = `http://127.0.0.1:${await server.listenMetrics()}/metrics`;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const gauge = async (state: string) => {
    const text = await (await fetch(metricsUrl)).text();
    return Number(new RegExp(`^graphql_operations\\{state="${state}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  };

  it('queues the second operation behind the first, refuses a third with 503 and Retry-After, and answers both', { timeout: 120_000 }, async () => {
    // The test holds the case facts, so the first operation stays in its turn for as long as the test likes.
    const lock = await lockTables(database.url, ['cases.case_fact']);
    try {
      const first = server.graphql<{ metric: { totalCount: number } }>(HELD_QUERY);
      await lock.untilSomeoneWaits();
      const second = server.graphql<{ metric: { totalCount: number } }>(
        '{ metric(name: RECEIVED, by: [YEAR], where: { year: [2023] }) { totalCount } }',
      );
      await waitFor('the second operation to queue', async () => (await gauge('queued')) === 1);
      expect(await gauge('active')).toBe(1);

      const third = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe('1');
      const refused = (await third.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(refused.errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(refused.errors[0]?.message).toMatch(/busy/);
      // The queued operation has not started: only the first waits on the facts.
      expect((await lock.waiting()).length).toBe(1);

      await lock.release();
      const [a, b] = await Promise.all([first, second]);
      expect(a.status).toBe(200);
      expect(a.body.data?.metric.totalCount).toBeGreaterThan(0);
      expect(b.body.data?.metric.totalCount).toBe(1);
      expect([await gauge('active'), await gauge('queued')]).toEqual([0, 0]);
      const metrics = await (await fetch(metricsUrl)).text();
      expect(metrics).toMatch(/^graphql_rejected_total\{reason="SERVICE_UNAVAILABLE"\} 1$/m);
    } finally {
      await lock.release();
    }
  });
});
