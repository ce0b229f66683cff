import { COURT_OUTCOME_CODES } from '../dimensions/case-event-types.js';
import type { RandomStream } from './seeded-random.js';

/**
 * Attributes the published tables do not break down at case level — nationality, age group, channel, automated
 * decisions, fees — drawn from plausible distributions. None of these numbers is a published figure: they are
 * stated assumptions chosen to look like the agency's case mix (asylum from AF/SY/IQ/ER…, work permits from IN/TR/
 * CN…, EEA citizens from PL/RO/DE/FI…), to be replaced when a source gives them.
 */
type Mix = readonly (readonly [string, number])[];

const NATIONALITY_MIX: Readonly<Record<string, Mix>> = {
  ASYLUM: [
    ['SY', 14],
    ['AF', 12],
    ['IQ', 9],
    ['UZ', 8],
    ['ER', 6],
    ['SO', 6],
    ['IR', 6],
    ['TR', 5],
    ['RU', 4],
    ['GE', 4],
    ['UA', 3],
    ['stateless', 5],
    ['unknown', 3],
    ['other', 15],
  ],
  TEMPORARY_PROTECTION: [
    ['UA', 97],
    ['stateless', 1],
    ['other', 2],
  ],
  FAMILY: [
    ['SY', 10],
    ['AF', 8],
    ['IN', 8],
    ['ER', 7],
    ['SO', 6],
    ['IQ', 6],
    ['TR', 5],
    ['TH', 5],
    ['PK', 4],
    ['IR', 4],
    ['other', 37],
  ],
  WORK: [
    ['IN', 25],
    ['TR', 8],
    ['CN', 6],
    ['PK', 5],
    ['TH', 6],
    ['BD', 4],
    ['IR', 4],
    ['US', 4],
    ['PH', 3],
    ['UA', 3],
    ['other', 32],
  ],
  EEA: [
    ['PL', 15],
    ['RO', 14],
    ['DE', 8],
    ['FI', 8],
    ['GB', 7],
    ['other', 48],
  ],
  STUDY: [
    ['IN', 20],
    ['CN', 12],
    ['PK', 8],
    ['BD', 7],
    ['IR', 6],
    ['US', 5],
    ['NG', 4],
    ['TR', 4],
    ['other', 34],
  ],
  VISA: [
    ['IN', 18],
    ['CN', 10],
    ['TR', 10],
    ['TH', 8],
    ['RU', 6],
    ['PH', 5],
    ['PK', 5],
    ['IR', 5],
    ['UA', 3],
    ['other', 30],
  ],
  VISIT: [
    ['SY', 10],
    ['IQ', 8],
    ['AF', 8],
    ['IR', 7],
    ['IN', 6],
    ['TR', 6],
    ['other', 55],
  ],
  CITIZENSHIP: [
    ['SY', 22],
    ['AF', 9],
    ['ER', 7],
    ['IQ', 7],
    ['SO', 6],
    ['IR', 5],
    ['PL', 4],
    ['TH', 3],
    ['stateless', 6],
    ['other', 31],
  ],
  ENFORCEMENT_IMPEDIMENT: [
    ['AF', 15],
    ['IQ', 12],
    ['UZ', 10],
    ['SO', 8],
    ['IR', 7],
    ['RU', 5],
    ['stateless', 5],
    ['other', 38],
  ],
  STATE_COMPENSATION: [
    ['SY', 12],
    ['AF', 12],
    ['UA', 20],
    ['ER', 6],
    ['SO', 6],
    ['IQ', 6],
    ['other', 38],
  ],
  REVOCATION: [
    ['SO', 10],
    ['IQ', 9],
    ['SY', 9],
    ['AF', 8],
    ['ER', 6],
    ['other', 58],
  ],
  REMIGRATION: [
    ['SY', 20],
    ['IQ', 15],
    ['AF', 10],
    ['SO', 10],
    ['other', 45],
  ],
  RESETTLEMENT: [
    ['SY', 25],
    ['AF', 15],
    ['SS', 12],
    ['CD', 12],
    ['ER', 10],
    ['SO', 8],
    ['ET', 5],
    ['other', 13],
  ],
};

const AGE_MIX: Readonly<Record<string, readonly number[]>> = {
  // weights of 0_17, 18_34, 35_64, 65_plus
  ASYLUM: [30, 45, 23, 2],
  TEMPORARY_PROTECTION: [32, 22, 38, 8],
  FAMILY: [38, 42, 18, 2],
  WORK: [12, 55, 33, 0],
  EEA: [12, 48, 37, 3],
  STUDY: [3, 88, 9, 0],
  VISA: [10, 38, 42, 10],
  VISIT: [8, 30, 42, 20],
  CITIZENSHIP: [28, 35, 34, 3],
  ENFORCEMENT_IMPEDIMENT: [15, 55, 29, 1],
  STATE_COMPENSATION: [25, 40, 30, 5],
  REVOCATION: [20, 45, 33, 2],
  REMIGRATION: [5, 20, 50, 25],
  RESETTLEMENT: [45, 33, 20, 2],
};
export const AGE_GROUPS = ['0_17', '18_34', '35_64', '65_plus'] as const;

