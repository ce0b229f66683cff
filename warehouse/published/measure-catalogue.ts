import type { Unit } from './figure-vocabulary.js';

/**
 * The measure catalogue of the running-text figures: what each number is, in Swedish and English, and the unit it
 * is given in. The running-text rules (running-text-rules.ts) assign only these measures, and the PxWeb source
 * tables and figure listings label a measure from here, so a statistician reads "Inkomna ansökningar" rather than a
 * snake_case code.
 *
 * `unit` is the printed unit family a figure of the measure has: a money measure declares `kr` and its figures keep
 * the scale printed (kr, tkr, mnkr, mdkr); a euro measure declares `eur` (eur, meur); every other measure's figures
 * carry exactly this unit.
 *
 * A measure with a `residual` reason is not a statistic of the case flows: either the words around the number do not
 * say what is counted in a way the rules can read, or the number is not a statistic at all (a scale point, a
 * reference, a chart tick). They are named for what they honestly are, so that no number passes for a statistic it
 * is not.
 */
export interface CatalogueMeasure {
  sv: string;
  en: string;
  unit: Unit;
  residual?: string;
}

export const MEASURE_CATALOGUE = {
  // Case flows and case counts
  applications_received: { sv: 'Inkomna ansökningar', en: 'Applications received', unit: 'cases' },
  asylum_seekers: { sv: 'Asylsökande personer', en: 'Asylum seekers (persons)', unit: 'persons' },
  decisions: { sv: 'Beslut', en: 'Decisions', unit: 'decisions' },
  cases_reviewed: { sv: 'Granskade ärenden (urval eller aktstudie)', en: 'Cases reviewed (sample or file study)', unit: 'cases' },
  cases_cited: { sv: 'Ärenden som texten anger', en: 'Cases stated in the text', unit: 'cases' },
  caseload_per_officer: { sv: 'Ärenden per handläggare eller årsarbetskraft', en: 'Cases per officer or full-time equivalent', unit: 'cases' },
  decisions_per_officer_month: { sv: 'Beslut per handläggare och månad', en: 'Decisions per officer and month', unit: 'decisions' },
  persons_in_reception: { sv: 'Inskrivna i mottagningssystemet', en: 'Persons registered in the reception system', unit: 'persons' },
  persons_granted_support: { sv: 'Personer som beviljats stöd', en: 'Persons granted support', unit: 'persons' },
  quota_refugees_transferred: { sv: 'Överförda kvotflyktingar', en: 'Quota refugees transferred', unit: 'persons' },
  departures: { sv: 'Utresor och resor', en: 'Departures and journeys', unit: 'count' },
  persons_per_charter: { sv: 'Personer per charterflyg', en: 'Persons per charter flight', unit: 'persons' },
  incidents: { sv: 'Incidenter (rymningar, avvikelser)', en: 'Incidents (escapes, absconding)', unit: 'count' },
  detention_places: { sv: 'Förvarsplatser', en: 'Detention places', unit: 'places' },
  detention_sites: { sv: 'Orter med förvar', en: 'Detention sites', unit: 'places' },
  // Staff and organisation
  staff: { sv: 'Personal (personer)', en: 'Staff (persons)', unit: 'persons' },
  staff_fte: { sv: 'Årsarbetskrafter', en: 'Full-time equivalents', unit: 'fte' },
  participants: { sv: 'Deltagare', en: 'Participants', unit: 'persons' },
  interviewees: { sv: 'Intervjuade personer', en: 'Persons interviewed', unit: 'persons' },
  organisational_units: {
    sv: 'Organisatoriska enheter (regioner, avdelningar, sektioner, enheter, nätverk)',
    en: 'Organisational units (regions, departments, sections, units, networks)',
    unit: 'count',
  },
  authorities: { sv: 'Myndigheter, domstolar och organisationer', en: 'Authorities, courts and organisations', unit: 'count' },
  countries: { sv: 'Länder', en: 'Countries', unit: 'count' },
  languages: { sv: 'Språk', en: 'Languages', unit: 'count' },
  projects: { sv: 'Projekt och uppdrag', en: 'Projects and assignments', unit: 'count' },
  reviews: { sv: 'Uppföljningar, analyser och utvärderingar', en: 'Follow-ups, analyses and evaluations', unit: 'count' },
  occasions: {
    sv: 'Tillfällen (möten, konferenser, utbildningar, uttagningar)',
    en: 'Occasions (meetings, conferences, trainings, selection missions)',
    unit: 'count',
  },
  times_per_year: { sv: 'Gånger per år', en: 'Times per year', unit: 'count' },
  pages: { sv: 'Sidor', en: 'Pages', unit: 'count' },
  // Shares and changes
  change_percent: { sv: 'Förändring i procent', en: 'Change in per cent', unit: 'percent' },
  change_percentage_points: { sv: 'Förändring i procentenheter', en: 'Change in percentage points', unit: 'percent' },
  odds_difference_percent: {
    sv: 'Skillnad i odds mot referensgruppen (procent)',
    en: 'Difference in odds from the reference group (per cent)',
    unit: 'percent',
  },
  odds_ratio: { sv: 'Oddskvot', en: 'Odds ratio', unit: 'ratio' },
  share_of_budget: { sv: 'Andel av budgeten (nyttjandegrad)', en: 'Share of the budget (utilisation)', unit: 'percent' },
  share_of_working_time: { sv: 'Andel av arbetstiden', en: 'Share of working time', unit: 'percent' },
  share_of_stated_group: {
    sv: 'Andel av den grupp som citatet anger ("N procent av …")',
    en: 'Share of the group the quote names ("N per cent of …")',
    unit: 'percent',
  },
  error_margin: { sv: 'Felmarginal', en: 'Margin of error', unit: 'percent' },
  confidence_level: { sv: 'Konfidensnivå', en: 'Confidence level', unit: 'percent' },
  significance_level: { sv: 'Signifikansnivå', en: 'Significance level', unit: 'percent' },
  // Durations
  time_limit_days: { sv: 'Tidsgräns i dagar ("inom N dagar")', en: 'Time limit in days ("within N days")', unit: 'days' },
  time_limit_months: { sv: 'Tidsgräns i månader ("inom N månader")', en: 'Time limit in months ("within N months")', unit: 'months' },
  departure_period_weeks: { sv: 'Tidsfrist för självmant återvändande (veckor)', en: 'Period for voluntary departure (weeks)', unit: 'weeks' },
  duration_months: { sv: 'Tid i månader (genomsnitt eller förändring)', en: 'Time in months (mean or change)', unit: 'months' },
  duration_days: { sv: 'Tid i dagar', en: 'Time in days', unit: 'days' },
  duration_hours: { sv: 'Tid i timmar', en: 'Time in hours', unit: 'hours' },
  period_years: { sv: 'Tidsperiod i år som texten anger', en: 'Period in years stated in the text', unit: 'years' },
  depreciation_period_years: { sv: 'Avskrivningstid (år)', en: 'Depreciation period (years)', unit: 'years' },
  // Money
  salary_and_benefits: { sv: 'Lön och skattepliktiga förmåner', en: 'Salary and taxable benefits', unit: 'kr' },
  board_member_fees: { sv: 'Arvode till ledamot', en: 'Board member fees', unit: 'kr' },
  amount_threshold: { sv: 'Beloppsgräns', en: 'Amount threshold', unit: 'kr' },
  grants_awarded: { sv: 'Beviljade medel och finansiering', en: 'Grants and funding awarded', unit: 'kr' },
  authorised_spending: { sv: 'Medgivet belopp enligt regleringsbrev', en: 'Spending authorised by the appropriation directions', unit: 'kr' },
  change_amount: { sv: 'Förändring i kronor', en: 'Change in SEK', unit: 'kr' },
  balance_amount: { sv: 'Saldo, skuld eller oförbrukade bidrag', en: 'Balance, liability or unspent grants', unit: 'kr' },
  expenditure: { sv: 'Utgifter, kostnader och investeringar', en: 'Expenditure, costs and investments', unit: 'kr' },
  eu_fund_amount_eur: { sv: 'Belopp i euro (EU-fonder)', en: 'Amount in euro (EU funds)', unit: 'eur' },
  // Not statistics: named for what they are
  enumerated_items: {
    sv: 'Antal uppräknade delar (mål, områden, principer, typer, skäl …)',
    en: 'Number of enumerated items (goals, areas, principles, kinds, reasons …)',
    unit: 'count',
    residual: 'describes how a text or a plan is organised, not a statistic of the case flows',
  },
  fraction_in_words: {
    sv: 'Bråk i ord ("tre av fyra", "två tredjedelar")',
    en: 'Fraction in words ("three in four", "two thirds")',
    unit: 'count',
    residual: 'one term of a fraction written in words; the share it expresses is not a count',
  },
  age_bound_years: {
    sv: 'Åldersgräns i en indelning (år)',
    en: 'Age bound of a grouping (years)',
    unit: 'years',
    residual: 'the bound of an age group, not a statistic',
  },
  class_bound_percent: {
    sv: 'Klassgräns i procent i en indelning',
    en: 'Class bound in per cent of a grouping',
    unit: 'percent',
    residual: 'the bound of a class ("more than 40 per cent new officers"), not a statistic',
  },
  class_bound_years: {
    sv: 'Klassgräns i år i en indelning',
    en: 'Class bound in years of a grouping',
    unit: 'years',
    residual: 'the bound of a class ("more than five years"), not a statistic',
  },
  p_value_threshold: {
    sv: 'Gräns för p-värde i ett test',
    en: 'p-value threshold of a test',
    unit: 'ratio',
    residual: "a test's threshold, not a statistic",
  },
  odds_ratio_reference: {
    sv: 'Jämförelsevärdet 1 för en oddskvot eller riskkvot',
    en: 'The reference value 1 of an odds or risk ratio',
    unit: 'ratio',
    residual: 'explains how to read a ratio, not a statistic',
  },
  survey_scale_point: {
    sv: 'Svarsalternativ på en svarsskala',
    en: 'Answer option on a survey scale',
    unit: 'count',
    residual: 'a point of the answer scale, not a statistic',
  },
  chart_axis_tick: {
    sv: 'Skalsteg på ett diagrams axel',
    en: 'Tick of a chart axis',
    unit: 'percent',
    residual: 'a chart axis label, not a statistic',
  },
  reference_number: {
    sv: 'Referens- eller ordningsnummer (kapitel, paragraf, not, diarienummer, kategori, kvartal)',
    en: 'Reference or ordinal number (chapter, section, note, file number, category, quarter)',
    unit: 'count',
    residual: 'names a place in a text or a class, not a quantity',
  },
  word_fragment: {
    sv: 'Del av ett längre ord eller tal',
    en: 'Part of a longer word or number',
    unit: 'count',
    residual:
      'the "number" is letters of a longer word ("utredningar") or digits of a longer number ("0,40"), read as a number by the curation script',
  },
  unlabelled_table_cell: {
    sv: 'Tabellcell utan tabellhuvud i citatet',
    en: 'Table cell without its table head in the quote',
    unit: 'count',
    residual: 'a number of a table row curated as running text; the quote does not carry the column heads that say what it is',
  },
  count_unclassified: {
    sv: 'Antal, det räknade inte igenkänt',
    en: 'Count, the counted thing not recognised',
    unit: 'count',
    residual: 'the words around the number name nothing the rules recognise',
  },
  share_unclassified: {
    sv: 'Andel, det mätta inte igenkänt',
    en: 'Share, what is measured not recognised',
    unit: 'percent',
    residual: 'the words around the number name nothing the rules recognise',
  },
  amount_unclassified: {
    sv: 'Belopp, dess slag inte igenkänt',
    en: 'Amount, its kind not recognised',
    unit: 'kr',
    residual: 'the words around the number name nothing the rules recognise',
  },
} as const satisfies Record<string, CatalogueMeasure>;

export type CatalogueMeasureName = keyof typeof MEASURE_CATALOGUE;

/** The catalogue's entry for a measure, or undefined for a measure named by a curated table file alone. */
export function catalogueMeasure(measure: string): CatalogueMeasure | undefined {
  return (MEASURE_CATALOGUE as Record<string, CatalogueMeasure>)[measure];
}

/** The coarse names the curation script gave running-text figures before the rules; none should remain. */
export const COARSE_MEASURE = /^(text|table)_/;
