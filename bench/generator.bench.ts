/**
 * `npm run bench:generator [-- --scales 1,10]`: generates and loads the case-level facts at scale 1 and scale 10
 * into an embedded PostgreSQL of its own (fresh data directory under the system's temporary folder, removed after)
 * and prints, per scale: seconds for generation + COPY + indexes + rollups + swap, rows per second, and peak memory
 * of this process — sampled process.memoryUsage().rss, the kernel's VmHWM (reset per scale) and
 * process.resourceUsage().maxRSS (lifetime). Memory should not grow with the scale: rows are streamed, never held.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDatabase } from '../warehouse/database/database-target.js';
import { bootEmbeddedPostgres, databaseUrl } from '../warehouse/database/embedded-postgres.js';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { prepareWarehouse } from '../warehouse/prepare-warehouse.js';
import { loadCases } from '../warehouse/cases/load-cases.js';
import { kernelPeakMb, resetKernelPeak, sampleMemory } from './generator-memory.js';

const { values } = parseArgs({ options: { scales: { type: 'string', default: '1,10' }, seed: { type: 'string', default: '20240101' } } });
const scales = (values.scales ?? '1,10').split(',').map(Number);

const parent = await mkdtemp(path.join(os.tmpdir(), 'generator-bench-'));
// As root, PostgreSQL runs as the `postgres` user, which must be able to enter this folder.
await chmod(parent, 0o755);
const cluster = await bootEmbeddedPostgres({ dataDirectory: path.join(parent, 'data') });
try {
  await ensureDatabase(cluster.url, 'generator_bench');
  const url = databaseUrl(cluster.url, 'generator_bench');
  const warehouse = connectWarehouse(url);
  await prepareWarehouse(warehouse.db, { caseScale: 0 });
  await warehouse.close();

  console.log(`generator bench: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log('scale | cases | events | seconds | rows/s | peak rss (sampled) | VmHWM | maxRSS (lifetime)');
  for (const scale of scales) {
    resetKernelPeak();
    const sampler = sampleMemory();
    const result = await loadCases(url, { scale, seed: Number(values.seed), quiet: true });
    const peakSampled = sampler.stop();
    const rows = result.caseRows + result.eventRows;
    console.log(
      `${scale} | ${result.caseRows} | ${result.eventRows} | ${result.seconds.toFixed(1)} | ${Math.round(rows / result.seconds)} | ` +
        `${peakSampled.toFixed(0)} MiB | ${kernelPeakMb().toFixed(0)} MiB | ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
  }
} finally {
  await cluster.stop();
  await rm(parent, { recursive: true, force: true });
}
