/**
 * `npm run deliveries -- --scale S --out DIR [--seed N] [--flaws] [--extract N]`: the source simulator. Writes the
 * three agencies' full deliveries, in the contract of docs/ingest.md, calibrated to the published totals; `--flaws`
 * adds the faults real extracts have (an unmapped code, a decision before its receipt, a duplicate row, an event
 * whose case comes later). Needs the published figures (the calibration), from DATABASE_URL or the embedded cluster.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { runCommand, withLoadSession } from '../database/load-session.js';
import { DEFAULT_SEED } from '../cases/load-cases.js';
import { AGENCY_CODES, type AgencyCode } from '../ingest/agencies.js';
import { readCalibration } from './read-calibration.js';
import { writeDeliveries } from './write-deliveries.js';

const log = (line: string) => console.error(`[deliveries] ${line}`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string' },
      flaws: { type: 'boolean', default: false },
      extract: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  const extract = Number(values.extract);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  if (!(Number.isInteger(extract) && extract > 0)) throw new Error(`--extract must be a whole number ≥ 1, got ${values.extract}`);
  if (!values.out) throw new Error('--out DIR is required: the folder the deliveries are written into');
  return withLoadSession('deliveries', log, async (db) => {
    const { targets } = await readCalibration(db);
    const extractIds = Object.fromEntries(AGENCY_CODES.map((a) => [a, extract])) as Record<AgencyCode, number>;
    const started = Date.now();
    const written = await writeDeliveries(targets, path.resolve(values.out as string), { scale, seed, flaws: values.flaws, extractIds });
    for (const d of written.deliveries)
      console.log(
        `${d.directory}: ${Object.entries(d.rows)
          .map(([r, n]) => `${r} ${n} rows`)
          .join(', ')}`,
      );
    log(
      `${written.caseRows} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; load them with: npm run ingest -- ${written.deliveries.map((d) => d.directory).join(' ')}`,
    );
    return 0;
  });
}

runCommand(main, (message) => log(`failed: ${message}`));
