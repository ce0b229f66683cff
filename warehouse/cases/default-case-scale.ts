import { readConfig, SETTINGS } from '../../config/settings.js';

/**
 * The scale of the case-level facts a first start loads, unless CASE_SCALE says otherwise (0 = none). Measured with
 * `npm run bench:generator` on the 2-core, 24 GiB development machine (embedded PostgreSQL 18): scale 1 — about
 * 2.0 million cases and 4.0 million events — generates and loads in 33 s on an idle machine (≈ 180 000 rows/s) and
 * in 58–80 s while other test runs compete for the two cores. Under a minute when the machine is the server's own,
 * so the default is the national volume, 1. `npm run load -- --scale N` reloads at any other scale.
 */
export const DEFAULT_CASE_SCALE = SETTINGS.caseScale.parse(undefined);

/** CASE_SCALE as config/settings.ts reads and checks it (its default is DEFAULT_CASE_SCALE). */
export function defaultCaseScale(env: Readonly<Record<string, string | undefined>> = process.env): number {
  return readConfig(env).caseScale;
}
