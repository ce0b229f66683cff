import type { Kysely } from 'kysely';
import type { Database } from '../../warehouse/database/tables.js';
import type { Dimension, TimeDimension } from '../../warehouse/dimensions/dimension-registry.js';
import { computeMetricPage } from '../../warehouse/metrics/compute-metric.js';
import { findMetric } from '../../warehouse/metrics/catalog.js';
import type { MetricDefinition } from '../../warehouse/metrics/metric-definition.js';
import type { MetricFilter, MetricRequest } from '../../warehouse/metrics/metric-request.js';
import type { NullReason } from '../../warehouse/metrics/null-reason.js';
import { codeCombinations, type CubeSelection, type SelectedVariable } from './cube-selection.js';
import { ATTRIBUTES } from '../../warehouse/dimensions/dimension-registry.js';
import { bucketCode, type TimeCode } from './time-codes.js';
import type { Role } from '../../resolvers/roles.js';

/** The values of a selection, row-major in its dimension order (the last dimension fastest), with why any is null. */
export interface CubeValues {
  values: (number | null)[];
  /** Cell index → why its value is null. */
  reasons: Map<number, NullReason>;
  /** Cell index → where a published figure was printed (source tables). */
  sources?: Map<number, { line: number; quote: string; printed: string }>;
}

/** Every row of a grouping at once: PxWeb answers whole cubes, never pages. */
const ALL_ROWS = 10_000_000;
const SEP = '\u0001';

/**
 * A cell the engine returns no row for: a count of cases there is 0 (the engine groups only what exists, and for the
 * public role it leaves out rows whose counts all perturb to 0); anything else has nothing to rest on.
 */
function absent(definition: MetricDefinition): { value: number | null; reason: NullReason | null } {
  if (definition.kind === 'figure') return { value: null, reason: 'NOT_PUBLISHED' };
  if (definition.kind === 'case_flow' && definition.unit === 'cases' && !definition.counts) return { value: 0, reason: null };
  return { value: null, reason: 'NO_CASES' };
}

/**
 * Computes a selection with the metric engine (warehouse/metrics/compute-metric.ts, the path `metric(…)` takes):
 * one engine request per content and time grain, grouped by every selected variable and filtered to the selected
 * values; eliminated variables are simply not grouped by, so the engine computes their total, rates included.
 * `controlled` is the public role's disclosure control, exactly as for GraphQL (cell keys, suppression).
 * Throws MetricRequestError as the engine does.
 */
export async function computeCube(db: Kysely<Database>, selection: CubeSelection, role: Role): Promise<CubeValues> {
  const dims = selection.dimensions;
  const contents = dims.find((d) => d.variable.kind === 'contents') as SelectedVariable;
  const time = dims.find((d) => d.variable.kind === 'time');
  const attributes = dims.filter((d) => d.variable.kind === 'attribute');
  const periodsOf = new Map<string, TimeCode>(time?.variable.kind === 'time' ? time.variable.periods.map((p) => [p.code, p]) : []);
  const selectedPeriods = time ? time.codes.map((c) => periodsOf.get(c) as TimeCode) : [];
  const grains: (TimeDimension | null)[] = time ? [...new Set(selectedPeriods.map((p) => p.grain))] : [null];

  // Variables under an aggregation codelist: each selected group is computed as one cell (filtered to its members).
  const grouped = attributes.filter((d) => d.variable.kind === 'attribute' && d.variable.groups !== undefined);
  const plain = attributes.filter((d) => !grouped.includes(d));
  const where: MetricFilter = {};
  for (const d of plain) {
    if (d.variable.kind !== 'attribute') continue;
    // All values selected: no filter, so the engine needs no list of them.
    if (d.codes.length < d.variable.values.length) (where as Record<string, readonly string[]>)[ATTRIBUTES[d.variable.dimension].key] = d.codes;
  }
  const by: Dimension[] = plain.flatMap((d) => (d.variable.kind === 'attribute' ? [d.variable.dimension] : []));
  const groupCombinations = codeCombinations(grouped.map((d) => d.codes));

  /** Cell key in a fixed order: content, time, then the attributes in selection order. */
  const found = new Map<string, { value: number | null; reason: NullReason | null }>();
  const requests: Promise<void>[] = [];
  for (const name of contents.codes) {
    const definition = findMetric(name) as MetricDefinition;
    const controlled = role === 'public' && definition.kind !== 'figure';
    for (const grain of grains)
      for (const combination of groupCombinations) {
        const groupWhere: Record<string, readonly string[]> = {};
        grouped.forEach((d, i) => {
          if (d.variable.kind === 'attribute')
            groupWhere[ATTRIBUTES[d.variable.dimension].key] = d.variable.groups?.get(combination[i] as string) ?? [];
        });
        const periods = selectedPeriods.filter((p) => p.grain === grain);
        const timeWhere: MetricFilter =
          grain === null
            ? {}
            : grain === 'YEAR'
              ? { year: periods.map((p) => Number(p.code)) }
              : {
                  from: periods.map((p) => p.from).sort()[0],
                  to: periods
                    .map((p) => p.to)
                    .sort()
                    .at(-1),
                };
        const request: MetricRequest = {
          by: grain === null ? by : [grain, ...by],
          where: { ...where, ...groupWhere, ...timeWhere },
          comparePrevious: false,
          orderBy: [],
          limit: ALL_ROWS,
          offset: 0,
        };
        requests.push(
          computeMetricPage(db, definition, request, controlled).then((page) => {
            for (const row of page.rows) {
              const timeCode = grain === null ? '' : row.data.bucket ? bucketCode(row.data.bucket, grain) : '';
              const dimsOf = new Map(by.map((d) => [d, row.data.dims[d] ?? '']));
              const key = [
                name,
                timeCode,
                ...attributes.map((d) =>
                  grouped.includes(d) ? combination[grouped.indexOf(d)] : d.variable.kind === 'attribute' ? dimsOf.get(d.variable.dimension) : '',
                ),
              ].join(SEP);
              found.set(key, {
                value: row.suppressed ? null : row.data.value,
                reason: row.suppressed ? 'SUPPRESSED' : row.data.value === null ? (row.data.nullReason ?? 'NO_CASES') : null,
              });
            }
          }),
        );
      }
  }
  await Promise.all(requests);

  const values: (number | null)[] = new Array(selection.cells);
  const reasons = new Map<number, NullReason>();
  const position = dims.map(() => 0);
  for (let i = 0; i < selection.cells; i++) {
    const codeOf = (d: SelectedVariable) => d.codes[position[dims.indexOf(d)] as number] as string;
    const name = codeOf(contents);
    const key = [name, time ? codeOf(time) : '', ...attributes.map(codeOf)].join(SEP);
    const cell = found.get(key) ?? absent(findMetric(name) as MetricDefinition);
    values[i] = cell.value;
    if (cell.value === null) reasons.set(i, cell.reason ?? 'NO_CASES');
    // Advance the odometer: the last dimension fastest.
    for (let k = dims.length - 1; k >= 0; k--) {
      const size = (dims[k] as SelectedVariable).codes.length;
      position[k] = ((position[k] as number) + 1) % size;
      if (position[k] !== 0) break;
    }
  }
  return { values, reasons };
}
