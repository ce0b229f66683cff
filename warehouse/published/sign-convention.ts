/**
 * How a measure reads the minus sign of its print. Most measures are `signed`: the sign is the meaning (a fee result
 * of −191 827 is a deficit, a capital change of −93 590 a loss, an adjustment of −9 261 a deduction). A few measures
 * are `amount`s: the accounts print them with a minus that marks the direction of the entry (an expense, a
 * withdrawal, a payment), and the same table elsewhere (Tabell 3.1, Tabell 3.5) prints them unsigned. There the minus
 * is punctuation, so `value` is the amount (the absolute printed number) while `printed` keeps the print exactly.
 *
 * One declared rule per measure, never per file: a new measure that an accounts table prints with an expense minus is
 * added here, with the reason.
 */
export type SignConvention = 'signed' | 'amount';

/** The `amount` measures and why their print's minus is punctuation. Every other measure is `signed`. */
export const AMOUNT_MEASURES: ReadonlyMap<string, string> = new Map([
  ['budget_outcome', 'anslagsutfall: an amount spent; Redovisning mot anslag prints expenditure with a minus, Tabell 3.1 without'],
  ['budget_withdrawal', 'indragning: an amount withdrawn from the appropriation; printed with a minus in Redovisning mot anslag'],
  ['commitments_paid', 'utgifter mot anslag under a commitment authority: an amount paid; printed with a minus'],
  [
    'cost',
    'kostnader: an amount spent; the cost tables of the financial section print costs with a minus (Tabell 3.2–3.4, 3.6, 3.7, the income statement), Tabell 3.5 without',
  ],
  [
    'funds_paid_to_state_budget',
    'medel som tillförts statens budget från uppbördsverksamhet: an amount paid in to the state budget; printed with a minus',
  ],
  ['net_cost', 'summa kostnad/intäkt: the net cost of an area, printed with a minus as an expense'],
]);

export function signConvention(measure: string): SignConvention {
  return AMOUNT_MEASURES.has(measure) ? 'amount' : 'signed';
}

/** The value a figure of `measure` takes for a printed number: the amount for `amount` measures, else as printed. */
export function conventionalValue(measure: string, printedValue: number): number {
  return signConvention(measure) === 'amount' ? Math.abs(printedValue) : printedValue;
}
