import { NULL_REASONS, type NullReason } from '../../warehouse/metrics/null-reason.js';
import type { MetricDefinition, MetricUnit } from '../../warehouse/metrics/metric-definition.js';
import { findMetric } from '../../warehouse/metrics/catalog.js';
import type { CubeSelection, SelectedVariable } from './cube-selection.js';
import type { CubeValues } from './cube-values.js';
import type { Language } from './language.js';
import { CONTENTS, TIME } from './table-catalog.js';
import { timeCodelists } from './time-codelists.js';
import type { ResolvedTable } from './table-variables.js';

/** Decimals shown per unit: counts and money whole, durations to a tenth, shares to a thousandth. */
const DECIMALS: Record<MetricUnit, number> = { cases: 0, persons: 0, SEK: 0, days: 1, months: 1, points: 1, ratio: 3 };
const UNIT_LABELS: Record<MetricUnit, { sv: string; en: string }> = {
  cases: { sv: 'antal ärenden', en: 'cases' },
  persons: { sv: 'antal personer', en: 'persons' },
  SEK: { sv: 'kronor', en: 'SEK' },
  days: { sv: 'dagar', en: 'days' },
  months: { sv: 'månader', en: 'months' },
  points: { sv: 'procentenheter', en: 'percentage points' },
  ratio: { sv: 'andel (0–1)', en: 'share (0–1)' },
};
/** The status symbol of a withheld or missing cell, as PxWeb writes it. */
export const MISSING_SYMBOL = '..';

export const SOURCE = { sv: 'Migrationsverket m.fl.; migrationslagret', en: 'Swedish Migration Agency et al.; migration warehouse' };

export interface DatasetContext {
  resolved: ResolvedTable;
  lang: Language;
  updated: string;
  /** Base URL of /api/v2, for links. */
  base: string;
}

type JsonObject = Record<string, unknown>;

function dimension(d: SelectedVariable, context: DatasetContext, metadata: boolean): JsonObject {
  const { lang, resolved } = context;
  const labels = new Map(d.variable.values.map((v) => [v.code, v.label[lang]]));
  const category: JsonObject = {
    index: Object.fromEntries(d.codes.map((c, i) => [c, i])),
    label: Object.fromEntries(d.codes.map((c) => [c, labels.get(c) ?? c])),
  };
  if (d.variable.kind === 'contents') {
    category.unit = Object.fromEntries(
      d.codes.map((c) => {
        const unit = (findMetric(c) as MetricDefinition).unit;
        return [c, { label: UNIT_LABELS[unit][lang], decimals: DECIMALS[unit] }];
      }),
    );
  }
  const extension: JsonObject = { elimination: d.variable.elimination, show: 'value' };
  if (metadata) {
    extension.codelists =
      d.variable.kind === 'time'
        ? timeCodelists(resolved.table).map((c) => ({
            id: c.id,
            label: c.label[lang],
            type: 'Valueset',
            links: [{ rel: 'self', hreflang: lang, href: `${context.base}/codelists/${c.id}?lang=${lang}` }],
          }))
        : [];
  }
  return { label: d.variable.label[lang], category, extension };
}

/**
 * A JSON-stat 2.0 dataset: id and size in stub-then-heading order, values row-major (last dimension fastest),
 * role.time and role.metric, a unit with decimals per content, status `..` for every null with its reason in a note,
 * updated, source and label. With `values` absent it is the table's metadata (value: []).
 */
export function jsonStatDataset(
  context: DatasetContext,
  selection: Pick<CubeSelection, 'dimensions' | 'heading' | 'stub'>,
  cube: CubeValues | null,
): JsonObject {
  const { lang, resolved } = context;
  const dims = selection.dimensions;
  const ids = dims.map((d) => d.variable.code);
  const dataset: JsonObject = {
    version: '2.0',
    class: 'dataset',
    href: `${context.base}/tables/${resolved.table.id}/data?lang=${lang}`,
    label: resolved.table.label[lang],
    source: SOURCE[lang],
    updated: context.updated,
    id: ids,
    size: dims.map((d) => d.codes.length),
    dimension: Object.fromEntries(dims.map((d) => [d.variable.code, dimension(d, context, cube === null)])),
    value: cube ? cube.values : [],
  };
  const role: JsonObject = {};
  if (ids.includes(TIME)) role.time = [TIME];
  if (ids.includes(CONTENTS)) role.metric = [CONTENTS];
  if (Object.keys(role).length > 0) dataset.role = role;
  if (cube && cube.reasons.size > 0) {
    dataset.status = Object.fromEntries([...cube.reasons.keys()].map((i) => [String(i), MISSING_SYMBOL]));
    const shown = [...new Set(cube.reasons.values())];
    dataset.note = shown.map((r) => `${MISSING_SYMBOL} ${r}: ${NULL_REASONS[r]}`);
  }
  dataset.extension = {
    px: {
      tableid: resolved.table.id,
      language: lang,
      contents: resolved.table.label[lang],
      decimals: Math.max(...resolved.table.contents.map((m) => DECIMALS[m.unit])),
      'official-statistics': false,
      aggregallowed: false,
      heading: selection.heading,
      stub: selection.stub,
    },
    ...(cube && cube.reasons.size > 0 ? { nullReasons: Object.fromEntries([...cube.reasons].map(([i, r]) => [String(i), r as NullReason])) } : {}),
  };
  return dataset;
}
