import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';
import { projectRoot } from '../project-root.js';
import { AGENCIES, type AgencyCode, isAgencyCode } from './agencies.js';
import { currentSchema, targetColumn } from './table-schema.js';
import { TARGET_VOCABULARY } from './target-vocabulary.js';

/** Where the code maps are kept: `<agency>/<field>.csv`, columns source_code, code, valid_from, valid_to. */
export const CODE_MAP_DIRECTORY = path.join(projectRoot(), 'warehouse', 'ingest', 'code-maps');

export interface CodeMapRow {
  agency: AgencyCode;
  field: string;
  sourceCode: string;
  code: string;
  validFrom: string;
  /** Last day in force; null: open. */
  validTo: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields of the agencies' schemas that name a code map, with the warehouse column each fills. */
function codeMapTargets(): Map<string, string> {
  const targets = new Map<string, string>();
  for (const agency of Object.values(AGENCIES)) {
    for (const resource of agency.resources) {
      for (const field of currentSchema(agency.code, resource).fields) {
        const map = field['x-codeMap'];
        if (map) targets.set(`${agency.code}/${map}`, targetColumn(field));
      }
    }
  }
  return targets;
}

/**
 * Reads and checks every code map: each maps to a code of the warehouse's vocabulary, dates are ISO and ordered, and
 * no source code has two rows in force on the same day (the mapping of a row is then never ambiguous).
 */
export async function readCodeMaps(directory = CODE_MAP_DIRECTORY): Promise<CodeMapRow[]> {
  const targets = codeMapTargets();
  const rows: CodeMapRow[] = [];
  const problems: string[] = [];
  for (const agency of (await readdir(directory)).sort()) {
    if (!isAgencyCode(agency)) {
      problems.push(`${agency}: not an agency (${Object.keys(AGENCIES).join(', ')})`);
      continue;
    }
    for (const file of (await readdir(path.join(directory, agency))).filter((f) => f.endsWith('.csv')).sort()) {
      const field = file.slice(0, -4);
      const where = `${agency}/${file}`;
      const target = targets.get(`${agency}/${field}`);
      if (!target) {
        problems.push(`${where}: no field of ${agency}'s schemas names the code map "${field}"`);
        continue;
      }
      const vocabulary = TARGET_VOCABULARY[target] ?? [];
      const records = parse(await readFile(path.join(directory, agency, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
        string,
        string
      >[];
      const seen: CodeMapRow[] = [];
      records.forEach((record, index) => {
        const line = index + 2;
        const row: CodeMapRow = {
          agency,
          field,
          sourceCode: record.source_code ?? '',
          code: record.code ?? '',
          validFrom: record.valid_from ?? '',
          validTo: record.valid_to ? record.valid_to : null,
        };
        if (!row.sourceCode) problems.push(`${where}:${line}: source_code is empty`);
        if (!vocabulary.includes(row.code))
          problems.push(`${where}:${line}: "${row.code}" is not a ${target} of the warehouse (${vocabulary.join(', ')})`);
        if (!ISO_DATE.test(row.validFrom)) problems.push(`${where}:${line}: valid_from must be a date YYYY-MM-DD, got "${row.validFrom}"`);
        if (row.validTo !== null && (!ISO_DATE.test(row.validTo) || row.validTo < row.validFrom))
          problems.push(`${where}:${line}: valid_to must be a date on or after valid_from, got "${row.validTo}"`);
        const overlap = seen.find(
          (o) => o.sourceCode === row.sourceCode && (o.validTo ?? '9999-12-31') >= row.validFrom && (row.validTo ?? '9999-12-31') >= o.validFrom,
        );
        if (overlap) problems.push(`${where}:${line}: "${row.sourceCode}" is already mapped for part of this period (to ${overlap.code})`);
        seen.push(row);
      });
      rows.push(...seen);
    }
  }
  if (problems.length) throw new Error(`code maps refused:\n  ${problems.join('\n  ')}`);
  return rows;
}

/** Replaces the warehouse's code maps with the repository's (in the caller's transaction, or alone). */
export async function loadCodeMaps<D>(db: Kysely<D>, directory = CODE_MAP_DIRECTORY): Promise<number> {
  const rows = await readCodeMaps(directory);
  await db.transaction().execute(async (trx) => {
    // Several API processes may start at once over one database: one replaces the maps at a time (readers go on).
    await sql`lock table ingest.code_map in share row exclusive mode`.execute(trx);
    await sql`delete from ingest.code_map`.execute(trx);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await sql`insert into ingest.code_map (agency, field, source_code, code, valid_from, valid_to)
        select * from unnest(${chunk.map((r) => r.agency)}::text[], ${chunk.map((r) => r.field)}::text[], ${chunk.map((r) => r.sourceCode)}::text[],
          ${chunk.map((r) => r.code)}::text[], ${chunk.map((r) => r.validFrom)}::date[], ${chunk.map((r) => r.validTo)}::date[])`.execute(trx);
    }
  });
  return rows.length;
}
