import { yearEnd, yearStart, FIRST_YEAR } from './calendar.js';
import { OPENING_STOCK_FROM_YEAR } from './case-type-plan.js';
import { drawAutomated, drawPerson } from './case-attributes.js';
import { caseEvents } from './case-events.js';
import type { GeneratedCase, GeneratedCaseWithEvents } from './case-row.js';
import { drawAsylumRegion } from './asylum-regions.js';
import type { CellPlan, StratumPlan, YearPlan } from './cell-plan.js';
import { durationAt } from './duration-model.js';
import { ExactQuota } from './exact-quota.js';
import { splitByWeight } from './largest-remainder.js';
import { randomStream, type RandomStream } from './seeded-random.js';
import { drawWorkCategory } from './work-categories.js';

/**
 * Receipt cohorts of a cell: 0 = received before 2022 (the opening stock), 1 = 2022, 2 = 2023, 3 = 2024.
 * A case's cohort fixes the year it counts as received; its decision year fixes the year it counts as decided; so
 * exact cohort bookkeeping gives exact received, decided and open-at-year-end counts.
 */
const PRE = 0;
const cohortYear = (cohort: number) => FIRST_YEAR - 1 + cohort;

/** Receipt window of a cohort: the opening stock was received 2016–2021. */
function receiptWindow(cohort: number): [number, number] {
  if (cohort === PRE) return [yearStart(OPENING_STOCK_FROM_YEAR), yearEnd(FIRST_YEAR - 1)];
  return [yearStart(cohortYear(cohort)), yearEnd(cohortYear(cohort))];
}

/** Processing days a case of the cohort can have when decided in `year`. */
function daysRange(cohort: number, year: number): [number, number] {
  const [first, last] = receiptWindow(cohort);
  return [Math.max(0, yearStart(year) - last), yearEnd(year) - first];
}

const DAYS_PER_YEAR = 365.25;

/** Expected number of a stratum's decisions received in an earlier year, were decision dates uniform in the year. */
function expectedFromEarlierYears(stratum: StratumPlan): number {
  const n = stratum.decided;
  if (n === 0) return 0;
  const points = Math.min(n, 400);
  let sum = 0;
  for (let j = 0; j < points; j++) {
    const i = Math.min(n - 1, Math.floor(((j + 0.5) * n) / points));
    sum += Math.min(1, durationAt(stratum.model, i, n, stratum.below, 0.5) / DAYS_PER_YEAR);
  }
  return (sum / points) * n;
}

export interface CaseIdSource {
  next(): number;
}

/**
 * Generates every case of one cell (case type × segment × sex): year by year, each year's decisions stratum by
 * stratum, then the cases still open at the end of 2024. Memory is that of one case at a time plus a few numbers
 * per stratum: durations are recomputed from their quantiles in each pass rather than kept.
 */
