import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdmissionAbandoned, AdmissionQueue, AdmissionRefused } from '../server/admission-queue.js';
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
    const reported: string[] = [];
    const queue = new AdmissionQueue(1, 1, (why) => reported.push(why));
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
    // Only the refusal is reported: a task that failed was computed.
    expect(reported).toEqual(['SERVICE_UNAVAILABLE']);
  });

  it('does not run a task whose client is gone by its turn, and gives its slot on', async () => {
    const reported: string[] = [];
    const queue = new AdmissionQueue(1, 10, (why) => reported.push(why));
    const started: string[] = [];
    const first = heldTask(started, 'first');
    const running = queue.run(first.run);
    let gone = false;
    const abandoned = queue.run(
      async () => 'never',
      () => gone,
    );
    const after = queue.run(async () => 'after');
    gone = true;
    first.finish();
    expect(await running).toBe('first');
    await expect(abandoned).rejects.toBeInstanceOf(AdmissionAbandoned);
    expect(await after).toBe('after');
    expect([queue.active, queue.queued]).toEqual([0, 0]);
    expect(reported).toEqual(['CLIENT_CLOSED']);
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

describe('computed requests take turns (GRAPHQL_CONCURRENCY, PXWEB_CONCURRENCY, QUEUE_MAX)', () => {
  let database: TestDatabase;
  let server: TestServer;
  let metricsUrl: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer(database.db, { production: true, concurrency: 1, pxwebConcurrency: 1, queueMax: 1, metricsPort: 0 });
    metricsUrl = `http://127.0.0.1:${await server.listenMetrics()}/metrics`;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const metricsText = async () => (await fetch(metricsUrl)).text();
  const gauge = async (queue: 'graphql' | 'pxweb', state: 'active' | 'queued') =>
    Number(new RegExp(`^admission_requests\\{queue="${queue}",state="${state}"\\} (\\d+)$`, 'm').exec(await metricsText())?.[1] ?? Number.NaN);
  /** A queue's [active, queued] gauges: [0, 0] once everything has been answered. */
  const activeAndQueued = async (queue: 'graphql' | 'pxweb') => [await gauge(queue, 'active'), await gauge(queue, 'queued')];
  const rejected = async (reason: 'SERVICE_UNAVAILABLE' | 'CLIENT_CLOSED') =>
    Number(new RegExp(`^graphql_rejected_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(await metricsText())?.[1] ?? 0);
  const data = (year: number, measure = 'received', signal?: AbortSignal) =>
    fetch(`${server.url}/api/v2/tables/RECEIVED/data?lang=en&valueCodes[ContentsCode]=${measure}&valueCodes[Tid]=${year}`, { signal });
  /** Holds the case facts and their rollups, so a data request stays in its turn as long as the test likes. */
  const lockCaseTables = async () => {
    const tables = await database.pool.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'cases' order by 1`,
    );
    return lockTables(
      database.url,
      tables.rows.map((r) => r.name),
    );
  };

  it('queues the second operation behind the first, refuses a third with 503 and Retry-After, and answers both', { timeout: 120_000 }, async () => {
    const refusedBefore = await rejected('SERVICE_UNAVAILABLE');
    // The test holds the case facts, so the first operation stays in its turn for as long as the test likes.
    const lock = await lockTables(database.url, ['cases.case_fact']);
    try {
      const first = server.graphql<{ metric: { totalCount: number } }>(HELD_QUERY);
      await lock.untilSomeoneWaits();
      const second = server.graphql<{ metric: { totalCount: number } }>(
        '{ metric(name: RECEIVED, by: [YEAR], where: { year: [2023] }) { totalCount } }',
      );
      await waitFor('the second operation to queue', async () => (await gauge('graphql', 'queued')) === 1);
      expect(await gauge('graphql', 'active')).toBe(1);

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
      expect(await activeAndQueued('graphql')).toEqual([0, 0]);
      expect(await rejected('SERVICE_UNAVAILABLE')).toBe(refusedBefore + 1);
    } finally {
      await lock.release();
    }
  });

  it('a CSV export takes its turn in the GraphQL queue, and is refused with 503 and Retry-After when it is full', { timeout: 120_000 }, async () => {
    const refusedBefore = await rejected('SERVICE_UNAVAILABLE');
    const lock = await lockTables(database.url, ['cases.case_fact']);
    const exportUrl = `${server.url}/export/metric.csv?name=received&by=YEAR`;
    try {
      const first = server.graphql<{ metric: { totalCount: number } }>(HELD_QUERY);
      await lock.untilSomeoneWaits();
      const queued = fetch(exportUrl);
      await waitFor('the export to queue', async () => (await gauge('graphql', 'queued')) === 1);
      // Only the first operation waits on the facts: the export has not started.
      expect((await lock.waiting()).length).toBe(1);

      const refused = await fetch(exportUrl);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');

      await lock.release();
      expect((await first).status).toBe(200);
      const answered = await queued;
      expect(answered.status).toBe(200);
      expect(answered.headers.get('content-type')).toMatch(/text\/csv/);
      expect((await answered.text()).split('\n')[0]).toMatch(/^period,year,value/);
      expect(await activeAndQueued('graphql')).toEqual([0, 0]);
      expect(await rejected('SERVICE_UNAVAILABLE')).toBe(refusedBefore + 1);
    } finally {
      await lock.release();
    }
  });

  it('does not compute a queued operation whose client has gone', { timeout: 120_000 }, async () => {
    const goneBefore = await rejected('CLIENT_CLOSED');
    const lock = await lockTables(database.url, ['cases.case_fact']);
    try {
      const first = server.graphql<{ metric: { totalCount: number } }>(HELD_QUERY);
      await lock.untilSomeoneWaits();
      const leaving = new AbortController();
      const second = fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ metric(name: RECEIVED, by: [YEAR]) { totalCount } }' }),
        signal: leaving.signal,
      }).catch((error: Error) => error.name);
      await waitFor('the second operation to queue', async () => (await gauge('graphql', 'queued')) === 1);
      leaving.abort();
      expect(await second).toBe('AbortError');

      await lock.release();
      expect((await first).status).toBe(200);
      await waitFor('the queued operation to be dropped', async () => (await rejected('CLIENT_CLOSED')) === goneBefore + 1);
      expect(await activeAndQueued('graphql')).toEqual([0, 0]);
    } finally {
      await lock.release();
    }
  });

  it('computes one PxWeb data request at a time, queues the next, refuses one more with 503 and Retry-After, then answers both', {
    timeout: 120_000,
  }, async () => {
    const lock = await lockCaseTables();
    try {
      const first = data(2023);
      await lock.untilSomeoneWaits();
      expect(await gauge('pxweb', 'active')).toBe(1);
      const second = data(2024);
      await waitFor('the second data request to queue', async () => (await gauge('pxweb', 'queued')) === 1);

      const third = await data(2022);
      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe('1');
      expect(third.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await third.json()) as { title: string }).title).toBe('Service unavailable');
      // The same table's metadata does not wait: only data requests take turns.
      expect((await fetch(`${server.url}/api/v2/tables/RECEIVED/metadata?lang=en`)).status).toBe(200);

      await lock.release();
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(await activeAndQueued('pxweb')).toEqual([0, 0]);
    } finally {
      await lock.release();
    }
  });

  it('does not compute a queued PxWeb data request whose client has gone', { timeout: 120_000 }, async () => {
    const goneBefore = await rejected('CLIENT_CLOSED');
    const lock = await lockCaseTables();
    try {
      const first = data(2023);
      await lock.untilSomeoneWaits();
      const leaving = new AbortController();
      const second = data(2024, 'approval_rate', leaving.signal).catch((error: Error) => error.name);
      await waitFor('the second data request to queue', async () => (await gauge('pxweb', 'queued')) === 1);
      leaving.abort();
      expect(await second).toBe('AbortError');

      await lock.release();
      expect((await first).status).toBe(200);
      await waitFor('the queued request to be dropped', async () => (await rejected('CLIENT_CLOSED')) === goneBefore + 1);
      expect(await activeAndQueued('pxweb')).toEqual([0, 0]);
    } finally {
      await lock.release();
    }
  });
});
