import type { CellTarget } from './calibration-targets.js';
import { planCell, type CellPlan } from './cell-plan.js';
import { generateCell } from './cell-generator.js';
import type { GeneratedCaseWithEvents } from './case-row.js';

export interface GenerateOptions {
  /** 1 = the national volume of 2022–2024; counts scale linearly (rounded half up per cell and year). */
  scale: number;
  seed: number;
}

/** The integer plans of all cells at a scale (small: a few hundred cells). */
export function planCells(targets: readonly CellTarget[], scale: number): CellPlan[] {
  return targets.map((t) => planCell(t, scale));
}

/** Number of cases the plans produce (for progress bars): every received case, plus the opening stock. */
export function plannedCaseCount(plans: readonly CellPlan[]): number {
  return plans.reduce((a, p) => a + p.openStart + p.years.reduce((b, y) => b + y.received, 0), 0);
}

/**
 * Every case of every cell, lazily, in a fixed order (the targets' order), with case ids 1, 2, 3…: the same targets,
 * scale and seed always give the same sequence.
 */
export function* generateCases(targets: readonly CellTarget[], options: GenerateOptions): Generator<GeneratedCaseWithEvents> {
  let id = 0;
  const ids = { next: () => ++id };
  for (const plan of planCells(targets, options.scale)) {
    yield* generateCell(plan, options.seed, ids);
  }
}