export function* generateCell(plan: CellPlan, seed: number, ids: CaseIdSource): Generator<GeneratedCaseWithEvents> {
  const key = `${plan.caseType}/${plan.segment}/${plan.sex}`;
  const random = randomStream(seed, key, 'attributes');
  const stock = [plan.openStart, 0, 0, 0];

  for (const [index, year] of plan.years.entries()) {
    const cohort = index + 1;
    stock[cohort] = year.received;
    const expected = year.strata.map(expectedFromEarlierYears);
    const earlierStock = stock.slice(0, cohort).reduce((a, b) => a + b, 0);
    // Decisions on earlier receipts: as the durations suggest, within what the flows allow.
    const fromEarlier = Math.min(
      Math.min(year.decided, earlierStock),
      Math.max(Math.max(0, year.decided - year.received), Math.round(expected.reduce((a, b) => a + b, 0))),
    );
    // Older cohorts are somewhat more likely to be decided (weight 1 + age in years), never more than is open.
    const earlierCohorts = Array.from({ length: cohort }, (_, r) => r);
    const byCohort = splitByWeight(
      fromEarlier,
      earlierCohorts.map((r) => (stock[r] ?? 0) * (1 + cohort - r)),
      earlierCohorts.map((r) => stock[r] ?? 0),
    );
    const byStratum = splitByWeight(
      fromEarlier,
      expected,
      year.strata.map((s) => s.decided),
    );
    const room = [...byCohort];
    const matrix = year.strata.map((_, k) => {
      const row = splitByWeight(byStratum[k] ?? 0, room, room);
      row.forEach((v, r) => (room[r] = (room[r] ?? 0) - v));
      return row;
    });
    byCohort.forEach((v, r) => (stock[r] = (stock[r] ?? 0) - v));
    stock[cohort] = (stock[cohort] ?? 0) - (year.decided - fromEarlier);

    for (const [k, stratum] of year.strata.entries()) {
      yield* generateStratum(plan, year, stratum, cohort, matrix[k] ?? [], seed, key, random, ids);
    }
  }

  // Still open at the end of 2024: receipt dates spread over the cohort's window (the opening stock's last three years).
  for (const [cohort, left] of stock.entries()) {
    const [first, last] = cohort === PRE ? [yearStart(FIRST_YEAR - 3), yearEnd(FIRST_YEAR - 1)] : receiptWindow(cohort);
    for (let j = 0; j < left; j++) {
      const receivedDay = random.int(first, last);
      const caseId = ids.next();
      yield withEvents(openCase(plan, receivedDay, random, caseId), random);
    }
  }
}

function openCase(plan: CellPlan, receivedDay: number, random: RandomStream, caseId: number): GeneratedCase {
  const person = drawPerson(plan.caseType, plan.segment, random);
  return {
    caseId,
    caseType: plan.caseType,
    segment: plan.segment,
    subcategory: drawWorkCategory(plan.caseType, plan.segment, plan.sex, receivedDay, random),
    sex: plan.sex,
    ageGroup: person.ageGroup,
    nationality: person.nationality,
    region: null,
    channel: person.channel,
    automated: false,
    receivedDay,
    decisionDay: null,
    outcome: null,
    processingDays: null,
    feePaidSek: person.feePaidSek,
    appealed: false,
    courtOutcome: null,
  };
}

function withEvents(fact: GeneratedCase, random: RandomStream): GeneratedCaseWithEvents {
  return { fact, events: caseEvents(fact, random) };
}

/**
 * One stratum's decisions of one year. The durations are the stratum's quantiles in ascending order; the shortest
 * go to cases received the same year, the longest to the oldest cohorts. A duration a cohort cannot have (a case
 * received this year cannot take 400 days) is clamped into the cohort's range, and the difference this makes to
 * the stratum's sum of days — together with the quantiles' own rounding — is then spread over the cases that have
 * room (staying on their side of the limit and inside their cohort's range), in proportion to their room, so the
 * sum, and with it the mean, is exact. Decision dates are then drawn uniformly among those the cohort allows.
 */
