import { parseSwedishNumberWord } from './swedish-number-words.js';

/**
 * Swedish printed numbers: a (narrow or plain) space as thousands separator, a comma as decimal separator,
 * and a minus that PDF extraction may turn into an en dash or part from its number by a space (`- 1 339 263`).
 */
const SWEDISH_NUMBER = /^(?:[-−–] ?)?\d{1,3}(?:[  ]\d{3})*(?:,\d+)?$|^(?:[-−–] ?)?\d+(?:,\d+)?$/;
/** A decimal point with one or two decimals, as the English-notation regression tables of 001 print (`2.49`). */
const POINT_DECIMAL = /^[-−–]?\d+\.\d{1,2}$/;

/**
 * Parses `9 588` → 9588, `20,7` → 20.7, `-191 827` → -191827, `2.49` → 2.49 (never `9.588`: three decimals after a
 * point would be a thousands group), and a number written as a word, `fem` → 5,
 * `elva` → 11 (see swedish-number-words.ts); null when it is not a number as printed.
 */
export function parseSwedishNumber(printed: string): number | null {
  const text = printed.trim();
  if (POINT_DECIMAL.test(text)) return Number(text.replace(/^[−–]/, '-'));
  if (!SWEDISH_NUMBER.test(text)) return parseSwedishNumberWord(text);
  const normalised = text.replace(/[  ]/g, '').replace(',', '.').replace(/^[−–]/, '-');
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}
