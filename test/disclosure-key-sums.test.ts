import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKeySums } from '../warehouse/disclosure/cell-counts.js';
import { cellKey } from '../warehouse/disclosure/cell-key.js';
import { RECORD_KEY_MODULUS } from '../warehouse/disclosure/record-keys.js';
import { metric, type MetricName } from '../warehouse/metrics/catalog.js';
import type { Dimension } from '../warehouse/dimensions/dimension-registry.js';
import { metricQuery } from '../warehouse/metrics/metric-query.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const MOD = ` % ${RECORD_KEY_MODULUS}`;

describe('key sums leave the database mod 2^31', () => {
  it('give every cell the key its whole key sum gives (case flows and open balances, negative sums too)', async () => {
    let compared = 0;
    let negative = 0;
    for (const name of ['received', 'approval_rate', 'open_at_end', 'backlog_change'] as MetricName[]) {
      for (const by of [['YEAR'], ['MONTH', 'SEX'], ['QUARTER', 'REGION']] as Dimension[][]) {
        const request = { by, where: {}, comparePrevious: true, orderBy: [], limit: 100_000, offset: 0, cellKeys: true };
        const statement = metricQuery(database.db, metric(name), request).compile(database.db);
        expect(statement.sql).toContain(MOD);
        const parameters = [...statement.parameters];
        const modded = await database.pool.query(statement.sql, parameters);
        const whole = await database.pool.query(statement.sql.replaceAll(MOD, ''), parameters);
        modded.rows.forEach((row, i) => {
          for (const column of ['cell_counts', 'previous_cell_counts']) {
            const sent = row[column] as string[] | null;
            const sums = whole.rows[i]?.[column] as string[] | null;
            expect(sent === null).toBe(sums === null);
            for (let k = 1; sent && sums && k < sent.length; k += 2) {
              if (BigInt(sums[k] as string) < 0n) negative += 1;
              expect(cellKey(Number(sent[k]))).toBe(cellKey(BigInt(sums[k] as string)));
              compared += 1;
            }
          }
        });
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(negative).toBeGreaterThan(0);
  });

  it('added in Node, stay exact and give the key of the whole sum', () => {
    const parts = [RECORD_KEY_MODULUS - 1, RECORD_KEY_MODULUS - 2, -(RECORD_KEY_MODULUS - 3), 12_345];
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum = addKeySums(sum, parts[i % parts.length] as number);
    const whole = parts.reduce((s, p) => s + BigInt(p), 0n) * 25_000n;
    expect(cellKey(sum)).toBe(cellKey(whole));
  });
});
