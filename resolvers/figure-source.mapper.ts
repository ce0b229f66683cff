import type { HeadlineFigure } from '../warehouse/queries/headline-figures.js';
import type { FigureSource } from '../schema/figure-source.type.js';

export function toFigureSource(figure: HeadlineFigure): FigureSource {
  return {
    measure: figure.measure,
    value: figure.base_value,
    unit: figure.base_unit,
    document: figure.document,
    line: figure.line,
    quote: figure.quote,
    table: figure.table_code,
    caption: figure.caption,
  };
}
