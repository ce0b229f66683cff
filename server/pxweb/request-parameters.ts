import { DEFAULT_LANGUAGE, isLanguage, type Language } from './language.js';
import { PxProblem } from './pxweb-problem.js';
import { splitValueList } from './selection-expression.js';

/** A query string as Express hands it over (the simple parser: bracketed names stay literal keys). */
export type QueryParameters = Record<string, unknown>;

/** One variable's selection: its expressions and, optionally, a codelist. Keys are lower-cased variable codes. */
export interface VariableRequest {
  expressions: string[] | null;
  codelist: string | null;
}

/** A data request after parsing, before it meets the table: parameter names are matched case-insensitively. */
export interface DataRequest {
  lang: Language;
  outputFormat: OutputFormat;
  /** Lower-cased variable code → its selection; empty: the default selection. */
  selection: Map<string, VariableRequest>;
  heading: string[] | null;
  stub: string[] | null;
}

export const OUTPUT_FORMATS = ['json-stat2', 'csv', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const first = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

/** A parameter by name, whatever its case (R pxweb and SSB's clients spell them differently). */
export function parameter(query: QueryParameters, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(query)) if (key.toLowerCase() === wanted) return first(value);
  return undefined;
}

/** The answer's language: `lang`, else the default; an unknown one is refused as the reference server does. */
export function languageOf(query: QueryParameters): Language {
  const lang = parameter(query, 'lang');
  if (lang === undefined || lang === '') return DEFAULT_LANGUAGE;
  const lower = lang.toLowerCase();
  if (!isLanguage(lower)) throw new PxProblem('unsupportedLanguage', `lang=${lang.slice(0, 20)}: this API speaks sv and en`);
  return lower;
}

export function outputFormatOf(query: QueryParameters): OutputFormat {
  const format = parameter(query, 'outputFormat');
  if (format === undefined || format === '') return 'json-stat2';
  const lower = format.toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(lower)) {
    throw new PxProblem('unsupportedOutputFormat', `outputFormat=${format.slice(0, 20)}: supported are ${OUTPUT_FORMATS.join(', ')}`);
  }
  return lower as OutputFormat;
}

const list = (text: string | undefined) =>
  text === undefined
    ? null
    : text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

interface SelectionBody {
  selection?: unknown;
  placement?: unknown;
}

function bodySelection(body: unknown, into: Map<string, VariableRequest>): { heading: string[] | null; stub: string[] | null } {
  if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0)) return { heading: null, stub: null };
  if (typeof body !== 'object' || Array.isArray(body)) throw new PxProblem('badRequest', 'the body must be a JSON object {"selection": [...]}');
  const { selection, placement } = body as SelectionBody;
  if (selection !== undefined) {
    if (!Array.isArray(selection)) throw new PxProblem('badRequest', 'selection must be an array of {variableCode, valueCodes}');
    for (const item of selection as unknown[]) {
      const entry = (item ?? {}) as { variableCode?: unknown; valueCodes?: unknown; codelist?: unknown };
      if (typeof entry.variableCode !== 'string') throw new PxProblem('badRequest', 'every selection item needs a variableCode');
      const values = entry.valueCodes;
      if (values !== undefined && (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))) {
        throw new PxProblem('badRequest', `valueCodes of ${entry.variableCode} must be an array of strings`);
      }
      const key = entry.variableCode.toLowerCase();
      into.set(key, {
        expressions: values === undefined ? null : (values as string[]),
        // A codelist in the query string (R pxweb sends codelist[VAR] there) holds unless the body names one.
        codelist: typeof entry.codelist === 'string' && entry.codelist !== '' ? entry.codelist : (into.get(key)?.codelist ?? null),
      });
    }
  }
  const place = (placement ?? {}) as { heading?: unknown; stub?: unknown };
  const names = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null);
  return { heading: names(place.heading), stub: names(place.stub) };
}

/**
 * Reads a data request from the query string (`valueCodes[VAR]=a,b`, `codelist[VAR]=id`, heading, stub) and, for POST,
 * the VariablesSelection body; the body's selection wins for a variable named in both. Unknown parameters are ignored
 * (R pxweb still sends outputValues).
 */
export function parseDataRequest(query: QueryParameters, body: unknown): DataRequest {
  const selection = new Map<string, VariableRequest>();
  const entry = (variable: string) => {
    const key = variable.toLowerCase();
    const known = selection.get(key) ?? { expressions: null, codelist: null };
    selection.set(key, known);
    return known;
  };
  for (const [key, value] of Object.entries(query)) {
    const match = /^(valuecodes|codelist)\[(.+)\]$/i.exec(key);
    const text = first(value);
    if (!match || text === undefined) continue;
    if ((match[1] as string).toLowerCase() === 'valuecodes') entry(match[2] as string).expressions = splitValueList(text);
    else entry(match[2] as string).codelist = text;
  }
  const fromBody = bodySelection(body, selection);
  return {
    lang: languageOf(query),
    outputFormat: outputFormatOf(query),
    selection,
    heading: fromBody.heading ?? list(parameter(query, 'heading')),
    stub: fromBody.stub ?? list(parameter(query, 'stub')),
  };
}
