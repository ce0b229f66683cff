import type { RandomStream } from './seeded-random.js';

/**
 * Regional split of asylum decisions (regions nord, syd, väst), from the asylum review (document 001):
 * each region's share of the year's first-time decisions ("Beslutsår", 2022: 62/13/25 %, 2023: 58/18/24 %; 2024 is
 * not covered and takes 2023's) and each region's approval rate 2020–2023 (27/48/36 %). The overall approval
 * count is fixed by the calibration; the region is drawn given the outcome, with P(region | approved) ∝ share ×
 * rate and P(region | rejected) ∝ share × (1 − rate), so that the regions keep their shares of decisions and rank
 * in approval rate as the review found, whatever the national rate.
 */
export const ASYLUM_REGIONS = ['nord', 'syd', 'vast'] as const;

const SHARE_OF_DECISIONS: Readonly<Record<number, readonly [number, number, number]>> = {
  2022: [0.62, 0.13, 0.25],
  2023: [0.58, 0.18, 0.24],
  2024: [0.58, 0.18, 0.24],
};
const APPROVAL_RATE: readonly [number, number, number] = [0.27, 0.48, 0.36];

export function drawAsylumRegion(decisionYear: number, outcome: string, random: RandomStream): string {
  const shares = SHARE_OF_DECISIONS[decisionYear] ?? SHARE_OF_DECISIONS[2024]!;
  const weights = shares.map((share, i) => {
    const rate = APPROVAL_RATE[i] ?? 0.35;
    if (outcome === 'approved') return share * rate;
    if (outcome === 'rejected') return share * (1 - rate);
    return share;
  });
  return ASYLUM_REGIONS[random.pick(weights)] as string;
}
