import type { Language } from './language.js';
import { PxProblem, quoted } from './pxweb-problem.js';
import { parameter, type QueryParameters } from './request-parameters.js';
import type { PxTable } from './table-catalog.js';
import type { ResolvedTable } from './table-variables.js';
import { CASE_FACT_COVERAGE } from '../../warehouse/metrics/coverage.js';
import { ATTRIBUTES } from '../../warehouse/dimensions/dimension-registry.js';
import { splitBilingual, type Bilingual } from './language.js';

type JsonObject = Record<string, unknown>;

/** A table as the listing shows it, whatever its source (a metric family or a published source table). */
export interface ListedTable {
  id: string;
  label: Bilingual;
  description: string;
  folder: { id: string; label: Bilingual };
  variableNames: Bilingual[];
  firstPeriod: string | null;
  lastPeriod: string | null;
  timeUnit: 'Annual' | 'Other';
}

const FOLDERS: Record<PxTable['kind'], { id: string; label: Bilingual }> = {
  case_flow: { id: 'CASE_FLOWS', label: { sv: 'Ärendeflöden', en: 'Case flows' } },
  open_balance: { id: 'OPEN_BALANCES', label: { sv: 'Öppna ärenden', en: 'Open cases' } },
  figure: { id: 'PUBLISHED_METRICS', label: { sv: 'Mått ur publicerade uppgifter', en: 'Metrics from published figures' } },
};
const CONTENTS_NAME = { sv: 'tabellinnehåll', en: 'contents' };
const PERIOD_NAME = { sv: 'period', en: 'period' };

/** A metric family's listing: its years from the resolved time variable when known, else the case facts' coverage. */
export function familyListing(table: PxTable, resolved?: ResolvedTable): ListedTable {
  let first: string | null = null;
  let last: string | null = null;
  const time = resolved?.variables.find((v) => v.kind === 'time');
  if (time?.kind === 'time') {
    const years = time.periods.filter((p) => p.grain === 'YEAR').map((p) => p.code);
    first = years[0] ?? null;
    last = years.at(-1) ?? null;
  } else if (table.kind !== 'figure') {
    first = CASE_FACT_COVERAGE.from.slice(0, 4);
    last = CASE_FACT_COVERAGE.to.slice(0, 4);
  }
  return {
    id: table.id,
    label: table.label,
    description: table.contents.map((m) => m.description).join(' '),
    folder: FOLDERS[table.kind],
    variableNames: [...table.variables.map((d) => splitBilingual(ATTRIBUTES[d].label)), CONTENTS_NAME, PERIOD_NAME],
    firstPeriod: first,
    lastPeriod: last,
    // The time variable holds years, quarters, months and weeks where the table has them.
    timeUnit: table.grains.length === 1 && table.grains[0] === 'YEAR' ? 'Annual' : 'Other',
  };
}

/** One table as /tables and /tables/{id} describe it (API v2 `Table`). */
export function tableEntry(table: ListedTable, lang: Language, base: string, updated: string): JsonObject {
  return {
    type: 'Table',
    id: table.id,
    label: table.label[lang],
    description: table.description,
    updated,
    firstPeriod: table.firstPeriod,
    lastPeriod: table.lastPeriod,
    category: 'public',
    variableNames: table.variableNames.map((n) => n[lang]),
    discontinued: false,
    source: lang === 'sv' ? 'Migrationsverket m.fl.' : 'Swedish Migration Agency et al.',
    subjectCode: 'MIG',
    timeUnit: table.timeUnit,
    paths: [
      [
        { id: 'MIG', label: 'Migration' },
        { id: table.folder.id, label: table.folder.label[lang] },
      ],
    ],
    links: [
      { rel: 'self', hreflang: lang, href: `${base}/tables/${table.id}?lang=${lang}` },
      { rel: 'metadata', hreflang: lang, href: `${base}/tables/${table.id}/metadata?lang=${lang}` },
      { rel: 'data', hreflang: lang, href: `${base}/tables/${table.id}/data?lang=${lang}&outputFormat=json-stat2` },
    ],
  };
}

const wholeParameter = (query: QueryParameters, name: string, min: number): number | undefined => {
  const text = parameter(query, name);
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min) throw new PxProblem('badRequest', `${name} must be a whole number ≥ ${min}, got ${quoted(text)}`);
  return Number(text);
};

/**
 * GET /tables: the tables matching `query` (every word in the id, label, description or variable names), in
 * catalogue order, one page of `pageSize` (default: all — clients ask for pageSize=totalElements, which is honoured
 * whatever its size). pastDays keeps tables updated that recently; none is discontinued.
 */
export function listTables(query: QueryParameters, lang: Language, base: string, updated: string, tables: readonly ListedTable[]): JsonObject {
  const words = (parameter(query, 'query') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const pastDays = wholeParameter(query, 'pastDays', 1);
  const pageNumber = wholeParameter(query, 'pageNumber', 1) ?? 1;
  const matching = tables
    .map((t) => tableEntry(t, lang, base, updated))
    .filter((entry) => {
      const text = [entry.id, entry.label, entry.description, ...(entry.variableNames as string[])].join(' ').toLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
      return pastDays === undefined || Date.parse(updated) >= Date.now() - pastDays * 86_400_000;
    });
  const pageSize = wholeParameter(query, 'pageSize', 1) ?? Math.max(1, matching.length);
  const totalPages = Math.max(1, Math.ceil(matching.length / pageSize));
  if (pageNumber > totalPages) throw new PxProblem('nonExistentPage', `page ${pageNumber} of ${totalPages}`);
  const link = (rel: string, page: number) => ({
    rel,
    hreflang: lang,
    href: `${base}/tables?lang=${lang}&pageNumber=${page}&pageSize=${pageSize}${words.length ? `&query=${encodeURIComponent(words.join(' '))}` : ''}`,
  });
  const links = [
    link('self', pageNumber),
    ...(pageNumber > 1 ? [link('previous', pageNumber - 1)] : []),
    ...(pageNumber < totalPages ? [link('next', pageNumber + 1)] : []),
  ];
  return {
    language: lang,
    tables: matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    page: { pageNumber, pageSize, totalElements: matching.length, totalPages, links },
    links,
  };
}
