import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CaseLoadInfoTable, Database } from '../database/tables.js';
import { combineChecksums } from '../generator/copy-checksum.js';
import { caseEventLine, caseFactLine, CASE_EVENT_COLUMNS, CASE_FACT_COLUMNS } from '../generator/copy-text.js';
import { generateCases, planCells, plannedCaseCount } from '../generator/generate-cases.js';
import { readCalibration } from '../generator/read-calibration.js';
import { buildCaseRollups, createCaseTables, indexCaseTables, STAGING_SCHEMA } from './case-tables.js';
import { openCopySession, type CaseLoadTarget, type CopyRun } from './copy-session.js';
import { loadProgress } from './load-progress.js';
import { dropStaging, swapInStaging } from './staging-swap.js';

export interface LoadCasesOptions {
  /** 1 = national volume (about 2 million cases incl. opening stock); any positive number. */
  scale: number;
  seed?: number;
  /** Called every chunk with cases done, rows written (facts + events) and cases planned. */
  onProgress?: (progress: { cases: number; rows: number; plannedCases: number }) => void;
  /** No progress bar (there is none anyway when stderr is not a terminal). */
  quiet?: boolean;
  /** Testing: fail once this many rows (facts + events) have been generated, as a crash mid-load would. */
  failAfterRows?: number;
}

export interface LoadCasesResult {
  caseRows: number;
  eventRows: number;
  checksum: string;
  seconds: number;
}

export const DEFAULT_SEED = 20_240_101;

/** COPY text is written in chunks of about this many characters; a full pipe (backpressure) pauses the generator. */
const CHUNK_CHARS = 256 * 1024;

class CopyWriter {
  private buffer: string[] = [];
  private size = 0;
  readonly hash: Hash = createHash('sha256');

  constructor(private readonly run: CopyRun) {}

  /** Appends a line; true when a chunk is full and should be flushed (kept synchronous: millions of lines). */
  push(line: string): boolean {
    this.buffer.push(line);
    this.size += line.length;
    return this.size >= CHUNK_CHARS;
  }

  /** Writes the chunk; resolves at once, or on 'drain' when the stream is full (backpressure). */
  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    this.hash.update(chunk);
    if (!this.run.stream.write(chunk)) {
      // Wait for the database to catch up — or for the stream to fail, which must not hang us.
      await Promise.race([once(this.run.stream, 'drain'), this.run.done]);
    }
  }

  async end(): Promise<string> {
    await this.flush();
    this.run.stream.end();
    await this.run.done;
    return this.hash.digest('hex');
  }

  abort(error: Error): void {
    this.run.stream.destroy(error);
  }
}

/**
 * Generates the case-level facts at a scale and loads them: COPY into a fresh `cases_staging` schema (facts and
 * events in parallel, over two connections), indexes and rollups there, then the staging schema replaces `cases` in
 * one transaction. Until that transaction commits, `cases` is untouched, so a failure, a kill or bad input at any
 * point leaves the previous load queryable and unchanged; the next load drops the abandoned staging schema first.
 * Rows are generated and streamed in chunks with backpressure, never held: memory does not grow with the scale.
 */
