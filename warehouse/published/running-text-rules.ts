import type { Unit } from './figure-vocabulary.js';
import { type CatalogueMeasureName, MEASURE_CATALOGUE } from './measure-catalogue.js';
import { toBaseUnit } from './figure-area.js';

/**
 * The rules that give a running-text figure its measure from the words around its number. Declared once, in order:
 * the first rule whose patterns all match decides. A rule reads
 * - `units`: the printed units it applies to (the curation script's unit reading, e.g. `percent` for "procent");
 * - `printed`: the number as printed (e.g. with a decimal comma);
 * - `before` / `after`: the quote's text just before and after the number (a pattern anchored at the number);
 * - `line`: anywhere on the quote.
 * Some rules name numbers that are no statistic (a scale point, a reference, a fragment of a word); the last rule of
 * each unit family catches what no earlier rule recognises. Both kinds are residual measures whose catalogue entry
 * says why, so no number passes for a statistic it is not.
 */
export interface MeasureRule {
  measure: CatalogueMeasureName;
  units: readonly Unit[];
  printed?: RegExp;
  before?: RegExp;
  after?: RegExp;
  line?: RegExp;
}

/** The units the curation script read; the rules give the others (years, weeks, eur, meur) from the words. */
const SCRIPT_UNITS: readonly Unit[] = [
  'cases',
  'count',
  'decisions',
  'fte',
  'persons',
  'places',
  'percent',
  'days',
  'hours',
  'months',
  'kr',
  'tkr',
  'mnkr',
  'mdkr',
];
const COUNTS: readonly Unit[] = ['count', 'cases', 'persons', 'decisions', 'fte', 'places'];
const ANY_COUNT: readonly Unit[] = [...COUNTS, 'percent'];
const MONEY: readonly Unit[] = ['kr', 'tkr', 'mnkr', 'mdkr'];

/** Words after a number that count parts of a text, a plan or an organisation's way of working. */
const ENUMERATED =
  /^\s*(?:\p{L}+\s+)?(?:delar|delmål|mål|(?:prioriterade |väsentliga |nya )?(?:kraftsamlings|del|fokus|utvecklings|hu?vud)?områden|principer|punkter|typer|alternativ|skäl|sätt|(?:del|huvud|process)?processer|teman|förutsättningar|bilagor|delfrågor|spår|faktorer|kategorier|(?:väsentliga |nya )?risker|aktiviteter|ersättningar|e-tjänster|betalningsflöden|nivåer|versioner|arbetsuppgifter|webbutbildningar|frågor|fördelar|variabler|(?:möjliga )?utfall|interna faktorer|rättsliga ställningstaganden|grupper prioriteras|huvudsakliga skäl|olika)/iu;

