import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CaseLoadInfoTable, Database } from '../database/tables.js';
import { writeDeliveries } from '../generator/write-deliveries.js';
import { plannedCaseCount, planCells } from '../generator/generate-cases.js';
import { readCalibration } from '../generator/read-calibration.js';
import { AGENCIES, type AgencyCode } from '../ingest/agencies.js';
import { ingestDeliveries, type IngestSummary } from '../ingest/ingest-deliveries.js';
import { openCopySession, type CaseLoadTarget } from './copy-session.js';
import { loadProgress } from './load-progress.js';

export interface LoadCasesOptions {
  /** 1 = national volume (about 2 million cases incl. opening stock); any positive number. */
  scale: number;
  seed?: number;
  /** Called every few thousand cases with cases done, rows written and cases planned. */
  onProgress?: (progress: { cases: number; rows: number; plannedCases: number }) => void;
  /** No progress bar (there is none anyway when stderr is not a terminal). */
  quiet?: boolean;
  /** Realistic faults in the simulated extracts (rejected rows, an event held for a later delivery). */
  flaws?: boolean;
  /** Testing: fail after validating the deliveries, before anything is published, as a crash mid-load would. */
  failBeforePublish?: boolean;
}

export interface LoadCasesResult {
  caseRows: number;
  eventRows: number;
  checksum: string;
  seconds: number;
  ingest: IngestSummary;
}

export const DEFAULT_SEED = 20_240_101;

/**
 * Loads the case-level facts the only way they come in: the source simulator writes the three agencies' full
 * deliveries (the next extract id of each) into a scratch folder, and ingestion loads them like any agency's
 * (warehouse/ingest/). The published warehouse changes in one transaction at the end, or not at all.
 */
export async function loadCases(target: CaseLoadTarget, options: LoadCasesOptions): Promise<LoadCasesResult> {
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) throw new Error(`scale must be a positive number, got ${options.scale}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || Math.abs(seed) > 2 ** 31 - 1) throw new Error(`seed must be a 32-bit integer, got ${seed}`);
  const started = Date.now();
  const session = openCopySession(target);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'warehouse-deliveries-'));
  try {
    const { targets } = await readCalibration(session.db);
    if (targets.length === 0) throw new Error('no published figures to calibrate against: load the figures first');
    const extractIds = await nextExtractIds(session.db);
    const progress = loadProgress(plannedCaseCount(planCells(targets, options.scale)), options.quiet ?? false);
    let written: Awaited<ReturnType<typeof writeDeliveries>>;
    try {
      written = await writeDeliveries(targets, folder, {
        scale: options.scale,
        seed,
        extractIds,
        flaws: options.flaws,
        onProgress: (p) => {
          progress.update(p.cases, p.rows);
          options.onProgress?.(p);
        },
      });
      progress.step(`${written.caseRows} cases written as the agencies' deliveries; ingesting them`);
    } finally {
      progress.stop();
    }
    const ingest = await ingestDeliveries(
      session.db,
      written.deliveries.map((d) => d.directory),
      {
        allowSwing: true,
        failBeforePublish: options.failBeforePublish,
        onPhase: (e) => progress.step(`${e.delivery}: ${e.phase} ${e.seconds.toFixed(1)} s`),
      },
    );
    const refused = ingest.deliveries.filter((d) => d.report?.status === 'refused' || d.error);
    if (refused.length)
      throw new Error(`the simulated deliveries were refused: ${refused.map((d) => d.report?.message ?? d.error?.message).join('; ')}`);
    if (!ingest.published) throw new Error('the simulated deliveries published nothing');
    // A crash soon after a load would replay all of its WAL first (10 s of recovery at scale 1); a checkpoint now
    // bounds that. Best effort: a role without the right to checkpoint leaves it to the checkpointer's schedule.
    await sql`checkpoint`.execute(session.db).catch(() => undefined);
    return {
      caseRows: ingest.published.caseRows,
      eventRows: ingest.published.eventRows,
      checksum: written.checksum,
      seconds: (Date.now() - started) / 1000,
      ingest,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
    await session.close();
  }
}

/** Each agency's next extract id: one more than the last it published. */
async function nextExtractIds(db: Kysely<Database>): Promise<Record<AgencyCode, number>> {
  const { rows } = await sql<{ agency: string; last: number }>`
    select agency, max(extract_id)::int as last from ingest.delivery where status = 'published' group by agency`.execute(db);
  const ids = {} as Record<AgencyCode, number>;
  for (const agency of Object.keys(AGENCIES) as AgencyCode[]) ids[agency] = (rows.find((r) => r.agency === agency)?.last ?? 0) + 1;
  return ids;
}

export type CaseLoadInfo = Selectable<CaseLoadInfoTable>;

/** The fingerprint of the current case load, or null when the cases are empty (never loaded). */
export async function caseLoadInfo(db: Kysely<Database>): Promise<CaseLoadInfo | null> {
  const row = await db.selectFrom('cases.load_info').selectAll().orderBy('loaded_at', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}