export async function loadCases(target: CaseLoadTarget, options: LoadCasesOptions): Promise<LoadCasesResult> {
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) throw new Error(`scale must be a positive number, got ${options.scale}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || Math.abs(seed) > 2 ** 31 - 1) throw new Error(`seed must be a 32-bit integer, got ${seed}`);
  const started = Date.now();
  const session = openCopySession(target);
  // The case DDL helpers take Kysely<unknown> (they build other schemas than the typed `cases`).
  const db = session.db as unknown as Kysely<unknown>;
  try {
    const { targets } = await readCalibration(session.db);
    if (targets.length === 0) throw new Error('no published figures to calibrate against: load the figures first');
    const plannedCases = plannedCaseCount(planCells(targets, options.scale));

    await dropStaging(db);
    await createCaseTables(db, STAGING_SCHEMA);

    const facts = new CopyWriter(await session.copy(`copy ${STAGING_SCHEMA}.case_fact (${CASE_FACT_COLUMNS.join(', ')}) from stdin`));
    let events: CopyWriter;
    try {
      events = new CopyWriter(await session.copy(`copy ${STAGING_SCHEMA}.case_event (${CASE_EVENT_COLUMNS.join(', ')}) from stdin`));
    } catch (error) {
      facts.abort(error as Error);
      throw error;
    }
    const progress = loadProgress(plannedCases, options.quiet ?? false);
    let caseRows = 0;
    let eventRows = 0;
    let factsHash: string;
    let eventsHash: string;
    try {
      for (const { fact, events: caseEvents } of generateCases(targets, { scale: options.scale, seed })) {
        if (facts.push(caseFactLine(fact))) await facts.flush();
        caseRows++;
        for (const event of caseEvents) {
          if (events.push(caseEventLine(event))) await events.flush();
          eventRows++;
        }
        if (options.failAfterRows !== undefined && caseRows + eventRows >= options.failAfterRows) {
          throw new Error(`injected failure after ${caseRows + eventRows} rows`);
        }
        if ((caseRows & 0x3fff) === 0) {
          progress.update(caseRows, caseRows + eventRows);
          options.onProgress?.({ cases: caseRows, rows: caseRows + eventRows, plannedCases });
        }
      }
      [factsHash, eventsHash] = await Promise.all([facts.end(), events.end()]);
      progress.update(caseRows, caseRows + eventRows);
      options.onProgress?.({ cases: caseRows, rows: caseRows + eventRows, plannedCases });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      facts.abort(failure);
      events.abort(failure);
      throw failure;
    } finally {
      progress.stop();
    }

    // Indexes and rollups on two connections at once (each is one backend's work), with memory for their sorts.
    await Promise.all([
      withSessionMemory(db, (conn) => indexCaseTables(conn, STAGING_SCHEMA)),
      withSessionMemory(db, (conn) => buildCaseRollups(conn, STAGING_SCHEMA)),
    ]);
    // One fingerprint of both COPY streams, each hashed in order (see copy-checksum.ts).
    const checksum = combineChecksums(factsHash, eventsHash);
    await sql`insert into ${sql.raw(STAGING_SCHEMA)}.load_info (scale, seed, case_rows, event_rows, checksum)
      values (${options.scale}, ${seed}, ${caseRows}, ${eventRows}, ${checksum})`.execute(db);
    await swapInStaging(db);
    // A crash soon after a load would replay all of its WAL first (10 s of recovery at scale 1); a checkpoint now
    // bounds that. Best effort: a role without the right to checkpoint leaves it to the checkpointer's schedule.
    await sql`checkpoint`.execute(db).catch(() => undefined);
    return { caseRows, eventRows, checksum, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    // Best effort: the next load drops a left-over staging schema anyway.
    await dropStaging(db).catch(() => undefined);
    throw error;
  } finally {
    await session.close();
  }
}

/** Runs work on one connection with larger sort and hash memory than the default 4–64 MB (reset on release). */
async function withSessionMemory(db: Kysely<unknown>, work: (connection: Kysely<unknown>) => Promise<void>): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`set maintenance_work_mem = '512MB'`.execute(connection);
    await sql`set work_mem = '256MB'`.execute(connection);
    try {
      await work(connection);
    } finally {
      await sql`reset maintenance_work_mem`.execute(connection);
      await sql`reset work_mem`.execute(connection);
    }
  });
}

export type CaseLoadInfo = Selectable<CaseLoadInfoTable>;

/** The fingerprint of the current case load, or null when the cases are empty (never loaded). */
export async function caseLoadInfo(db: Kysely<Database>): Promise<CaseLoadInfo | null> {
  const row = await db.selectFrom('cases.load_info').selectAll().orderBy('loaded_at', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}