export const RUNNING_TEXT_RULES: readonly MeasureRule[] = [
  // Not figures at all: letters of a word, references, scale points, chart ticks.
  { measure: 'word_fragment', units: ANY_COUNT, before: /\p{L}$/u },
  { measure: 'word_fragment', units: ANY_COUNT, after: /^\p{L}/u },
  { measure: 'survey_scale_point', units: COUNTS, line: /svarsalternativ|gradig skala|”instämmer|”mycket (?:hög|låg)/iu },
  { measure: 'chart_axis_tick', units: ['percent'], line: /^\s*\d+\s*%\s*$/u },
  { measure: 'word_fragment', units: ANY_COUNT, before: /\d,$/u },
  { measure: 'word_fragment', units: ANY_COUNT, after: /^,\d/u },
  {
    measure: 'reference_number',
    units: COUNTS,
    line: /kap\.|§|diarienummer|Decision No|anslagspost|EKU|[Rr]iskrapportering|yrkesområde|ärendekategorierna|Kategori 1|Kvartal|^\s*-\s+\(1\)|\b\d+,\s+\d+\s+och\s+\d+|redovisades till regeringen den|lagändring den|från och med den|\(2019Riksd\)|^\s*\d+[–-]\d+\.\s*$|^\s*\d+,\s*avsnitt|^\s*\d+\.?\s*$|^\s*\d+\s+I enlighet|^\s*\d+\s+motsvarar kategori|förvarslokaler då/u,
  },
  { measure: 'fraction_in_words', units: COUNTS, after: /^\s*(?:tredjedelar|fjärdedelar|fall av|av (?:tio|fyra|tolv|\d)|av\s*$)/iu },
  { measure: 'fraction_in_words', units: COUNTS, before: /(?:^|\s)(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d+)\s+(?:fall\s+)?av\s*$/iu },
  { measure: 'odds_difference_percent', units: ['percent'], after: /^\s*procent (?:högre|lägre|längre) (?:i region|jämfört|för|än)/iu },
  { measure: 'share_of_stated_group', units: COUNTS, after: /^\s*procent\s+av/iu },
  // Ages and classes of years.
  {
    measure: 'age_bound_years',
    units: ['count'],
    line: /barn|vuxn|vuxen|ungdom|åldr|fyll|Äldre|personer över|referensgrupp/iu,
    after: /^\s*(?:[–-]\d+\s*)?år\b/iu,
  },
  { measure: 'age_bound_years', units: ['count'], before: /(?:\+|Vuxen,?|Ung vuxen,?|Vuxen\s+\d+[–-]|\(\d+[–-]|åldrarna)\s*$/iu },
  // Regressions: odds ratios, their reference value, significance, and the classes they compare.
  { measure: 'odds_ratio_reference', units: COUNTS, before: /(?:större|mindre)\s+än\s*$/iu, line: /odds|riskkvot/iu },
  { measure: 'odds_ratio_reference', units: COUNTS, after: /^\s*[–-]\s*0,\d/u },
  { measure: 'odds_ratio', units: COUNTS, printed: /,\d/u, line: /odds|riskkvot|regression/iu },
  { measure: 'p_value_threshold', units: ANY_COUNT, line: /chi2/u, before: /under\s*$/u },
  { measure: 'share_unclassified', units: ANY_COUNT, before: /(?:mellan|intervallet)\s*$/u, after: /^\s*[–-]\d+\s*procent/iu },
  { measure: 'class_bound_percent', units: ['percent'], before: /(?:mer än|under|över|>|>\s*\d+[–-])\s*$/iu },
  { measure: 'class_bound_percent', units: ['percent'], after: /^\s*[–-]\d+\s*procent/iu },
  { measure: 'class_bound_percent', units: ['percent'], line: /^\s*\d+[–-]\d+\s*år\s+\d+\s*%/u },
  { measure: 'significance_level', units: ['percent'], line: /signifikansnivå/iu },
  { measure: 'odds_difference_percent', units: ['percent'], line: /odds/iu },
  { measure: 'error_margin', units: ['percent'], line: /felmarginal/iu, after: /^\s*procent med/iu },
  { measure: 'confidence_level', units: ['percent'], after: /^\s*procents/iu },
  { measure: 'depreciation_period_years', units: ['count'], line: /\t|anläggningstillgång|hyrestid/u, after: /^\s*(?:[–-]\d+\s*)?år\b/iu },
  {
    measure: 'class_bound_years',
    units: ['count'],
    line: /^\s*(?:Mer än|Två|Tre|\d+[–-]?\d*)\s/u,
    after: /^\s*(?:år(?:\s*-\s*fem år)?(?:\s+men|\s*$|\s+\d+\s*%)|år\s*$)/iu,
  },
  { measure: 'class_bound_years', units: ['count'], before: /^(?:Tre år-|\d+[–-]|Mer än fem år men mindre än)\s*$/u },
  // Durations and time limits.
  {
    measure: 'time_limit_days',
    units: ['days', 'count'],
    before: /(?:inom(?: de)?|Andel (?:avgjorda|öppna) inom|^|på|tid av)\s*$/iu,
    line: /inom|Andel|dagar|viseringskodex|tid av/iu,
  },
  { measure: 'time_limit_months', units: ['months'], before: /(?:inom|äldre än|tiden på|gälla i)\s*$/iu },
  { measure: 'departure_period_weeks', units: ['count'], after: /^\s*veckor/iu },
  { measure: 'duration_months', units: ['months'] },
  { measure: 'duration_hours', units: ['hours'] },
  { measure: 'duration_days', units: ['days'] },
  { measure: 'period_years', units: ['count'], after: /^\s*(?:års?\b|år\.)/iu },
  // Money.
  { measure: 'eu_fund_amount_eur', units: [...MONEY, 'count'], after: /^\s*(?:miljoner )?(?:euro\b|EUR\b)/u },
  { measure: 'salary_and_benefits', units: MONEY, after: /^\s*kronor i lön/iu },
  { measure: 'board_member_fees', units: MONEY, line: /arvoden|^[\p{L} ]+\t\s*\d/u },
  { measure: 'amount_threshold', units: ['count'], after: /^\s*miljon(?:er)?\s+kronor/iu },
  {
    measure: 'amount_threshold',
    units: MONEY,
    line: /beloppsgräns|överstiger|anskaffningsvärde|minst|upp till ett belopp|eller mer|per faktura|förbättringsutgift/iu,
  },
  { measure: 'grants_awarded', units: MONEY, line: /beviljat|beviljats|finansiering|till projekt/iu },
  { measure: 'authorised_spending', units: MONEY, line: /regleringsbrev|får högst|använda|betalat/iu },
  { measure: 'change_amount', units: MONEY, before: /(?:ökat|ökade|minskat|minskade)(?: med)?(?: \p{L}+)?\s*$/iu },
  { measure: 'change_amount', units: MONEY, after: /^\s*miljoner kronor\. Bakgrunden till förändringen/iu },
  { measure: 'balance_amount', units: MONEY, line: /skuld|oförbrukad|saldo|kreditram|värderats|kapitalförändring|statskapital|bidragsintäkter/iu },
  { measure: 'expenditure', units: MONEY, line: /kostnad|investering|utveckling|lån|pensions|förvaltningsanslag|avvikelse|mellan/iu },
  { measure: 'amount_unclassified', units: MONEY },
  // Shares and changes.
  { measure: 'change_percentage_points', units: ['percent'], after: /^\s*procentenheter/iu },
  { measure: 'change_percent', units: ['percent'], before: /(?:ökade|ökat|minskade|minskat|minskning|ökning|sjönk|steg)(?: med)?(?: \p{L}+)?\s*$/iu },
  { measure: 'change_percent', units: ['percent'], after: /^\s*procent jämfört med/iu },
  { measure: 'change_percent', units: ['percent'], before: /(?:minskad|ökad) \p{L}+ med\s*$/iu },
  { measure: 'share_of_budget', units: ['percent'], line: /fondbudget|nyttjandegrad|fondmedel|programbudget|finansieringen/iu },
  { measure: 'share_of_working_time', units: ['percent'], line: /arbetstid|avsatts/iu },
  { measure: 'odds_difference_percent', units: ['percent'], after: /^\s*procent (?:högre|lägre|längre) (?:i region|jämfört|för|än)/iu },
  { measure: 'share_of_stated_group', units: ['percent'], after: /^\s*(?:procent|%)(?:,| av|\s+\p{L})/iu },
  { measure: 'share_unclassified', units: ['percent'] },
  // Counts of things, by the word that follows the number.
  {
    measure: 'unlabelled_table_cell',
    units: COUNTS,
    line: /Avsättning|^\s*Summa|omställningsarbete|Återställningskostnader|Avvecklingskostnader|Dublinöverföring|stödkrona|migrationsdomstol\*|\d+ \d{3} \d+ \d{3} \d/u,
  },
  {
    measure: 'asylum_seekers',
    units: COUNTS,
    after: /^\s*personer(?: asyl| som sökte asyl)|^\s*personer\s*$/iu,
    line: /asyl|planeringsförutsättning/iu,
  },
  { measure: 'persons_granted_support', units: COUNTS, after: /^\s*personer beviljades/iu },
  { measure: 'interviewees', units: COUNTS, line: /intervjuat/iu },
  { measure: 'participants', units: COUNTS, after: /^\s*deltagare/iu },
  { measure: 'persons_per_charter', units: COUNTS, after: /^\s*(?:till\s+\p{L}+\s+)?(?:personer|individer)\s+per charter/iu },
  { measure: 'staff_fte', units: COUNTS, after: /^\s*årsarbetskrafter/iu },
  {
    measure: 'staff',
    units: COUNTS,
    after:
      /^\s*(?:anställda|medarbetare|manliga|individer|handläggare|beslutsfattare|chefer|personer|experter|utbildare|observatörer|\p{L}* ?(?:återvändande)?sambandsmän|europeiska återvändandesambandsmän|st delpensioner)/iu,
  },
  { measure: 'quota_refugees_transferred', units: COUNTS, after: /^\s*kvotflyktingar/iu },
  { measure: 'applications_received', units: COUNTS, after: /^\s*(?:ansökningar|\s*$)/iu, line: /ansökningar|lämnar årligen in/iu },
  { measure: 'decisions_per_officer_month', units: COUNTS, printed: /,\d/u, line: /per månad/u },
  { measure: 'persons_in_reception', units: COUNTS, line: /inskrivna i mottagningssystemet/iu },
  { measure: 'cases_cited', units: COUNTS, line: /varav [\d ]+ \p{L}*ärenden/u, after: /^\s*$/u },
  {
    measure: 'caseload_per_officer',
    units: COUNTS,
    line: /per årsarbetskraft|handläggare (?:inte bör ha|numera har)|årsarbetskraft från|\b140 ärenden/iu,
  },
  {
    measure: 'cases_reviewed',
    units: COUNTS,
    line: /urval|aktstudie|slumpmässigt|granskade|granskning|avgjorda ärenden per enhet|följer enheterna upp|\b(?:50|90) av/iu,
  },
  { measure: 'decisions', units: COUNTS, after: /^\s*(?:\p{L}+\s+)?(?:beslut|asylbeslut|domstolsbeslut)\b/iu },
  { measure: 'cases_cited', units: COUNTS, after: /^\s*(?:\p{L}*ärenden|öppna återvändande)/iu },
  { measure: 'cases_cited', units: COUNTS, before: /öppnar ungefär\s*$/iu },
  { measure: 'departures', units: COUNTS, after: /^\s*(?:utresor|resor|stycken charter)/iu },
  { measure: 'departures', units: COUNTS, line: /utresan var|registreringar/iu },
  { measure: 'incidents', units: COUNTS, after: /^\s*(?:\p{L}*incidenter|klagomål|fall har)/iu },
  { measure: 'detention_places', units: COUNTS, after: /^\s*platser vilket/iu },
  { measure: 'detention_sites', units: COUNTS, after: /^\s*platser i Sverige/iu },
  { measure: 'times_per_year', units: COUNTS, after: /^\s*gånger/iu },
  {
    measure: 'occasions',
    units: COUNTS,
    after: /^\s*(?:\p{L}+\s+)?(?:möten|konferenser|tillfällen|utbildningstillfällen|uttagningar|förberedande|seminarier|fallstudier|animerade)/iu,
  },
  { measure: 'pages', units: COUNTS, after: /^\s*sidor/iu },
  { measure: 'languages', units: COUNTS, after: /^\s*språk/iu },
  { measure: 'countries', units: COUNTS, after: /^\s*(?:\p{L}+\s+)?(?:länder|uttagningsländer)/iu },
  {
    measure: 'authorities',
    units: COUNTS,
    after: /^\s*(?:\p{L}+\s+)?(?:myndigheter|migrationsdomstolar|lärosäten|utgiftsområden|årsredovisningar)/iu,
  },
  {
    measure: 'projects',
    units: COUNTS,
    after: /^\s*(?:\p{L}+\s+)?(?:projekt|förstudier|projektsamarbeten|deluppdrag|uppdrag|områden utvärderats)/iu,
  },
  {
    measure: 'reviews',
    units: COUNTS,
    after:
      /^\s*(?:\p{L}+\s+)?(?:uppföljningar|analyser|utvärderingar|kvalitetsuppföljningar|undersökningar|uppföljningssamtal|sådana uppföljningar)/iu,
  },
  {
    measure: 'organisational_units',
    units: COUNTS,
    after:
      /^\s*(?:\p{L}+\s+)?(?:enheter|sektioner|avdelningar|avdelnings-|regioner|team|fristående|processforum|nätverk|nationella nätverk|regionala grupper|förvaltningsprocessenheter|återvändandecenter|forum|andra grupper|sektions-|geografiskt|nya återvändandecenter)/iu,
    line: /enhet|region|sektion|avdelning|team|nätverk|processforum|återvändandecenter|forum|grupper|sektions-/iu,
  },
  { measure: 'enumerated_items', units: COUNTS, after: ENUMERATED },
  { measure: 'count_unclassified', units: COUNTS },
];

/** What a rule reads of a figure: its quote, the number as printed, the unit read and its subgroup. */
export interface RunningTextFigure {
  quote: string;
  printed: string;
  unit: Unit;
  /** `l<line>_<n>_<words after the number>`: the curation script's reading, which tells repeated prints apart. */
  subgroup: string | null;
}

const slugWords = (text: string, count = 3) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !/^\d+$/.test(w))
    .slice(0, count)
    .join('_');

