import type { Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import { buildCalibrationTargets, type CellTarget } from './calibration-targets.js';
import { readPublishedCells, type PublishedCell } from './published-cells.js';

export interface Calibration {
  published: PublishedCell[];
  targets: CellTarget[];
}

/** The published cells of the warehouse and the generator targets built from them. */
export async function readCalibration(db: Kysely<Database>): Promise<Calibration> {
  const published = await readPublishedCells(db);
  return { published, targets: buildCalibrationTargets(published) };
}
