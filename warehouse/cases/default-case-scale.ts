/**
 * The scale of the case-level facts a first start loads, unless CASE_SCALE says otherwise (0 = none). Measured with
 * `npm run bench:generator` on the 2-core, 24 GiB development machine (embedded PostgreSQL 18): scale 1 — about
 * 2.0 million cases and 4.0 million events — generates and loads in 33 s on an idle machine (≈ 180 000 rows/s) and
 * in 58–80 s while other test runs compete for the two cores. Under a minute when the machine is the server's own,
 * so the default is the national volume, 1. `npm run load -- --scale N` reloads at any other scale.
 */
export const DEFAULT_CASE_SCALE = 1;

export function defaultCaseScale(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.CASE_SCALE;
  if (configured === undefined || configured.trim() === '') return DEFAULT_CASE_SCALE;
  const scale = Number(configured);
  if (!Number.isFinite(scale) || scale < 0) throw new Error(`CASE_SCALE must be a number ≥ 0 (0 = no case facts), got "${configured}"`);
  return scale;
}
