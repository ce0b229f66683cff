import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../warehouse/database/migrate.js';
import { FIGURE_COLUMNS } from '../warehouse/published/figure-vocabulary.js';
import { FigureFileRejected, loadPublishedFigures } from '../warehouse/published/load-figures.js';
import { loadReferenceDimensions } from '../warehouse/reference/load-reference.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const HEADER = FIGURE_COLUMNS.join(',');
const row = (line: number, printed: string, value: number, year: number) =>
  `000_c6bd8d7f0150f31e.txt,${line},quote ${printed},Tabell 9.9,Test,table,received,cases,${printed},${value},${year},,false,ASYLUM,first_time,,,,,,,,,,`;

let database: TestDatabase;
let directory: string;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await migrateToLatest(database.db);
  await loadReferenceDimensions(database.db);
  directory = await mkdtemp(path.join(os.tmpdir(), 'figures-'));
  await mkdir(path.join(directory, '000'));
});
afterAll(async () => {
  await database?.drop();
});

const count = async (file: string) =>
  Number(
    (
      await database.db
        .selectFrom('fact_figure')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('curated_file', '=', file)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('loading curated figures', () => {
  it('loads a good file, and a second load loads nothing twice', async () => {
    await writeFile(path.join(directory, '000', 'good.csv'), `${HEADER}\n${row(10, '1 200', 1200, 2023)}\n${row(11, '900', 900, 2024)}\n`);
    const first = await loadPublishedFigures(database.db, { baseDirectory: directory });
    expect(first).toMatchObject({ loadedFiles: ['000/good.csv'], figuresLoaded: 2, rejected: [] });
    const second = await loadPublishedFigures(database.db, { baseDirectory: directory });
    expect(second).toMatchObject({ loadedFiles: [], unchangedFiles: ['000/good.csv'], figuresLoaded: 0 });
    expect(await count('000/good.csv')).toBe(2);
  });

  it('rejects a file with one malformed row, names its file and line, and loads nothing of it', async () => {
    await writeFile(path.join(directory, '000', 'bad.csv'), `${HEADER}\n${row(20, '5', 5, 2023)}\n${row(21, '7 000', 7001, 2024)}\n`);
    const report = await loadPublishedFigures(database.db, { baseDirectory: directory });
    expect(report.rejected).toEqual([{ file: '000/bad.csv', line: 3, message: 'value 7001 is not the printed 7 000' }]);
    expect(await count('000/bad.csv')).toBe(0);
    await expect(loadPublishedFigures(database.db, { baseDirectory: directory, strict: true })).rejects.toThrow(FigureFileRejected);
  });

  it('keeps the previous load of a file when its new version is bad, and replaces it when good', async () => {
    const file = path.join(directory, '000', 'good.csv');
    await writeFile(file, `${HEADER}\n${row(10, '1 200', 1200, 2023)}\nnot,a,row\n`);
    await loadPublishedFigures(database.db, { baseDirectory: directory });
    expect(await count('000/good.csv')).toBe(2);
    await writeFile(file, `${HEADER}\n${row(10, '1 300', 1300, 2023)}\n`);
    const report = await loadPublishedFigures(database.db, { baseDirectory: directory });
    expect(report.loadedFiles).toContain('000/good.csv');
    expect(await count('000/good.csv')).toBe(1);
  });
});
