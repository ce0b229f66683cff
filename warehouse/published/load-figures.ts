import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { bumpGeneration } from '../database/generation.js';
import type { Database, NewFigure } from '../database/tables.js';
import { DOCUMENTS } from '../reference/documents.js';
import { figureArea, toBaseUnit } from './figure-area.js';
import { listFigureFiles, PUBLISHED_DIRECTORY } from './figure-files.js';
import { figureKey, type FigureRow } from './figure-row.js';
import { parseFigureCsv, type FigureFileError } from './read-figure-file.js';

export interface FigureLoadReport {
  loadedFiles: string[];
  unchangedFiles: string[];
  removedFiles: string[];
  /** Files refused whole, with every problem found in them. */
  rejected: FigureFileError[];
  figuresLoaded: number;
}

export class FigureFileRejected extends Error {
  readonly code = 'BAD_SOURCE_ROW';
  constructor(readonly errors: FigureFileError[]) {
    super(`curated figures rejected:\n${errors.map((e) => `  ${e.file}:${e.line}: ${e.message}`).join('\n')}`);
  }
}

const EDITION_BY_DOCUMENT = new Map(DOCUMENTS.map((d) => [d.document, d.edition_year]));
const INSERT_BATCH = 500;

/**
 * Loads the curated published-figure files into the warehouse. Each file is all or nothing, in its own transaction:
 * a file with any bad row is refused (its previous load, if any, stays), and an unchanged file (same SHA-256) is
 * skipped, so that running the load twice loads nothing twice.
 */
export async function loadPublishedFigures(
  db: Kysely<Database>,
  options: { files?: string[]; baseDirectory?: string; strict?: boolean } = {},
): Promise<FigureLoadReport> {
  const baseDirectory = options.baseDirectory ?? PUBLISHED_DIRECTORY;
  const files = options.files ?? (await listFigureFiles(baseDirectory));
  const report: FigureLoadReport = { loadedFiles: [], unchangedFiles: [], removedFiles: [], rejected: [], figuresLoaded: 0 };
  const logged = new Map((await db.selectFrom('load_log').selectAll().execute()).map((r) => [r.curated_file, r.sha256]));

  for (const file of files) {
    const name = path.relative(baseDirectory, file);
    const content = await readFile(file, 'utf8');
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (logged.get(name) === sha256) {
      report.unchangedFiles.push(name);
      continue;
    }
    const { rows, errors } = parseFigureCsv(name, content);
    const unknownDocuments = rows.filter((r) => !EDITION_BY_DOCUMENT.has(r.document));
    for (const r of unknownDocuments) errors.push({ file: name, line: r.line, message: `unknown document ${r.document}` });
    if (errors.length > 0) {
      report.rejected.push(...errors);
      continue;
    }
    try {
      await db.transaction().execute((trx) => replaceFileFigures(trx, name, sha256, rows));
    } catch (error) {
      report.rejected.push({ file: name, line: 0, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    report.loadedFiles.push(name);
    report.figuresLoaded += rows.length;
  }

  if (!options.files) {
    // A curated file that was deleted takes its figures with it.
    const present = new Set(files.map((f) => path.relative(baseDirectory, f)));
    const gone = [...logged.keys()].filter((f) => !present.has(f));
    for (const name of gone) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('fact_figure').where('curated_file', '=', name).execute();
        await trx.deleteFrom('load_log').where('curated_file', '=', name).execute();
        await bumpGeneration(trx);
      });
      report.removedFiles.push(name);
    }
  }
  if (options.strict && report.rejected.length > 0) throw new FigureFileRejected(report.rejected);
  return report;
}

