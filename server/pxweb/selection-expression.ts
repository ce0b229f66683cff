import { PxProblem, quoted } from './pxweb-problem.js';

/**
 * The API v2 selection grammar over a variable's value codes (in metadata order): literal codes, `*`, `ab*`, `*ab`,
 * `*ab*`, `?` masks, TOP(n[,offset]), BOTTOM(n[,offset]), FROM(c), TO(c), RANGE(a,b). Codes and function names are
 * case-insensitive. As in PxTools/PxWebApi (PxWeb/Code/Api2/DataSelection/SelectionExpressions/): TOP on the time
 * variable takes the latest periods; a code a FROM, TO or RANGE names must exist, else the expression is illegal.
 * Returns the selected codes in metadata order, each once.
 */
export function resolveSelection(variable: string, codes: readonly string[], expressions: readonly string[], isTime: boolean): string[] {
  const picked = new Set<number>();
  const indexOf = (code: string) => codes.findIndex((c) => c.toLowerCase() === code.toLowerCase());
  const illegal = (expression: string, why: string) => new PxProblem('illegalSelectionExpression', `${variable}: ${quoted(expression)} ${why}`);
  for (const raw of expressions) {
    const expression = raw.trim();
    const fn = /^([a-z]+)\((.*)\)$/i.exec(expression);
    if (fn) {
      const name = (fn[1] as string).toUpperCase();
      const args = (fn[2] as string).split(',').map((a) => a.trim());
      if (name === 'TOP' || name === 'BOTTOM') {
        if (args.length > 2 || !/^[1-9]\d*$/.test(args[0] ?? '') || (args[1] !== undefined && !/^\d+$/.test(args[1]))) {
          throw illegal(expression, `is not ${name}(n) or ${name}(n,offset) with whole numbers`);
        }
        const count = Number(args[0]);
        const offset = Number(args[1] ?? 0);
        // TOP counts from the start, except on time, where it means the latest periods (and BOTTOM the earliest).
        const fromEnd = (name === 'TOP') === isTime;
        for (let k = offset; k < offset + count && k < codes.length; k++) picked.add(fromEnd ? codes.length - 1 - k : k);
        continue;
      }
      if (name === 'FROM' || name === 'TO') {
        const at = args.length === 1 ? indexOf(args[0] as string) : -1;
        if (at < 0) throw illegal(expression, `names no value of ${variable}`);
        const [start, end] = name === 'FROM' ? [at, codes.length - 1] : [0, at];
        for (let k = start; k <= end; k++) picked.add(k);
        continue;
      }
      if (name === 'RANGE') {
        const a = args.length === 2 ? indexOf(args[0] as string) : -1;
        const b = args.length === 2 ? indexOf(args[1] as string) : -1;
        if (a < 0 || b < 0) throw illegal(expression, `is not RANGE(a,b) of two values of ${variable}`);
        for (let k = Math.min(a, b); k <= Math.max(a, b); k++) picked.add(k);
        continue;
      }
      throw illegal(expression, 'is not a known selection function (TOP, BOTTOM, FROM, TO, RANGE)');
    }
    if (expression.includes('*') || expression.includes('?')) {
      const pattern = mask(expression);
      if (!pattern) throw illegal(expression, 'puts * elsewhere than at the start or end');
      codes.forEach((c, k) => {
        if (pattern.test(c)) picked.add(k);
      });
      continue;
    }
    if (expression === '' || /[()[\]]/.test(expression)) throw illegal(expression, 'is not a value code or a selection expression');
    const at = indexOf(expression);
    if (at < 0) throw new PxProblem('nonExistentValue', `${variable} has no value ${quoted(expression)}`);
    picked.add(at);
  }
  return [...picked].sort((a, b) => a - b).map((k) => codes[k] as string);
}

/** A wildcard mask as a regular expression: `*` only at the start or end, `?` one character anywhere. */
function mask(expression: string): RegExp | null {
  if (expression === '*') return /^.*$/s;
  const inner = expression.replace(/^\*/, '').replace(/\*$/, '');
  if (inner.includes('*')) return null;
  const escaped = inner.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '.');
  return new RegExp(`^${expression.startsWith('*') ? '.*' : ''}${escaped}${expression.endsWith('*') && expression.length > 1 ? '.*' : ''}$`, 'is');
}

/**
 * Splits a GET list (`valueCodes[VAR]=a,b,TOP(3,1),[range(2020,2023)]`) on the commas between items: a bracketed item
 * or a function's parentheses keep their commas.
 */
export function splitValueList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[' || ch === '(') depth++;
    if (ch === ']' || ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items
    .map((i) =>
      i
        .trim()
        .replace(/^\[(.*)\]$/s, '$1')
        .trim(),
    )
    .filter((i) => i !== '');
}
