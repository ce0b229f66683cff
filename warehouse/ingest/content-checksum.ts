import { createHash } from 'node:crypto';

/** One resource of a load, by its content: `sha256:<hex>` of its file. */
export interface ResourceHash {
  agency: string;
  resource: string;
  hash: string;
}

/**
 * A load's fingerprint (cases.load_info.checksum): sha256 over its resources' hashes in order, and first the load it
 * builds on when it is a delta (`previous`). The simulator computes the same for the deliveries it writes.
 */
export function contentChecksum(resources: readonly ResourceHash[], previous: string | null = null): string {
  const hash = createHash('sha256');
  if (previous !== null) hash.update(`previous ${previous}\n`);
  for (const r of resources) hash.update(`${r.agency}/${r.resource} ${r.hash}\n`);
  return hash.digest('hex');
}