/**
 * Where in the quote the figure's number stands. A quote can print the same digits more than once ("1,40 – 1 =");
 * the occurrence whose following words match the subgroup's reading is taken, else the first.
 */
export function locateNumber(figure: RunningTextFigure): { before: string; after: string } {
  const positions: number[] = [];
  for (let at = figure.quote.indexOf(figure.printed); at >= 0; at = figure.quote.indexOf(figure.printed, at + 1)) positions.push(at);
  const words = figure.subgroup?.replace(/^l\d+_\d+_?/, '') ?? '';
  const split = (at: number) => ({ before: figure.quote.slice(0, at), after: figure.quote.slice(at + figure.printed.length) });
  const standalone = (at: number) => {
    const { before, after } = split(at);
    return !/[\p{L}\d]$/u.test(before) && !/^[\p{L}\d]/u.test(after);
  };
  // The script's words skip the unit word after the number ("40 procent. Oddset är" reads oddset_ar_darmed).
  const reads = (at: number) => {
    const following = slugWords(split(at).after, 4);
    return following.startsWith(words) || following.split('_').slice(1).join('_').startsWith(words);
  };
  const matching = positions.filter((at) => words !== '' && words !== 'figure' && reads(at));
  const chosen = matching.find(standalone) ?? matching[0] ?? positions.find(standalone) ?? positions[0] ?? 0;
  return split(chosen);
}

