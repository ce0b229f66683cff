import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../warehouse/database/tables.js';
import { FIGURE_COLUMNS } from '../../warehouse/published/figure-vocabulary.js';
import { loadPublishedFigures } from '../../warehouse/published/load-figures.js';

/** The table the reloaded figure is printed in: no curated figure uses it, so the test owns its answer. */
export const RELOADED_TABLE = 'Tabell 99.9';

/** Asks for the reloaded figure's value. */
export const RELOADED_FIGURE_QUERY = `{ publishedFigures(where: { table: "${RELOADED_TABLE}" }) { nodes { value } } }`;

/** Loads (or reloads) one curated file holding one figure of the given value, as a figure load in production does. */
export async function reloadFigure(db: Kysely<Database>, value: number): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'figure-reload-'));
  await mkdir(path.join(directory, '000'));
  const file = path.join(directory, '000', 'cache-test.csv');
  const row = `000_c6bd8d7f0150f31e.txt,10,quote ${value},${RELOADED_TABLE},Test,table,received,cases,${value},${value},2023,,false,ASYLUM,first_time,,,,,,,,,,`;
  await writeFile(file, `${FIGURE_COLUMNS.join(',')}\n${row}\n`);
  const report = await loadPublishedFigures(db, { baseDirectory: directory, files: [file] });
  if (report.rejected.length) throw new Error(`reload rejected: ${report.rejected[0]?.message}`);
}
