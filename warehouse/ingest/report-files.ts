import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { DeliveryReport } from './delivery-report.js';

/** Writes `<agency>-<extract id>.json` and `.csv` (one reject a line) into the folder; returns the JSON's path. */
export async function writeReportFiles(directory: string, report: DeliveryReport): Promise<string> {
  await mkdir(directory, { recursive: true });
  const base = path.join(directory, `${report.agency}-${report.extractId}`);
  await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const header = ['resource', 'row', 'source_key', 'field', 'cell', 'kind', 'message'];
  const rows = report.details.map((d) => [d.resource, d.row, d.sourceKey ?? '', d.field, d.cell ?? '', d.kind, d.message]);
  await writeFile(`${base}.csv`, stringify([header, ...rows]));
  return `${base}.json`;
}