/** Share of applications made through the e-service (the rest on paper or in person). */
const E_APPLICATION_SHARE: Readonly<Record<string, number>> = {
  ASYLUM: 0,
  TEMPORARY_PROTECTION: 0.7,
  FAMILY: 0.85,
  WORK: 0.97,
  EEA: 0.8,
  STUDY: 0.97,
  VISA: 0.3,
  VISIT: 0.75,
  CITIZENSHIP: 0.9,
  ENFORCEMENT_IMPEDIMENT: 0.1,
  STATE_COMPENSATION: 0.6,
  REVOCATION: 0,
  REMIGRATION: 0.4,
  RESETTLEMENT: 0,
};

/** Share of approved e-applications decided automatically (rule-based extensions, simple work-permit cases). */
const AUTOMATED_SHARE: Readonly<Record<string, number>> = {
  TEMPORARY_PROTECTION: 0.9,
  WORK: 0.15,
  STUDY: 0.1,
  CITIZENSHIP: 0.05,
  STATE_COMPENSATION: 0.3,
};

/** Application fees in SEK, approximating the agency's fee schedule of 2022–2024 (not a printed figure here). */
function feeFor(caseType: string, segment: string, ageGroup: string): number | null {
  const child = ageGroup === '0_17';
  switch (caseType) {
    case 'WORK':
      return 2_200;
    case 'STUDY':
      return 1_500;
    case 'FAMILY':
      return child ? 1_000 : 2_000;
    case 'VISIT':
      return child ? 750 : 1_500;
    case 'VISA':
      return child ? 450 : 900;
    case 'CITIZENSHIP':
      if (segment === 'naturalisation') return child ? 250 : 1_500;
      if (segment === 'notification') return child ? 175 : 475;
      return 475;
    default:
      return null;
  }
}

/** Share of rejections appealed to a migration court (visa refusals cannot be appealed). */
const APPEAL_SHARE: Readonly<Record<string, number>> = {
  ASYLUM: 0.8,
  FAMILY: 0.45,
  WORK: 0.35,
  EEA: 0.35,
  STUDY: 0.3,
  VISIT: 0.2,
  CITIZENSHIP: 0.25,
  ENFORCEMENT_IMPEDIMENT: 0.1,
  REVOCATION: 0.6,
  REMIGRATION: 0.1,
  STATE_COMPENSATION: 0.05,
  TEMPORARY_PROTECTION: 0.3,
};

/** Court outcomes: changed, unchanged (upheld), remanded (återförvisat). */
export const COURT_OUTCOMES = COURT_OUTCOME_CODES;
const COURT_OUTCOME_WEIGHTS = [12, 84, 4] as const;

export interface PersonAttributes {
  ageGroup: string;
  nationality: string;
  channel: 'e_application' | 'paper';
  feePaidSek: number | null;
}

const DEFAULT_AGES = [20, 45, 30, 5];
const OTHER_ONLY: Mix = [['other', 1]];
const NATIONALITY_WEIGHTS = new Map(Object.entries(NATIONALITY_MIX).map(([type, mix]) => [type, mix.map(([, w]) => w)]));

export function drawPerson(caseType: string, segment: string, random: RandomStream): PersonAttributes {
  const ages = AGE_MIX[caseType] ?? DEFAULT_AGES;
  const ageGroup = AGE_GROUPS[random.pick(ages)] as string;
  const mix = NATIONALITY_MIX[caseType] ?? OTHER_ONLY;
  const nationality = (mix[random.pick(NATIONALITY_WEIGHTS.get(caseType) ?? [1])] as readonly [string, number])[0];
  const channel = random.chance(E_APPLICATION_SHARE[caseType] ?? 0.5) ? 'e_application' : 'paper';
  return { ageGroup, nationality, channel, feePaidSek: feeFor(caseType, segment, ageGroup) };
}

export function drawAutomated(caseType: string, channel: string, approved: boolean, random: RandomStream): boolean {
  return approved && channel === 'e_application' && random.chance(AUTOMATED_SHARE[caseType] ?? 0);
}

export function appealShare(caseType: string): number {
  return caseType === 'VISA' ? 0 : (APPEAL_SHARE[caseType] ?? 0.1);
}

export function drawCourtOutcome(random: RandomStream): string {
  return COURT_OUTCOMES[random.pick(COURT_OUTCOME_WEIGHTS)] as string;
}

/** Nationality codes the mixes use: each must exist in dim_nationality (reference/code-names.ts). */
export function nationalityCodes(): string[] {
  return [...new Set(Object.values(NATIONALITY_MIX).flatMap((mix) => mix.map(([code]) => code)))].sort();
}