/** The money scale the words after a number print ("1 miljon kronor", "100 tkr", "5 000 EUR/person"). */
function printedScale(after: string): Unit | null {
  if (/^\s*(?:miljon|miljoner)\s+(?:kronor|kr)/iu.test(after)) return 'mnkr';
  if (/^\s*miljarder\s+kronor/iu.test(after)) return 'mdkr';
  if (/^\s*tkr/iu.test(after)) return 'tkr';
  if (/^\s*(?:kronor|kr)\b/iu.test(after)) return 'kr';
  if (/^\s*miljoner\s+euro/iu.test(after)) return 'meur';
  if (/^\s*(?:euro|EUR)/u.test(after)) return 'eur';
  return null;
}

/**
 * The unit a classified figure carries. The script read a money or euro amount as `mnkr` or `count` when the words
 * say otherwise ("miljoner euro", "1 miljon kronor"): the words decide the scale then. A reading outside the
 * measure's unit family (a coarse `count` of persons, years or an odds ratio) takes the measure's unit; any other is
 * kept.
 */
export function measureUnit(measure: CatalogueMeasureName, printedUnit: Unit, after: string): Unit {
  const declared = MEASURE_CATALOGUE[measure].unit;
  const scale = declared === 'kr' || declared === 'eur' ? printedScale(after) : null;
  return scale ?? (unitFits(measure, printedUnit) ? printedUnit : declared);
}

