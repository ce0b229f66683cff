import { sql, type Kysely } from 'kysely';
import { buildCaseRollups, createCaseTables, indexCaseTables, STAGING_SCHEMA } from '../cases/case-tables.js';
import { dropStaging, swapInStaging } from '../cases/staging-swap.js';
import { grantReader } from '../database/reader-role.js';
import {
  deliveredEventsStatement,
  drawKeysStatement,
  EVERY_CASE,
  factsWithOwnEventsStatement,
  MIV_CASE_KEYS,
  STATE_SOURCES,
  type UnifiedSources,
} from './unified-cases-sql.js';

/** The load's fingerprint and origin, as cases.load_info keeps it. */
export interface PublishInfo {
  checksum: string;
  scale: number | null;
  seed: number | null;
}

export interface PublishResult {
  caseRows: number;
  eventRows: number;
  /**
   * `rebuild` (every case from the agencies' state), `prebuilt` (a run of full deliveries: the same, built beside
   * the publishing transaction) or `incremental` (only the cases deltas touched).
   */
  mode: 'rebuild' | 'prebuilt' | 'incremental';
  /** Seconds of each step, for the bench's phase shares. */
  steps: Record<string, number>;
}

/** Times the steps of a publish, each from the end of the one before. */
export function stepTimer(): { step(name: string): void; steps: Record<string, number> } {
  const steps: Record<string, number> = {};
  let at = performance.now();
  return {
    steps,
    step(name) {
      const now = performance.now();
      steps[name] = (now - at) / 1000;
      at = now;
    },
  };
}

/**
 * Builds the unified case facts from the agencies' current state, in the caller's transaction, and swaps them in.
 * A case is the Migration Agency's; the Police's return case joins it through its reference, the transport through
 * the Police's case. An event reported by several agencies (the hand-over, the enforced departure) is one event
 * listing its sources. Events of a case not (yet) delivered stay in their agency's state, unpublished, until it is.
 * Every case met for the first time gets its warehouse id and record key here, kept for good in ingest.case_key.
 */
export async function publishCases<D>(trx: Kysely<D>, info: PublishInfo): Promise<PublishResult> {
  const db = trx as unknown as Kysely<unknown>;
  const timer = stepTimer();
  await useBulkMemory(db);
  await storeKeys(db, (first) => drawKeysStatement(EVERY_CASE, first));
  timer.step('keys');
  const built = await buildStaging(db, MIV_CASE_KEYS, STATE_SOURCES, info, timer);
  await swapInBuilt(db);
  timer.step('swap');
  return { ...built, steps: timer.steps };
}

/** Memory for the bulk statements' sorts, hashes and index builds, for the rest of the caller's transaction. */
export async function useBulkMemory(db: Kysely<unknown>): Promise<void> {
  await sql`set local maintenance_work_mem = '512MB'`.execute(db);
  await sql`set local work_mem = '256MB'`.execute(db);
}

/**
 * Adds keys to the key store with `insertKeys` (given whether the store is empty). The first load adds every key:
 * both indexes are then built once afterwards rather than row by row.
 */
export async function storeKeys(db: Kysely<unknown>, insertKeys: (first: boolean) => string): Promise<void> {
  const { rows } = await sql<{ empty: boolean }>`select not exists (select 1 from ingest.case_key) as empty`.execute(db);
  const first = rows[0]?.empty ?? false;
  if (first) await sql`alter table ingest.case_key drop constraint case_key_agency_source_id_key, drop constraint case_key_pkey`.execute(db);
  await sql.raw(insertKeys(first)).execute(db);
  if (first)
    await sql`alter table ingest.case_key add constraint case_key_pkey primary key (case_id),
      add constraint case_key_agency_source_id_key unique (agency, source_id)`.execute(db);
  // Statements that join every key: without statistics of this load's keys the planner takes the Migration
  // Agency's share of them for 0.5 % (its default for equality) and builds its hash tables on the wrong side.
  await sql`analyze ingest.case_key`.execute(db);
}

/**
 * The new `cases_staging`, complete: facts with their own events, the delivered events, keys and indexes, rollups and
 * dimension members, and its load_info; from `sources` with the Migration Agency's keys in `keys`.
 */
export async function buildStaging(
  db: Kysely<unknown>,
  keys: string,
  sources: UnifiedSources,
  info: PublishInfo,
  timer: ReturnType<typeof stepTimer>,
): Promise<Pick<PublishResult, 'caseRows' | 'eventRows' | 'mode'>> {
  await dropStaging(db);
  await createCaseTables(db, STAGING_SCHEMA);
  timer.step('tables');
  const { rows: written } = await sql
    .raw<{ facts: string; events: string }>(
      factsWithOwnEventsStatement(`${STAGING_SCHEMA}.case_fact`, `${STAGING_SCHEMA}.case_event`, keys, EVERY_CASE, sources),
    )
    .execute(db);
  timer.step('facts');
  const delivered = await sql.raw(deliveredEventsStatement(`${STAGING_SCHEMA}.case_event`, EVERY_CASE, keys, sources)).execute(db);
  timer.step('events');
  await indexCaseTables(db, STAGING_SCHEMA);
  timer.step('indexes');
  await buildCaseRollups(db, STAGING_SCHEMA);
  timer.step('rollups');
  const caseRows = Number(written[0]?.facts ?? 0);
  const eventRows = Number(written[0]?.events ?? 0) + Number(delivered.numAffectedRows ?? 0);
  await sql`insert into ${sql.raw(STAGING_SCHEMA)}.load_info (scale, seed, case_rows, event_rows, checksum)
    values (${info.scale}, ${info.seed}, ${caseRows}, ${eventRows}, ${info.checksum})`.execute(db);
  return { caseRows, eventRows, mode: 'rebuild' };
}

/** Swaps the built staging schema in, in the publishing transaction. */
export async function swapInBuilt(db: Kysely<unknown>): Promise<void> {
  // State tables made since the read-only role was granted the schema: lineage and the load history read them.
  await grantReader(db, 'ingest');
  await swapInStaging(db);
}