function* generateStratum(
  plan: CellPlan,
  year: YearPlan,
  stratum: StratumPlan,
  sameYear: number,
  fromCohorts: readonly number[],
  seed: number,
  key: string,
  random: RandomStream,
  ids: CaseIdSource,
): Generator<GeneratedCaseWithEvents> {
  const n = stratum.decided;
  if (n === 0) return;
  const { model, below } = stratum;
  // Positions [0, sameYearCount) are received this year; then the earlier cohorts, newest first.
  const boundaries: { cohort: number; end: number }[] = [];
  let end = n - fromCohorts.reduce((a, b) => a + b, 0);
  boundaries.push({ cohort: sameYear, end });
  for (let r = sameYear - 1; r >= 0; r--) {
    end += fromCohorts[r] ?? 0;
    boundaries.push({ cohort: r, end });
  }
  const cohortAt = (i: number) => (boundaries.find((b) => i < b.end) ?? boundaries[boundaries.length - 1]!).cohort;
  const ranges = boundaries.map((b) => daysRange(b.cohort, year.year));
  const rangeOf = (cohort: number) => ranges[boundaries.findIndex((b) => b.cohort === cohort)] ?? [0, model.cap];

  const bounds = (i: number, cohort: number): [number, number] => {
    const [lo, hi] = rangeOf(cohort);
    const side: [number, number] = model.limit === null ? [0, model.cap] : i < below ? [0, model.limit] : [model.limit + 1, model.cap];
    const sLo = Math.max(lo, side[0]);
    const sHi = Math.min(hi, side[1]);
    return sLo <= sHi ? [sLo, sHi] : [lo, hi];
  };
  const jitter = () => randomStream(seed, key, year.year, stratum.key, 'jitter');

  // Pass 1: the clamped sum, and how much room the cases have to move up and down.
  let sum = 0;
  let roomUp = 0;
  let roomDown = 0;
  let softUp = 0;
  let softDown = 0;
  let u = jitter();
  for (let i = 0; i < n; i++) {
    const cohort = cohortAt(i);
    const [lo, hi] = bounds(i, cohort);
    const d = Math.min(hi, Math.max(lo, durationAt(model, i, n, below, u.next())));
    sum += d;
    roomUp += hi - d;
    roomDown += d - lo;
    // The soft room keeps each case within a factor of two of its drawn duration: used whenever it suffices.
    softUp += Math.min(hi - d, Math.max(1, d));
    softDown += Math.min(d - lo, Math.ceil(d / 2));
  }
  const delta = stratum.daysSum - sum;
  const up = delta > 0;
  const need = Math.abs(delta);
  const soft = (up ? softUp : softDown) >= need;
  const total = up ? (soft ? softUp : roomUp) : soft ? softDown : roomDown;
  const spread = Math.min(need, total);

  // Pass 2: the same durations, moved by their share of the difference, and the cases around them.
  const outcomes = new ExactQuota(stratum.outcomes, randomStream(seed, key, year.year, stratum.key, 'outcomes'));
  u = jitter();
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const cohort = cohortAt(i);
    const [lo, hi] = bounds(i, cohort);
    let d = Math.min(hi, Math.max(lo, durationAt(model, i, n, below, u.next())));
    if (total > 0 && spread > 0) {
      const room = up ? (soft ? Math.min(hi - d, Math.max(1, d)) : hi - d) : soft ? Math.min(d - lo, Math.ceil(d / 2)) : d - lo;
      cumulative += room;
      const target = Math.floor((spread * cumulative) / total);
      const step = target - given;
      given = target;
      d += up ? step : -step;
    }
    const [first, last] = receiptWindow(cohort);
    const tLo = Math.max(yearStart(year.year), first + d);
    const tHi = Math.min(yearEnd(year.year), last + d);
    const decisionDay = random.int(tLo, Math.max(tLo, tHi));
    const outcome = outcomes.draw();
    const person = drawPerson(plan.caseType, plan.segment, random);
    const receivedDay = decisionDay - d;
    const caseId = ids.next();
    const fact: GeneratedCase = {
      caseId,
      caseType: plan.caseType,
      segment: plan.segment,
      subcategory: stratum.subcategory ?? drawWorkCategory(plan.caseType, plan.segment, plan.sex, receivedDay, random),
      sex: plan.sex,
      ageGroup: person.ageGroup,
      nationality: person.nationality,
      region: plan.caseType === 'ASYLUM' ? drawAsylumRegion(year.year, outcome, random) : null,
      channel: person.channel,
      automated: drawAutomated(plan.caseType, person.channel, outcome === 'approved', random),
      receivedDay,
      decisionDay,
      outcome,
      processingDays: d,
      feePaidSek: person.feePaidSek,
      appealed: false,
      courtOutcome: null,
    };
    yield withEvents(fact, random);
  }
}
