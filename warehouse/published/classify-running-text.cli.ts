/**
 * `npm run figures:classify`: gives every running-text figure (`<doc>/running-text.csv`) its measure by the
 * running-text rules and prints how many figures each measure holds. `-- --check` writes nothing and exits 1 when a
 * file differs from what the rules give (a rule changed without the files, or a file edited by hand).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { listFigureFiles } from './figure-files.js';
import { catalogueMeasure, COARSE_MEASURE } from './measure-catalogue.js';
import { readFigureFile } from './read-figure-file.js';
import { classifyRunningTextFile } from './running-text-file.js';

const check = process.argv.includes('--check');
const files = (await listFigureFiles()).filter((f) => path.basename(f) === 'running-text.csv');
const counts = new Map<string, number>();
let drifted = 0;
for (const file of files) {
  const before = await readFile(file, 'utf8');
  const { content, rows } = classifyRunningTextFile(before);
  for (const row of rows) counts.set(row.measure, (counts.get(row.measure) ?? 0) + 1);
  if (content === before) continue;
  drifted += 1;
  if (check) console.log(`${file}: differs from what the running-text rules give (npm run figures:classify)`);
  else await writeFile(file, content);
}
const residual = [...counts].filter(([m]) => catalogueMeasure(m)?.residual !== undefined).reduce((n, [, c]) => n + c, 0);
for (const [measure, count] of [...counts].sort((a, b) => b[1] - a[1])) {
  const entry = catalogueMeasure(measure);
  console.log(`${String(count).padStart(4)}  ${measure}${entry?.residual ? `  (residual: ${entry.residual})` : ''}`);
}
const total = [...counts.values()].reduce((n, c) => n + c, 0);
console.log(`${total} running-text figures, ${counts.size} measures, ${residual} under residual measures`);
const coarse = (await Promise.all((await listFigureFiles()).map(async (f) => (await readFigureFile(f)).rows)))
  .flat()
  .filter((r) => COARSE_MEASURE.test(r.measure));
console.log(`${coarse.length} curated figures keep a coarse measure (text_*, table_*)`);
process.exit(check && drifted > 0 ? 1 : 0);
