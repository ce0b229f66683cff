import { PxProblem, quoted } from './pxweb-problem.js';
import type { DataRequest } from './request-parameters.js';
import { resolveSelection } from './selection-expression.js';
import { findTimeCodelist } from './time-codelists.js';
import { findAttributeCodelist } from './attribute-codelists.js';
import type { AttributeVariable, PxVariable, ResolvedTable } from './table-variables.js';
import { CONTENTS, TIME } from './table-catalog.js';

/** Every combination of one code from each list, the last fastest (one empty combination for no lists). */
export function codeCombinations(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((code) => [...prefix, code])), [[]]);
}

/** One variable of an answer and the codes selected for it, in metadata order. */
export interface SelectedVariable {
  variable: PxVariable;
  codes: string[];
}

/** The variables of an answer in JSON-stat order (stub, then heading), and which are heading. */
export interface CubeSelection {
  dimensions: SelectedVariable[];
  heading: string[];
  stub: string[];
  cells: number;
}

/**
 * A variable under a codelist: a time valueset keeps one grain; an aggregation of an attribute (nationality into
 * world regions) becomes a variable whose values are the groups holding any of its values.
 */
function variableUnder(resolved: ResolvedTable, variable: PxVariable, codelist: string | null): { variable: PxVariable; codes: string[] } {
  if (codelist === null) return { variable, codes: variable.values.map((v) => v.code) };
  if (variable.kind === 'time') {
    const list = findTimeCodelist(resolved.table, codelist);
    if (list) return { variable, codes: variable.periods.filter((p) => p.grain === list.grain).map((p) => p.code) };
  }
  if (variable.kind === 'attribute') {
    const list = findAttributeCodelist(codelist, variable.dimension);
    if (list) {
      const offered = new Set(variable.values.map((v) => v.code));
      const groups = list.groups.map((g) => ({ ...g, members: g.members.filter((m) => offered.has(m)) })).filter((g) => g.members.length > 0);
      const grouped: AttributeVariable = {
        ...variable,
        values: groups.map((g) => ({ code: g.code, label: g.label })),
        groups: new Map(groups.map((g) => [g.code, g.members])),
      };
      return { variable: grouped, codes: groups.map((g) => g.code) };
    }
  }
  throw new PxProblem('nonExistentCodelist', `${variable.code} has no codelist ${quoted(codelist)}`);
}

/**
 * The default selection (a request naming no variable): every content over the table's years, every other
 * variable eliminated where it can be, else all its values.
 */
function defaultCodes(variable: PxVariable): string[] | null {
  if (variable.kind === 'time') {
    const years = variable.periods.filter((p) => p.grain === 'YEAR').map((p) => p.code);
    return years.length > 0 ? years : variable.values.map((v) => v.code);
  }
  if (variable.kind === 'contents') return variable.values.map((v) => v.code);
  if (variable.kind === 'column' && variable.code === TIME) return variable.values.map((v) => v.code);
  return variable.elimination ? null : variable.values.map((v) => v.code);
}

/**
 * Applies a request's selection to a table: every named variable must exist, every expression resolve; a variable
 * left out is eliminated (the engine computes its total) unless it cannot be, which is refused. Then the placement:
 * heading and stub as asked, by default the contents and time in the heading and the rest in the stub.
 */
export function selectCube(resolved: ResolvedTable, request: DataRequest, maxCells: number): CubeSelection {
  const byCode = new Map(resolved.variables.map((v) => [v.code.toLowerCase(), v]));
  for (const name of request.selection.keys()) {
    if (!byCode.has(name)) throw new PxProblem('nonExistentVariable', `table ${resolved.table.id} has no variable ${quoted(name)}`);
  }
  const useDefault = request.selection.size === 0;
  const chosen: SelectedVariable[] = [];
  for (const offered of resolved.variables) {
    const asked = request.selection.get(offered.code.toLowerCase());
    const under = variableUnder(resolved, offered, asked?.codelist ?? null);
    const variable = under.variable;
    let codes: string[] | null;
    if (useDefault) codes = defaultCodes(variable);
    else if (!asked || asked.expressions === null) {
      if (!variable.elimination) {
        throw new PxProblem('missingSelection', `${variable.code} cannot be eliminated in table ${resolved.table.id}: select its values`);
      }
      codes = null;
    } else {
      codes = resolveSelection(variable.code, under.codes, asked.expressions, variable.kind === 'time');
      if (codes.length === 0) throw new PxProblem('nonExistentValue', `the selection of ${variable.code} matches no value`);
    }
    if (codes !== null) chosen.push({ variable, codes });
  }
  const cells = chosen.reduce((n, d) => n * d.codes.length, 1);
  if (cells > maxCells) throw new PxProblem('tooManyCells', `${cells} cells selected; at most ${maxCells} per request`);
  return { ...place(chosen, request), cells };
}

function place(chosen: SelectedVariable[], request: DataRequest): Omit<CubeSelection, 'cells'> {
  const codes = chosen.map((d) => d.variable.code);
  const find = (name: string) => {
    const hit = codes.find((c) => c.toLowerCase() === name.toLowerCase());
    if (!hit) throw new PxProblem('illegalPlacement', `${quoted(name)} is not a selected variable of this request`);
    return hit;
  };
  const askedHeading = request.heading?.map(find);
  const askedStub = request.stub?.map(find);
  const defaultHeading = chosen.filter((d) => d.variable.code === CONTENTS || d.variable.code === TIME).map((d) => d.variable.code);
  const heading = askedHeading ?? defaultHeading.filter((c) => !askedStub?.includes(c));
  const stub = [...(askedStub ?? []), ...codes.filter((c) => !heading.includes(c) && !askedStub?.includes(c))];
  if (heading.some((c) => stub.includes(c))) throw new PxProblem('illegalPlacement', 'a variable is both in the heading and in the stub');
  const order = [...stub, ...heading];
  return {
    dimensions: order.map((c) => chosen.find((d) => d.variable.code === c) as SelectedVariable),
    heading,
    stub,
  };
}
