import { NULL_REASONS, type NullReason } from '../../warehouse/metrics/null-reason.js';
import type { CubeSelection, SelectedVariable } from './cube-selection.js';
import type { CubeValues } from './cube-values.js';
import type { Language } from './language.js';
import { CONTENTS, TIME } from './table-catalog.js';
import { attributeCodelists } from './attribute-codelists.js';
import { timeCodelists } from './time-codelists.js';
import type { ResolvedTable } from './table-variables.js';

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
        const unit = resolved.units[c];
        return [c, { label: unit?.label[lang] ?? '', decimals: unit?.decimals ?? 0 }];
      }),
    );
  }
  const extension: JsonObject = { elimination: d.variable.elimination, show: 'value' };
  if (metadata) {
    const lists =
      d.variable.kind === 'time' ? timeCodelists(resolved.table) : d.variable.kind === 'attribute' ? attributeCodelists(d.variable.dimension) : [];
    extension.codelists = lists.map((c) => ({
      id: c.id,
      label: c.label[lang],
      type: c.type,
      links: [{ rel: 'self', hreflang: lang, href: `${context.base}/codelists/${c.id}?lang=${lang}` }],
    }));
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
  const notes = [...(resolved.notes ?? [])];
  if (cube && cube.reasons.size > 0) {
    dataset.status = Object.fromEntries([...cube.reasons.keys()].map((i) => [String(i), MISSING_SYMBOL]));
    const shown = [...new Set(cube.reasons.values())];
    notes.push(...shown.map((r) => `${MISSING_SYMBOL} ${r}: ${NULL_REASONS[r]}`));
  }
  if (notes.length > 0) dataset.note = notes;
  dataset.extension = {
    px: {
      tableid: resolved.table.id,
      language: lang,
      contents: resolved.table.label[lang],
      decimals: Math.max(0, ...Object.values(resolved.units).map((u) => u.decimals)),
      'official-statistics': false,
      aggregallowed: false,
      heading: selection.heading,
      stub: selection.stub,
    },
    ...(cube && cube.reasons.size > 0 ? { nullReasons: Object.fromEntries([...cube.reasons].map(([i, r]) => [String(i), r as NullReason])) } : {}),
    // Where each published figure was printed: its line and exact quote (source tables).
    ...(cube?.sources && cube.sources.size > 0 ? { figures: Object.fromEntries([...cube.sources].map(([i, s]) => [String(i), s])) } : {}),
  };
  return dataset;
}
