import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveriesChecksum } from '../warehouse/generator/deliveries-checksum.js';
import { readCalibration, type Calibration } from '../warehouse/generator/read-calibration.js';
import { caseLoadInfo, loadCases } from '../warehouse/cases/load-cases.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
let calibration: Calibration;

beforeAll(async () => {
  database = await createTestDatabase();
  calibration = await readCalibration(database.db);
});
afterAll(async () => {
  await database?.drop();
});

describe('deterministic case generation', () => {
  it('gives the same checksum for the same seed and scale, and another for another seed', { timeout: 60_000 }, async () => {
    const a = await deliveriesChecksum(calibration.targets, { scale: 0.01, seed: 7 });
    const b = await deliveriesChecksum(calibration.targets, { scale: 0.01, seed: 7 });
    const c = await deliveriesChecksum(calibration.targets, { scale: 0.01, seed: 8 });
    const d = await deliveriesChecksum(calibration.targets, { scale: 0.011, seed: 7 });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(d).not.toBe(a);
  });

  it('stores the streamed checksum with scale, seed and row counts, identical across reloads', { timeout: 60_000 }, async () => {
    const first = await loadCases(database.db, { scale: 0.01, seed: 7, quiet: true });
    const info = await caseLoadInfo(database.db);
    expect(info).toMatchObject({ scale: 0.01, seed: 7, case_rows: first.caseRows, event_rows: first.eventRows, checksum: first.checksum });
    expect(first.checksum).toBe(await deliveriesChecksum(calibration.targets, { scale: 0.01, seed: 7 }));

    const again = await loadCases(database.url, { scale: 0.01, seed: 7, quiet: true });
    expect(again.checksum).toBe(first.checksum);
    expect(again.caseRows).toBe(first.caseRows);

    const other = await loadCases(database.url, { scale: 0.01, seed: 8, quiet: true });
    expect(other.checksum).not.toBe(first.checksum);
    expect((await caseLoadInfo(database.db))?.checksum).toBe(other.checksum);
  });
});
