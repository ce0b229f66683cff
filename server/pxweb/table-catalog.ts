import { METRICS } from '../../warehouse/metrics/catalog.js';
import type { MetricDefinition } from '../../warehouse/metrics/metric-definition.js';
import {
  ATTRIBUTE_DIMENSIONS,
  ATTRIBUTES,
  isTimeDimension,
  TIME_DIMENSIONS,
  type AttributeDimension,
  type TimeDimension,
} from '../../warehouse/dimensions/dimension-registry.js';
import { splitBilingual, type Bilingual } from './language.js';

/**
 * The PxWeb tables, derived from the metric catalogue: one table per metric family — the metrics of one kind
 * (case flows, open balances, published figures) that support the same dimensions and need the same ones. Nothing
 * here names a metric or a dimension: a metric added to the catalogue lands in its family's table, or makes a new one.
 */
export interface PxTable {
  /** Table id: the family's first metric, upper case (e.g. RECEIVED). Compared case-insensitively. */
  id: string;
  kind: MetricDefinition['kind'];
  label: Bilingual;
  /** The metrics, in catalogue order: the ContentsCode values. */
  contents: readonly MetricDefinition[];
  /** The attribute variables, in registry order. */
  variables: readonly AttributeDimension[];
  /** The time grains the time variable offers. */
  grains: readonly TimeDimension[];
  /** Variables a content needs (a region's deviation needs REGION): they cannot be eliminated. */
  mandatory: readonly AttributeDimension[];
  /** The time variable can be left out: the engine then computes the total over the coverage. */
  timeEliminable: boolean;
}

/** Code of the contents variable and of the time variable, as Statistics Sweden names them. */
export const CONTENTS = 'ContentsCode';
export const TIME = 'Tid';

const familyKey = (m: MetricDefinition) => [m.kind, [...m.dimensions].sort().join(','), [...(m.requires ?? [])].sort().join(',')].join('|');

function describe(contents: readonly MetricDefinition[], variables: readonly AttributeDimension[]): Bilingual {
  const titles = contents.map((m) => splitBilingual(m.title));
  const dims = variables.map((d) => splitBilingual(ATTRIBUTES[d].label));
  const list = (texts: string[], and: string) => (texts.length <= 1 ? texts.join('') : `${texts.slice(0, -1).join(', ')} ${and} ${texts.at(-1)}`);
  const more = (lang: 'sv' | 'en') => titles.map((t) => t[lang]);
  return {
    en: `${list(more('en'), 'and')}${
      dims.length
        ? ` by ${list(
            dims.map((d) => d.en.toLowerCase()),
            'and',
          )}`
        : ''
    } and period`,
    sv: `${list(more('sv'), 'och')}${
      dims.length
        ? ` efter ${list(
            dims.map((d) => d.sv.toLowerCase()),
            'och',
          )}`
        : ''
    } och period`,
  };
}

function deriveTables(): PxTable[] {
  const families = new Map<string, MetricDefinition[]>();
  for (const m of METRICS as readonly MetricDefinition[]) {
    const key = familyKey(m);
    families.set(key, [...(families.get(key) ?? []), m]);
  }
  return [...families.values()].map((contents) => {
    const first = contents[0] as MetricDefinition;
    const variables = ATTRIBUTE_DIMENSIONS.filter((d) => first.dimensions.includes(d));
    return {
      id: first.name.toUpperCase(),
      kind: first.kind,
      label: describe(contents, variables),
      contents,
      variables,
      grains: TIME_DIMENSIONS.filter((d) => first.dimensions.includes(d)),
      mandatory: (first.requires ?? []).filter((d): d is AttributeDimension => !isTimeDimension(d)),
      // Published figures are printed per year: a figure metric needs its year.
      timeEliminable: first.kind !== 'figure',
    };
  });
}

export const PX_TABLES: readonly PxTable[] = deriveTables();

export function findTable(id: string): PxTable | undefined {
  const wanted = id.toUpperCase();
  return PX_TABLES.find((t) => t.id === wanted);
}

/** Variable code of an attribute dimension: its key in filters and rows (e.g. caseType). */
export const variableCode = (d: AttributeDimension): string => ATTRIBUTES[d].key;

/** Every variable code of a table, in metadata order: the attributes, then contents and time (the default heading). */
export function variableCodes(table: PxTable): string[] {
  return [...table.variables.map(variableCode), CONTENTS, TIME];
}
