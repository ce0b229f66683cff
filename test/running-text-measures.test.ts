import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { listFigureFiles } from '../warehouse/published/figure-files.js';
import { catalogueMeasure, COARSE_MEASURE, MEASURE_CATALOGUE } from '../warehouse/published/measure-catalogue.js';
import { readFigureFile } from '../warehouse/published/read-figure-file.js';
import { classifyRunningTextFile } from '../warehouse/published/running-text-file.js';
import { classifyRunningText, unitFits } from '../warehouse/published/running-text-rules.js';
import type { CatalogueMeasureName } from '../warehouse/published/measure-catalogue.js';

const allRows = async () => (await Promise.all((await listFigureFiles()).map(async (f) => (await readFigureFile(f)).rows))).flat();
const runningTextFiles = async () => (await listFigureFiles()).filter((f) => path.basename(f) === 'running-text.csv');

describe('the running-text figures carry measures from the declared rules', () => {
  test('no curated figure keeps a coarse measure (text_count, text_share, …); 762 had one before the rules', async () => {
    const coarse = (await allRows()).filter((r) => COARSE_MEASURE.test(r.measure));
    expect(coarse.map((r) => `${r.document}:${r.line} ${r.measure}`)).toEqual([]);
  });

  test('each running-text file is what the rules give (npm run figures:classify writes it)', async () => {
    for (const file of await runningTextFiles()) {
      const content = await readFile(file, 'utf8');
      expect(classifyRunningTextFile(content).content, file).toBe(content);
    }
  });

  test('every measure of a running-text figure is in the catalogue, labelled sv/en, in a unit of its family', async () => {
    const files = await runningTextFiles();
    let runningText = 0;
    for (const file of files) runningText += (await readFigureFile(file)).rows.length;
    expect(runningText).toBe(762);
    for (const file of files) {
      for (const row of (await readFigureFile(file)).rows) {
        const entry = catalogueMeasure(row.measure);
        expect(entry, `${row.document}:${row.line} ${row.measure}`).toBeDefined();
        expect(entry?.sv.trim()).not.toBe('');
        expect(entry?.en.trim()).not.toBe('');
        expect(unitFits(row.measure as CatalogueMeasureName, row.unit), `${row.document}:${row.line} ${row.measure} in ${row.unit}`).toBe(true);
      }
    }
  });

  test('the residuals are pinned: named measures for numbers that are no statistic or whose words the rules do not read', async () => {
    const counts = new Map<string, number>();
    for (const file of await runningTextFiles()) {
      for (const row of (await readFigureFile(file)).rows) counts.set(row.measure, (counts.get(row.measure) ?? 0) + 1);
    }
    const residual = [...counts].filter(([m]) => catalogueMeasure(m)?.residual !== undefined);
    expect(residual.reduce((n, [, c]) => n + c, 0)).toBe(330);
    const unrecognised = ['count_unclassified', 'share_unclassified', 'amount_unclassified', 'unlabelled_table_cell', 'word_fragment'];
    expect(unrecognised.reduce((n, m) => n + (counts.get(m) ?? 0), 0)).toBe(92);
    for (const [measure] of residual) expect(catalogueMeasure(measure)?.residual?.length ?? 0).toBeGreaterThan(10);
  });

  test('every catalogue measure has both labels and a unit; the rules read the words around the number', () => {
    for (const [name, entry] of Object.entries(MEASURE_CATALOGUE)) {
      expect(entry.sv, name).not.toBe('');
      expect(entry.en, name).not.toBe('');
      expect(entry.unit, name).toBeTruthy();
    }
    const figure = (quote: string, printed: string, unit: 'count' | 'percent' | 'mnkr') =>
      classifyRunningText({ quote, printed, unit, subgroup: null });
    expect(figure('Under året överfördes 906 kvotflyktingar vilket innebär', '906', 'count')).toMatchObject({
      measure: 'quota_refugees_transferred',
      unit: 'persons',
    });
    expect(figure('ökade med drygt nio procent jämfört med 2023', 'nio', 'percent').measure).toBe('change_percent');
    expect(figure('rapporterat in cirka 141 miljoner euro till EU-kommissionen,', '141', 'mnkr')).toMatchObject({
      measure: 'eu_fund_amount_eur',
      unit: 'meur',
    });
    expect(figure('fem procent av de överklagade utredningar', 'tre', 'count').measure).toBe('word_fragment');
  });
});
