import { CASE_FACT_COVERAGE } from '../../warehouse/metrics/coverage.js';
import { findAttributeCodelist } from './attribute-codelists.js';
import type { Language } from './language.js';
import { PxProblem, quoted } from './pxweb-problem.js';
import { PX_TABLES } from './table-catalog.js';
import { timeCodelists } from './time-codelists.js';
import { timeCodes } from './time-codes.js';

/**
 * GET /codelists/{id}: a time codelist over the case facts' years, each value with the periods it maps to, or an
 * attribute's aggregation (agg_region), each group with the members it maps to.
 */
export function codelistResponse(id: string, lang: Language, base: string): Record<string, unknown> {
  const aggregation = findAttributeCodelist(id);
  if (aggregation) {
    return {
      id: aggregation.id,
      label: aggregation.label[lang],
      language: lang,
      languages: ['sv', 'en'],
      elimination: !PX_TABLES.some((t) => t.mandatory.includes(aggregation.dimension)),
      type: aggregation.type,
      values: aggregation.groups.map((g) => ({ code: g.code, label: g.label[lang], valueMap: [...g.members] })),
      links: [{ rel: 'self', hreflang: lang, href: `${base}/codelists/${aggregation.id}?lang=${lang}` }],
    };
  }
  const years: number[] = [];
  for (let y = Number(CASE_FACT_COVERAGE.from.slice(0, 4)); y <= Number(CASE_FACT_COVERAGE.to.slice(0, 4)); y++) years.push(y);
  const grains = [...new Set(PX_TABLES.flatMap((t) => t.grains))];
  const list = timeCodelists({ grains }).find((c) => c.id.toLowerCase() === id.toLowerCase());
  if (!list) throw new PxProblem('nonExistentCodelist', `no codelist ${quoted(id)}`);
  const fine = list.from ? timeCodes(years, [list.from]) : [];
  return {
    id: list.id,
    label: list.label[lang],
    language: lang,
    languages: ['sv', 'en'],
    elimination: false,
    type: list.type,
    values: timeCodes(years, [list.grain]).map((p) => ({
      code: p.code,
      label: p.code,
      // An aggregation maps each period to the finer ones it groups; a valueset maps each to itself.
      valueMap: list.from ? fine.filter((f) => f.from >= p.from && f.to <= p.to).map((f) => f.code) : [p.code],
    })),
    links: [{ rel: 'self', hreflang: lang, href: `${base}/codelists/${list.id}?lang=${lang}` }],
  };
}
