import { PxProblem } from './pxweb-problem.js';
import { parameter, type QueryParameters } from './request-parameters.js';

/** How a CSV answer writes its labels and separates its fields (API v2 `outputFormatParams`). */
export interface CsvOptions {
  labels: 'codes' | 'texts' | 'codesAndTexts';
  delimiter: string;
  includeTitle: boolean;
}

const LABELS = { usecodes: 'codes', usetexts: 'texts', usecodesandtexts: 'codesAndTexts' } as const;
const DELIMITERS = { separatortab: '\t', separatorspace: ' ', separatorsemicolon: ';' } as const;

/**
 * `outputFormatParams=UseCodes,SeparatorSemicolon,IncludeTitle` (case-insensitive): at most one label choice and one
 * separator, as PxAPI-2.yml's OutputFormatParamType allows; an unknown one is refused.
 */
export function csvOptionsOf(query: QueryParameters): CsvOptions {
  const options: CsvOptions = { labels: 'texts', delimiter: ',', includeTitle: false };
  const given = (parameter(query, 'outputFormatParams') ?? '')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  let labels = 0;
  let separators = 0;
  for (const p of given) {
    if (p in LABELS) {
      options.labels = LABELS[p as keyof typeof LABELS];
      labels++;
    } else if (p in DELIMITERS) {
      options.delimiter = DELIMITERS[p as keyof typeof DELIMITERS];
      separators++;
    } else if (p === 'includetitle') options.includeTitle = true;
    else
      throw new PxProblem(
        'unsupportedOutputFormat',
        `outputFormatParams: ${p.slice(0, 30)} is not one of UseCodes, UseTexts, UseCodesAndTexts, IncludeTitle, SeparatorTab, SeparatorSpace, SeparatorSemicolon`,
      );
  }
  if (labels > 1 || separators > 1)
    throw new PxProblem('unsupportedOutputFormat', 'outputFormatParams: at most one of UseCodes/UseTexts/UseCodesAndTexts and one separator');
  return options;
}
