import type { CellTarget } from './calibration-targets.js';
import type { GenerateOptions } from './generate-cases.js';
import { writeDeliveries } from './write-deliveries.js';

/**
 * The load's fingerprint without a database or files: sha256 over each simulated resource's sha256, in the
 * agencies' order (what ingestion stores in cases.load_info.checksum for the same deliveries).
 */
export async function deliveriesChecksum(targets: readonly CellTarget[], options: GenerateOptions): Promise<string> {
  return (await writeDeliveries(targets, null, options)).checksum;
}
