import { connectWarehouse, type WarehouseConnection } from '../warehouse/database/connect.js';
import { ensureDatabase } from '../warehouse/database/database-target.js';
import { databaseUrl } from '../warehouse/database/embedded-postgres.js';
import { loadCaseData, type CaseDataReport } from './case-data.js';

/** A warehouse at one scale of the case facts, in a database of its own beside the bench database. */
export interface ScaleDatabase {
  url: string;
  warehouse: WarehouseConnection;
  loaded: CaseDataReport;
}

/**
 * Creates the database `bench_scale_<scale>` on the bench's server and loads the warehouse into it at `scale`. The
 * scale curve serves every scale at once, each from its own database, so that its cells are measured in the same
 * interleaved rounds: measured one scale after the other, twenty minutes and a 20 M-row load apart, a cell that landed
 * on a slow minute of this shared machine read as growth with the data.
 */
export async function openScaleDatabase(serverUrl: string, scale: number, poolSize: number): Promise<ScaleDatabase> {
  const name = `bench_scale_${String(scale).replace('.', '_')}`;
  await ensureDatabase(serverUrl, name);
  const url = databaseUrl(serverUrl, name);
  const warehouse = connectWarehouse(url, { maxConnections: poolSize, applicationName: `bench-raw-scale-${scale}` });
  try {
    return { url, warehouse, loaded: await loadCaseData(warehouse.db, scale) };
  } catch (error) {
    await warehouse.close();
    throw error;
  }
}
