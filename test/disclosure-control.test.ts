import { describe, expect, it } from 'vitest';
import { controlRows, orderByDisclosedValue } from '../warehouse/disclosure/control-rows.js';
import type { CellCountName, CellCounts } from '../warehouse/disclosure/cell-counts.js';
import { METRIC_DISCLOSURE, MIN_SHOWN_BASE } from '../warehouse/disclosure/metric-disclosure.js';
import { METRICS } from '../warehouse/metrics/catalog.js';
import type { MetricRowData } from '../warehouse/metrics/metric-request.js';

const HALF = 2 ** 30; // a key sum whose cell key is 0.5
const NINE_TENTHS = Math.floor((2 ** 31 * 9) / 10);
const cells = (counts: Partial<Record<CellCountName, [number, number]>>): CellCounts =>
  new Map(Object.entries(counts).map(([name, [count, keySum]]) => [name as CellCountName, { count, keySum }]));
const row = (dims: MetricRowData['dims'], value: number | null, c: CellCounts): MetricRowData => ({
  bucket: '2023-01-01',
  dims,
  value,
  nullReason: null,
  support: 0,
  previous: null,
  previousSupport: null,
  also: [],
  alsoNullReasons: [],
  cells: c,
  previousCells: null,
});

describe('disclosure control by the cell key method (hand-worked cells)', () => {
  it('perturbs counts by their cell key, and leaves out a group whose flows perturb to 0', () => {
    const rows = [
      row({ REGION: 'nord' }, 40, cells({ received_n: [40, HALF] })), // key 0.5 → noise 0
      row({ REGION: 'syd' }, 1, cells({ received_n: [1, NINE_TENTHS] })), // count 1, key 0.9 → 5
      row({ REGION: 'vast' }, 3, cells({ received_n: [3, 0] })), // count 3, key 0 → 0: left out
    ];
    const shown = controlRows('received', rows, ['YEAR', 'REGION']);
    expect(shown.map((r) => [r.row.dims.REGION, r.row.value, r.suppressed])).toEqual([
      ['nord', 40, false],
      ['syd', 5, false],
    ]);
  });

  it('computes rates from perturbed counts and withholds them over a perturbed base under nine', () => {
    const rows = [
      // approved 40 (key 0.5 → 40) of approved + rejected 50 (keys 0.5 + 0 → 0.5 → 50): 0.8.
      row({ SEX: 'female' }, 0.81, cells({ decided_n: [50, HALF], approved_n: [40, HALF], rejected_n: [10, 0] })),
      // approved + rejected 6 (key 0 → noise −1 → 5 < 9): withheld.
      row({ SEX: 'male' }, 0.5, cells({ decided_n: [6, 0], approved_n: [3, 0], rejected_n: [3, 0] })),
    ];
    const shown = controlRows('approval_rate', rows, ['YEAR', 'SEX']);
    expect(shown.map((r) => [r.row.value, r.suppressed])).toEqual([
      [0.8, false],
      [null, true],
    ]);
    expect(MIN_SHOWN_BASE).toBe(9);
  });

  it('shows a mean as computed over a large cell and withholds it over a small one', () => {
    const rows = [
      row({ SEX: 'female' }, 151.5, cells({ decided_n: [50, HALF] })),
      row({ SEX: 'male' }, 90, cells({ decided_n: [4, NINE_TENTHS] })), // 4 → 5: shown as a count, too few for a mean
    ];
    expect(controlRows('mean_processing_days', rows, ['SEX']).map((r) => [r.row.value, r.suppressed])).toEqual([
      [151.5, false],
      [null, true],
    ]);
  });

  it('measures a region against the perturbed total of all regions', () => {
    const rows = [
      row({ REGION: 'nord' }, 0, cells({ decided_n: [50, HALF], approved_n: [40, HALF], rejected_n: [10, 0] })),
      row({ REGION: 'syd' }, 0, cells({ decided_n: [50, HALF], approved_n: [20, HALF], rejected_n: [30, 0] })),
    ];
    // Nord 40/50 = 0.8; national: approved 60 (key 1.0 → 0.0 → noise −4 → 56), merits 100 (key 0 → 96): 56/96.
    const shown = controlRows('approval_rate_deviation_pp', rows, ['REGION']);
    expect(shown[0]?.row.value).toBeCloseTo(100 * (0.8 - 56 / 96), 10);
    expect(shown[1]?.row.value).toBeCloseTo(100 * (0.4 - 56 / 96), 10);
  });

  it('orders by the disclosed value, withheld values last, ties in the database order', () => {
    const rows = [
      { row: row({ SEX: 'female' }, 10, cells({})), suppressed: false },
      { row: row({ SEX: 'male' }, null, cells({})), suppressed: true },
      { row: row({ SEX: 'other' }, 30, cells({})), suppressed: false },
      { row: row({ SEX: 'x' }, 10, cells({})), suppressed: false },
    ];
    const order = (descending: boolean) => orderByDisclosedValue(rows, [{ field: 'VALUE', descending }]).map((r) => r.row.dims.SEX);
    expect(order(true)).toEqual(['other', 'female', 'x', 'male']);
    expect(order(false)).toEqual(['female', 'x', 'other', 'male']);
  });

  it('has a disclosure rule for every metric computed from case facts (fail closed otherwise)', () => {
    for (const metric of METRICS.filter((m) => m.kind !== 'figure')) expect(METRIC_DISCLOSURE[metric.name], metric.name).toBeDefined();
    const unknown = controlRows('no_such_metric', [row({}, 12, cells({ received_n: [12, HALF] }))], []);
    expect(unknown.map((r) => [r.row.value, r.suppressed])).toEqual([[null, true]]);
  });
});
