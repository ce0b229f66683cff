import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DeliveryRefusal } from './delivery-refusal.js';
import type { DeliveryManifest } from './manifest.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The package layer: every file is there, has the byte count and the sha256 its manifest states, is not empty and
 * does not start with a byte order mark. Files are streamed (never held), so any size verifies in constant memory.
 */
export async function verifyFiles(manifest: DeliveryManifest, onBytes?: (bytes: number) => void): Promise<void> {
  for (const resource of manifest.resources) {
    const file = resource.path;
    const size = await stat(resource.absolutePath).then(
      (s) => (s.isFile() ? s.size : null),
      () => null,
    );
    if (size === null) throw new DeliveryRefusal('MISSING_FILE', 'the manifest names a file the delivery does not hold', { file });
    if (size === 0) throw new DeliveryRefusal('EMPTY_FILE', 'the file is empty: a CSV resource has at least its header line', { file, line: 1 });
    if (size !== resource.bytes)
      throw new DeliveryRefusal('BYTE_COUNT', `the file has ${size} bytes, the manifest says ${resource.bytes} (truncated or changed in transit?)`, {
        file,
      });
    const hash = createHash('sha256');
    let first: Buffer | null = null;
    for await (const chunk of createReadStream(resource.absolutePath, { highWaterMark: 1 << 20 })) {
      const buffer = chunk as Buffer;
      if (first === null) first = buffer.subarray(0, 3);
      hash.update(buffer);
      onBytes?.(buffer.length);
    }
    if (first?.equals(BOM))
      throw new DeliveryRefusal('ENCODING', 'the file starts with a byte order mark (BOM): the contract is UTF-8 without one', { file, line: 1 });
    const actual = `sha256:${hash.digest('hex')}`;
    if (actual !== resource.hash) throw new DeliveryRefusal('CHECKSUM', `sha256 is ${actual}, the manifest says ${resource.hash}`, { file });
  }
}
