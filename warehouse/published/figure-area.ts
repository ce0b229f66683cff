import type { FigureArea } from '../database/tables.js';
import { EUR_PER_UNIT, SEK_PER_UNIT, type Unit } from './figure-vocabulary.js';

const CASE_FLOW_MEASURES = new Set([
  'received',
  'decided',
  'approved',
  'rejected',
  'approval_rate',
  'mean_processing_days',
  'median_processing_days',
  'share_decided_within_limit',
  'granted_permits',
  'productivity',
  'unit_cost',
]);
const OPEN_BALANCE_MEASURES = new Set(['open_at_end', 'mean_queue_days', 'share_open_within_limit']);
const RETURN_MEASURES = new Set(['voluntary_departures', 'enforced_departures', 'handed_to_police', 'dublin_transfers', 'removal_orders_in_force']);

/**
 * Which of the product's areas a published figure belongs to, by its measure (and for returns also its case type):
 * the partition of `fact_figure` it is stored in.
 */
export function figureArea(measure: string, caseType: string | null): FigureArea {
  if (measure.startsWith('fee_')) return 'fee';
  if (measure.startsWith('budget_')) return 'budget';
  if (measure.startsWith('returns_') || RETURN_MEASURES.has(measure) || caseType === 'RETURN') return 'return';
  if (OPEN_BALANCE_MEASURES.has(measure) || measure.startsWith('open_')) return 'open_balance';
  if (CASE_FLOW_MEASURES.has(measure)) return 'case_flow';
  return 'other';
}

/** The metric layer's units: money in SEK (euro in EUR), shares as 0–1 fractions, everything else as printed. */
export function toBaseUnit(value: number, unit: Unit): { baseValue: number; baseUnit: string } {
  const sekPerUnit = SEK_PER_UNIT[unit];
  if (sekPerUnit !== undefined) return { baseValue: value * sekPerUnit, baseUnit: 'SEK' };
  const eurPerUnit = EUR_PER_UNIT[unit];
  if (eurPerUnit !== undefined) return { baseValue: value * eurPerUnit, baseUnit: 'EUR' };
  if (unit === 'percent') return { baseValue: value / 100, baseUnit: 'ratio' };
  return { baseValue: value, baseUnit: unit };
}
