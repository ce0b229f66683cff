import {
  CASE_TYPE_CODES,
  DIMENSION_COLUMNS,
  FIGURE_COLUMNS,
  FIGURE_KINDS,
  SEXES,
  UNITS,
  type CaseTypeCode,
  type DimensionColumn,
  type FigureColumn,
  type FigureKind,
  type SexCode,
  type Unit,
} from './figure-vocabulary.js';
import { conventionalValue, signConvention } from './sign-convention.js';
import { parseSwedishNumber } from './swedish-number.js';

/** One validated published figure, as curated from a source document. */
export interface FigureRow {
  document: string;
  line: number;
  quote: string;
  table: string;
  caption: string;
  kind: FigureKind;
  measure: string;
  unit: Unit;
  printed: string;
  value: number;
  year: number | null;
  period: string | null;
  approximate: boolean;
  caseType: CaseTypeCode | null;
  sex: SexCode | null;
  /** Dimension values other than case type and sex, null when the figure is a total over that dimension. */
  dims: Record<Exclude<DimensionColumn, 'case_type' | 'sex'>, string | null>;
  note: string | null;
}

export type RawFigureRecord = Record<FigureColumn, string>;

const SLUG = /^[a-z0-9][a-z0-9_]*$/;
const DOCUMENT = /^\d{3}_[0-9a-f]{16}\.txt$/;
const APPROPRIATION = /^(total|UO\d{1,2}( \d:\d{1,2}(:\d{1,2})?)?)$/;
const NATIONALITY = /^([A-Z]{2}|stateless|unknown|other)$/;

function oneOf<T extends string>(values: readonly T[], text: string): text is T {
  return (values as readonly string[]).includes(text);
}

/** Validates one raw CSV record; returns the typed row or the list of problems (each naming its column). */
export function validateFigureRecord(raw: RawFigureRecord): { row: FigureRow } | { errors: string[] } {
  const errors: string[] = [];
  const text = (column: FigureColumn): string => (raw[column] ?? '').trim();
  const optional = (column: FigureColumn): string | null => text(column) || null;

  const document = text('document');
  if (!DOCUMENT.test(document)) errors.push(`document "${document}" is not a seed file name`);
  const line = Number(text('line'));
  if (!Number.isInteger(line) || line < 1) errors.push(`line "${text('line')}" is not a positive integer`);
  const quote = raw.quote ?? '';
  if (!quote.trim()) errors.push('quote is empty');
  const table = text('table');
  if (!table) errors.push('table is empty');
  const caption = text('caption');
  if (!caption) errors.push('caption is empty');
  const kind = text('kind');
  if (!oneOf(FIGURE_KINDS, kind)) errors.push(`kind "${kind}" is not one of ${FIGURE_KINDS.join(', ')}`);
  const measure = text('measure');
  if (!SLUG.test(measure)) errors.push(`measure "${measure}" is not snake_case`);
  const unit = text('unit');
  if (!oneOf(UNITS, unit)) errors.push(`unit "${unit}" is not one of ${UNITS.join(', ')}`);
  const printed = text('printed');
  const parsed = parseSwedishNumber(printed);
  if (parsed === null) errors.push(`printed "${printed}" is not a number as printed in Swedish notation`);
  else if (!quote.includes(printed)) errors.push(`printed "${printed}" does not stand in the quote`);
  const value = Number(text('value'));
  if (text('value') === '' || !Number.isFinite(value)) errors.push(`value "${text('value')}" is not a number`);
  else if (parsed !== null && Math.abs(conventionalValue(measure, parsed) - value) > 1e-9) {
    errors.push(
      signConvention(measure) === 'amount'
        ? `value ${value} is not the amount printed as ${printed}: ${measure} is an amount, its value is the printed number without the minus`
        : `value ${value} is not the printed ${printed}`,
    );
  }
  const yearText = text('year');
  const year = yearText === '' ? null : Number(yearText);
  if (year !== null && (!Number.isInteger(year) || year < 1990 || year > 2030)) errors.push(`year "${yearText}" is not a year`);
  const period = optional('period');
  if (year === null && period === null) errors.push('year and period are both empty');
  const approximateText = text('approximate');
  if (approximateText !== 'true' && approximateText !== 'false') errors.push(`approximate "${approximateText}" is not true or false`);
  const caseType = optional('case_type');
  if (caseType !== null && !oneOf(CASE_TYPE_CODES, caseType)) errors.push(`case_type "${caseType}" is not a case-type code`);
  const sex = optional('sex');
  if (sex !== null && !oneOf(SEXES, sex)) errors.push(`sex "${sex}" is not female or male (empty for both)`);
  const nationality = optional('nationality');
  if (nationality !== null && !NATIONALITY.test(nationality)) errors.push(`nationality "${nationality}" is not an ISO 3166 alpha-2 code`);
  const appropriation = optional('appropriation');
  if (appropriation !== null && !APPROPRIATION.test(appropriation)) errors.push(`appropriation "${appropriation}" is not like "UO8 1:1"`);
  for (const column of ['segment', 'age_group', 'region', 'agency', 'fee_activity', 'outcome', 'subgroup'] as const) {
    const v = optional(column);
    if (v !== null && !SLUG.test(v)) errors.push(`${column} "${v}" is not snake_case`);
  }
  if (errors.length > 0) return { errors };

  return {
    row: {
      document,
      line,
      quote,
      table,
      caption,
      kind: kind as FigureKind,
      measure,
      unit: unit as Unit,
      printed,
      value,
      year,
      period,
      approximate: approximateText === 'true',
      caseType: caseType as CaseTypeCode | null,
      sex: sex as SexCode | null,
      dims: {
        segment: optional('segment'),
        age_group: optional('age_group'),
        region: optional('region'),
        nationality,
        agency: optional('agency'),
        appropriation,
        fee_activity: optional('fee_activity'),
        outcome: optional('outcome'),
        subgroup: optional('subgroup'),
      },
      note: optional('note'),
    },
  };
}

/** The natural key of a figure within a report edition: two rows must never share it. */
export function figureKey(row: FigureRow): string {
  return [
    row.document,
    row.table,
    row.caption,
    row.measure,
    row.year ?? '',
    row.period ?? '',
    row.caseType ?? '',
    row.sex ?? '',
    ...DIMENSION_COLUMNS.filter((c) => c !== 'case_type' && c !== 'sex').map((c) => row.dims[c as keyof FigureRow['dims']] ?? ''),
  ].join('|');
}

export { FIGURE_COLUMNS };
