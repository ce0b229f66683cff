import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/tables.js';

/** The annual report whose case tables (6.2, 6.4, 6.13, 7.1, 8.1, 8.3, 8.4, 8.7, 8.9, 8.11, 8.13, 9.1, 12.4, 17.1, 18.1) calibrate the generator. */
export const CALIBRATION_DOCUMENT = '000_c6bd8d7f0150f31e.txt';

export const CALIBRATED_MEASURES = [
  'received',
  'decided',
  'open_at_end',
  'approval_rate',
  'mean_processing_days',
  'share_decided_within_limit',
  'granted_permits',
] as const;
export type CalibratedMeasure = (typeof CALIBRATED_MEASURES)[number];
export type Sex = 'female' | 'male';

/** One published national figure the generated facts must reproduce. */
export interface PublishedCell {
  caseType: string;
  /** null = all segments of the case type (a "Totalt" row). */
  segment: string | null;
  /** null = both sexes. */
  sex: Sex | null;
  year: number;
  measure: CalibratedMeasure;
  /** Set for "varav" rows that count one outcome of the decisions (Tabell 12.4 återkallade, 17.1 bifall/avslag). */
  outcome: string | null;
  /** Counts and days as printed; percentages as a 0–1 fraction. */
  value: number;
  /** For share_decided_within_limit: the limit in days the table states ("inom 90 dagar"), else the case type's. */
  limitDays: number | null;
  line: number;
}

interface FigureRow {
  case_type: string;
  segment: string | null;
  sex: string | null;
  year: number;
  measure: string;
  outcome: string | null;
  base_value: number;
  note: string | null;
  line: number;
  curated_file: string;
  statutory_limit_days: number | null;
}

/** "inom 90 dagar" / "inom 180 dagar" / "inom sex månader" in a figure's note → days. */
function limitFromNote(note: string | null): number | null {
  if (!note) return null;
  const days = /inom (\d+) dagar/.exec(note);
  if (days?.[1]) return Number(days[1]);
  if (/inom sex månader/.test(note)) return 180;
  return null;
}

/**
 * Reads the calibration cells from fact_figure: national (no region, nationality, age group, subgroup, agency or
 * period), exact (not hedged "cirka" text figures), years 2022–2024. A figure printed twice (table and running
 * text) is kept once, the table's copy first.
 */
export async function readPublishedCells(db: Kysely<Database>): Promise<PublishedCell[]> {
  const { rows } = await sql<FigureRow>`
    select f.case_type, f.segment, f.sex, f.year, f.measure, f.outcome, f.base_value, f.note, f.line, f.curated_file,
           t.statutory_limit_days
    from fact_figure f
    join dim_case_type t on t.code = f.case_type
    where f.document = ${CALIBRATION_DOCUMENT}
      and f.area in ('case_flow', 'open_balance')
      and f.year between 2022 and 2024
      and f.region is null and f.nationality is null and f.age_group is null and f.subgroup is null
      and f.agency is null and f.period is null and not f.approximate
      and f.measure in (${sql.join([...CALIBRATED_MEASURES])})
    order by f.case_type, f.segment nulls first, f.measure, f.year, f.sex nulls first, f.outcome nulls first,
             (f.curated_file like '%/tabell-%') desc, f.curated_file, f.line`.execute(db);
  const seen = new Set<string>();
  const cells: PublishedCell[] = [];
  for (const row of rows) {
    const key = [row.case_type, row.segment, row.sex, row.year, row.measure, row.outcome].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    const measure = row.measure as CalibratedMeasure;
    cells.push({
      caseType: row.case_type,
      segment: row.segment,
      sex: row.sex === 'female' || row.sex === 'male' ? row.sex : null,
      year: row.year,
      measure,
      outcome: row.outcome,
      value: Number(row.base_value),
      limitDays: measure === 'share_decided_within_limit' ? (limitFromNote(row.note) ?? row.statutory_limit_days) : null,
      line: row.line,
    });
  }
  return cells;
}