async function replaceFileFigures(trx: Transaction<Database>, file: string, sha256: string, rows: FigureRow[]): Promise<void> {
  await ensureDimensionMembers(trx, rows);
  const sourceTableIds = await upsertSourceTables(trx, rows);
  await trx.deleteFrom('fact_figure').where('curated_file', '=', file).execute();
  const figures: NewFigure[] = rows.map((row) => {
    const { baseValue, baseUnit } = toBaseUnit(row.value, row.unit);
    return {
      area: figureArea(row.measure, row.caseType),
      figure_key: figureKey(row),
      curated_file: file,
      document: row.document,
      source_table_id: sourceTableIds.get(sourceTableKey(row)) as number,
      line: row.line,
      quote: row.quote,
      measure: row.measure,
      unit: row.unit,
      printed: row.printed,
      value: row.value,
      base_value: baseValue,
      base_unit: baseUnit,
      year: row.year,
      period: row.period,
      approximate: row.approximate,
      edition_year: EDITION_BY_DOCUMENT.get(row.document) as number,
      case_type: row.caseType,
      segment: row.dims.segment,
      sex: row.sex,
      age_group: row.dims.age_group,
      region: row.dims.region,
      nationality: row.dims.nationality,
      agency: row.dims.agency,
      appropriation: row.dims.appropriation,
      fee_activity: row.dims.fee_activity,
      outcome: row.dims.outcome,
      subgroup: row.dims.subgroup,
      note: row.note,
    };
  });
  for (let i = 0; i < figures.length; i += INSERT_BATCH) {
    await trx
      .insertInto('fact_figure')
      .values(figures.slice(i, i + INSERT_BATCH))
      .execute();
  }
  await trx
    .insertInto('load_log')
    .values({ curated_file: file, sha256, figure_count: rows.length })
    .onConflict((oc) => oc.column('curated_file').doUpdateSet({ sha256, figure_count: rows.length, loaded_at: new Date() }))
    .execute();
  // API processes drop their cached answers when this file's transaction commits.
  await bumpGeneration(trx);
}

function sourceTableKey(row: Pick<FigureRow, 'document' | 'table' | 'caption'>): string {
  return `${row.document}|${row.table}|${row.caption}`;
}

/** Creates or widens the source-table rows (document, table id, caption, line range) the figures cite. */
async function upsertSourceTables(trx: Transaction<Database>, rows: FigureRow[]): Promise<Map<string, number>> {
  const tables = new Map<string, { row: FigureRow; first: number; last: number }>();
  for (const row of rows) {
    const key = sourceTableKey(row);
    const entry = tables.get(key);
    if (entry) {
      entry.first = Math.min(entry.first, row.line);
      entry.last = Math.max(entry.last, row.line);
    } else tables.set(key, { row, first: row.line, last: row.line });
  }
  const ids = new Map<string, number>();
  for (const [key, { row, first, last }] of tables) {
    const { source_table_id } = await trx
      .insertInto('dim_source_table')
      .values({ document: row.document, table_code: row.table, caption: row.caption, kind: row.kind, first_line: first, last_line: last })
      .onConflict((oc) =>
        oc.constraint('dim_source_table_identity').doUpdateSet((eb) => ({
          first_line: eb.fn('least', [eb.ref('dim_source_table.first_line'), eb.ref('excluded.first_line')]),
          last_line: eb.fn('greatest', [eb.ref('dim_source_table.last_line'), eb.ref('excluded.last_line')]),
        })),
      )
      .returning('source_table_id')
      .executeTakeFirstOrThrow();
    ids.set(key, source_table_id);
  }
  return ids;
}

/** Adds dimension members that curated files use but the reference lists do not name (named by their code). */
async function ensureDimensionMembers(trx: Transaction<Database>, rows: FigureRow[]): Promise<void> {
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  const years = [...new Set(rows.map((r) => r.year).filter((y): y is number => y !== null))];
  if (years.length > 0) {
    await trx
      .insertInto('dim_year')
      .values(years.map((year) => ({ year })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const [table, codes] of [
    ['dim_region', distinct(rows.map((r) => r.dims.region))],
    ['dim_nationality', distinct(rows.map((r) => r.dims.nationality))],
    ['dim_agency', distinct(rows.map((r) => r.dims.agency))],
    ['dim_fee_activity', distinct(rows.map((r) => r.dims.fee_activity))],
  ] as const) {
    if (codes.length === 0) continue;
    await trx
      .insertInto(table)
      .values(codes.map((code) => ({ code, name_sv: code, name_en: code })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const appropriations = distinct(rows.map((r) => r.dims.appropriation));
  if (appropriations.length > 0) {
    await trx
      .insertInto('dim_appropriation')
      .values(appropriations.map((code) => ({ code, name_sv: code, expenditure_area: Number(/^UO(\d+)/.exec(code)?.[1]) || null })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
