/**
 * `npm run load -- --scale N [--seed S] [--quiet]`: (re)loads the case-level facts at a scale. Uses DATABASE_URL,
 * else the embedded PostgreSQL of the default data directory: the running server's cluster when `npm start` runs
 * (the server sees the swap at once), or one booted here as `npm start` does. Migrates and loads the changed
 * published figures first, since the generator is calibrated to them. Also runs compiled:
 * `node dist/warehouse/cases/load-cases.cli.js --scale N`.
 */
import { parseArgs } from 'node:util';
import { runCommand, withLoadSession } from '../database/load-session.js';
import { DEFAULT_SEED, loadCases } from './load-cases.js';

const log = (line: string) => console.error(`[load-cases] ${line}`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, seed: { type: 'string' }, quiet: { type: 'boolean', default: false } },
    strict: true,
  });
  const scale = Number(values.scale);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got ${values.scale}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  return withLoadSession('load-cases', log, async (db) => {
    const result = await loadCases(db, { scale, seed, quiet: values.quiet });
    log(
      `loaded scale ${scale}, seed ${seed}: ${result.caseRows} cases, ${result.eventRows} events in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round((result.caseRows + result.eventRows) / result.seconds)} rows/s), checksum ${result.checksum}`,
    );
    return 0;
  });
}

// The publish is one transaction: whatever failed, the warehouse being served is the one loaded before.
runCommand(main, (message) => log(`load failed, the current warehouse is unchanged: ${message}`));
