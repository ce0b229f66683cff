import { parse } from 'csv-parse/sync';
import { csvLine } from '../ingest/csv-line.js';
import { FIGURE_COLUMNS, type FigureColumn, type Unit } from './figure-vocabulary.js';
import { classifyRunningText } from './running-text-rules.js';

/** The note the curation script wrote, and what it says once the rules have given the measure. */
const SCRIPT_NOTE = 'unit and measure read from the words after the number';
const RULES_NOTE = 'unit read from the words after the number, measure from the running-text rules (running-text-rules.ts)';

export interface ClassifiedRow {
  line: number;
  quote: string;
  printed: string;
  measure: string;
  unit: string;
  rule: number;
}

/**
 * A `<doc>/running-text.csv` file with every row's measure and unit as the running-text rules give them. The rules
 * are the declaration: the file is their derived copy (a test holds it to them), so a curator who disagrees with a
 * measure changes a rule, or moves the figure to a chapter file of its own.
 */
export function classifyRunningTextFile(content: string): { content: string; rows: ClassifiedRow[] } {
  const [header, ...records] = parse(content, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  if (!header || header.join(',') !== FIGURE_COLUMNS.join(',')) throw new Error(`header must be: ${FIGURE_COLUMNS.join(',')}`);
  const index = (column: FigureColumn) => FIGURE_COLUMNS.indexOf(column);
  const rows: ClassifiedRow[] = [];
  const lines = records.map((record) => {
    const cell = (column: FigureColumn) => record[index(column)] ?? '';
    const { measure, unit, rule } = classifyRunningText({
      quote: cell('quote'),
      printed: cell('printed'),
      unit: cell('unit') as Unit,
      subgroup: cell('subgroup') || null,
    });
    const classified = [...record];
    classified[index('measure')] = measure;
    classified[index('unit')] = unit;
    classified[index('note')] = cell('note').replace(SCRIPT_NOTE, RULES_NOTE);
    rows.push({ line: Number(cell('line')), quote: cell('quote'), printed: cell('printed'), measure, unit, rule });
    return csvLine(classified);
  });
  return { content: csvLine(header) + lines.join(''), rows };
}
