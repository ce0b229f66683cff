/**
 * What the generator produces per case type, and every assumption it makes where the published figures are silent.
 * Each number here is a stated, plausible choice — not a figure from the sources — unless a comment says otherwise.
 */

/** Case types generated, in output order (codes of warehouse/reference/case-types.ts). */
export const GENERATED_CASE_TYPES = [
  'ASYLUM',
  'TEMPORARY_PROTECTION',
  'FAMILY',
  'WORK',
  'EEA',
  'STUDY',
  'VISA',
  'VISIT',
  'CITIZENSHIP',
  'ENFORCEMENT_IMPEDIMENT',
  'STATE_COMPENSATION',
  'REVOCATION',
  'REMIGRATION',
  'RESETTLEMENT',
] as const;

/** The segment of a case type whose figures are printed without a segment split. */
export const GENERAL_SEGMENT = 'general';

/**
 * "varav" rows of Tabell 6.2: sub-populations of the first-time asylum decisions. They are not extra cases but
 * decisions of the parent segment with an outcome (Dublin → 'dublin_transfer') or a flag in `subcategory`
 * (expulsion to an EU country and immediate enforcement are rejections with immediate enforcement).
 */
export interface SubPopulation {
  /** The published segment code, reused as the case's subcategory. */
  key: string;
  parentSegment: string;
  outcome: string;
}
export const SUB_POPULATIONS: Readonly<Record<string, readonly SubPopulation[]>> = {
  ASYLUM: [
    { key: 'dublin', parentSegment: 'first_time', outcome: 'dublin_transfer' },
    { key: 'expulsion_eu', parentSegment: 'first_time', outcome: 'rejected' },
    { key: 'immediate_enforcement', parentSegment: 'first_time', outcome: 'rejected' },
  ],
};

/** Published segments that only describe subcategories (Tabell 8.4's categories of 2024), not cases of their own. */
export const SUBCATEGORY_SEGMENTS: Readonly<Record<string, readonly string[]>> = {
  WORK: ['category_a', 'category_b', 'category_c', 'category_d'],
};

export interface CaseTypeAssumptions {
  /** Share of women where a table gives no sex split (assumed). */
  femaleShare: number;
  /** Share of decisions written off / dismissed (avskrivna, avvisade): outside the approval rate "mot avslag". */
  writtenOffShare: number;
  /** Approval rate approved/(approved+rejected) where none is published. */
  approvalRate: number;
  /** Mean processing days where none is published. */
  meanDays: number;
  /** Spread (σ of log days) of the log-normal processing-time model. */
  sigma: number;
  /** Words for the two decision outcomes (revocations are revoked or not). */
  approvedOutcome: string;
  rejectedOutcome: string;
}

const BASE: CaseTypeAssumptions = {
  femaleShare: 0.45,
  writtenOffShare: 0.04,
  approvalRate: 0.8,
  meanDays: 90,
  sigma: 0.8,
  approvedOutcome: 'approved',
  rejectedOutcome: 'rejected',
};

export const ASSUMPTIONS: Readonly<Record<string, CaseTypeAssumptions>> = {
  // Asylum first-time decisions include many withdrawn/absconded cases; extensions rarely.
  ASYLUM: { ...BASE, writtenOffShare: 0.06, meanDays: 180, sigma: 0.75 },
  TEMPORARY_PROTECTION: { ...BASE, femaleShare: 0.6, writtenOffShare: 0.01, meanDays: 40, sigma: 0.9 },
  FAMILY: { ...BASE, femaleShare: 0.6, writtenOffShare: 0.05, meanDays: 300, sigma: 0.7 },
  WORK: { ...BASE, femaleShare: 0.42, writtenOffShare: 0.05, meanDays: 150, sigma: 0.85 },
  EEA: { ...BASE, writtenOffShare: 0.05, meanDays: 240, sigma: 0.7 },
  STUDY: { ...BASE, writtenOffShare: 0.04, meanDays: 90, sigma: 0.8 },
  // Visas are decided within days; the 15-day limit of dim_case_type.
  VISA: { ...BASE, femaleShare: 0.46, writtenOffShare: 0.01, meanDays: 10, sigma: 0.7 },
  VISIT: { ...BASE, writtenOffShare: 0.03, meanDays: 65, sigma: 0.8 },
  CITIZENSHIP: { ...BASE, writtenOffShare: 0.03, meanDays: 430, sigma: 0.7 },
  ENFORCEMENT_IMPEDIMENT: { ...BASE, femaleShare: 0.3, writtenOffShare: 0.03, meanDays: 140, sigma: 0.9 },
  // Claims of municipalities and regions for persons; sex is that of the person the claim concerns.
  STATE_COMPENSATION: { ...BASE, femaleShare: 0.45, writtenOffShare: 0.02, approvalRate: 0.93, meanDays: 125, sigma: 0.6 },
  REVOCATION: {
    ...BASE,
    femaleShare: 0.4,
    writtenOffShare: 0,
    meanDays: 150,
    sigma: 0.8,
    approvedOutcome: 'revoked',
    rejectedOutcome: 'not_revoked',
  },
  REMIGRATION: { ...BASE, femaleShare: 0.4, meanDays: 90, sigma: 0.7 },
  // Resettlement (UNHCR referrals): Tabell 18.1 prints granted permits only; about one in twelve referrals is refused.
  RESETTLEMENT: { ...BASE, writtenOffShare: 0.02, approvalRate: 0.92, meanDays: 75, sigma: 0.6 },
};

export function assumptionsFor(caseType: string): CaseTypeAssumptions {
  return ASSUMPTIONS[caseType] ?? BASE;
}

/** σ of the log-normal of a sub-population's processing days (short, fairly regular procedures). */
export const SUB_POPULATION_SIGMA = 0.7;

/**
 * Longest processing time the model draws (days). Old cases beyond it exist, but they are too few to matter for
 * any published figure.
 */
export const MAX_PROCESSING_DAYS = 2_400;

/** Earliest receipt date of the opening stock (cases still open on 2022-01-01). */
export const OPENING_STOCK_FROM_YEAR = 2016;