/** Whether a figure's unit belongs to its measure's declared unit family (kr ~ tkr ~ mnkr ~ mdkr, eur ~ meur). */
export function unitFits(measure: CatalogueMeasureName, unit: Unit): boolean {
  return toBaseUnit(1, unit).baseUnit === toBaseUnit(1, MEASURE_CATALOGUE[measure].unit).baseUnit;
}

/**
 * The first rule that matches a figure; every figure matches one, the residuals matching anything of their units.
 * A figure in a unit only the rules give (years, weeks, euro) was classified before: a rule of its measure's unit
 * family takes it, so that classifying a classified file changes nothing.
 */
export function classifyRunningText(figure: RunningTextFigure): { measure: CatalogueMeasureName; unit: Unit; rule: number } {
  const { before, after } = locateNumber(figure);
  const line = figure.quote;
  const rule = RUNNING_TEXT_RULES.findIndex(
    (r) =>
      (r.units.includes(figure.unit) || (!SCRIPT_UNITS.includes(figure.unit) && unitFits(r.measure, figure.unit))) &&
      (r.printed?.test(figure.printed) ?? true) &&
      (r.before?.test(before) ?? true) &&
      (r.after?.test(after) ?? true) &&
      (r.line?.test(line) ?? true),
  );
  const matched = RUNNING_TEXT_RULES[rule];
  if (!matched) throw new Error(`no running-text rule for unit ${figure.unit}: "${figure.quote}"`);
  return { measure: matched.measure, unit: measureUnit(matched.measure, figure.unit, after), rule };
}
