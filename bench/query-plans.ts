import type pg from 'pg';
import type { PlanFacts } from './report.js';
import type { CapturedStatement } from './sql-capture.js';

interface PlanNode {
  'Relation Name'?: string;
  Schema?: string;
  Plans?: PlanNode[];
}

function relations(node: PlanNode, into: Set<string>): Set<string> {
  if (node['Relation Name']) into.add(`${node.Schema ? `${node.Schema}.` : ''}${node['Relation Name']}`);
  for (const child of node.Plans ?? []) relations(child, into);
  return into;
}

/**
 * EXPLAIN ANALYZE of a statement: its execution time and the tables it reads, which shows whether a metric is
 * answered from the monthly rollups or from the case facts.
 */
export async function explainStatement(pool: pg.Pool, queryId: string, scale: number, statement: CapturedStatement): Promise<PlanFacts> {
  const { rows } = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }[] }>({
    text: `explain (analyze, verbose, format json) ${statement.sql}`,
    values: [...statement.parameters],
  });
  const plan = rows[0]?.['QUERY PLAN'][0];
  if (!plan) throw new Error(`no plan for ${queryId}`);
  return {
    queryId,
    scale,
    executionMs: plan['Execution Time'],
    planningMs: plan['Planning Time'],
    tablesRead: [...relations(plan.Plan, new Set())].sort(),
  };
}
