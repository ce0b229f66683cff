import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../database/tables.js';
import { METRICS } from '../metrics/catalog.js';
import { ATTRIBUTE_DIMENSIONS, ATTRIBUTES, CASE_ATTRIBUTE_DIMENSIONS, type Dimension } from '../dimensions/dimension-registry.js';
import { countColumnNames, intervalMethod } from '../metrics/metric-counts.js';
import type { MetricDefinition } from '../metrics/metric-definition.js';
import { metricQuery } from '../metrics/metric-query.js';
import type { MetricRequest } from '../metrics/metric-request.js';
import { deviationSql, wilsonSql } from '../metrics/wilson.js';
import { grantBiReader } from './bi-reader-role.js';
import { BI_SCHEMA } from './bi-schema.js';
import { inlineParameters } from './inline-parameters.js';

/**
 * The grain of a metric's view. Case flows and balances: month × every dimension the monthly rollups hold that the
 * metric supports (case type, segment, sex, region, and outcome for decision counts). Months roll up to quarters and
 * years, and with the numerator and denominator beside each ratio a BI tool can re-aggregate correctly
 * (Σ numerator / Σ denominator); the rollups make the views cheap to read. Age group, nationality, channel and weeks
 * stay with the API (month × all dimensions would be millions of mostly tiny cells). Published figures: year × all
 * the metric's dimensions, as they are printed.
 */
export function naturalGrain(definition: MetricDefinition): Dimension[] {
  if (definition.kind === 'figure') return [...definition.dimensions];
  return ['MONTH', ...CASE_ATTRIBUTE_DIMENSIONS.filter((d) => ATTRIBUTES[d].inRollups && definition.dimensions.includes(d))];
}

/** The request a view runs: its natural grain, no filter, every row. */
export function naturalRequest(definition: MetricDefinition): MetricRequest {
  return { by: naturalGrain(definition), where: {}, comparePrevious: false, orderBy: [], limit: Number.POSITIVE_INFINITY, offset: 0 };
}

const POINTS = sql.lit(100);

/**
 * A metric's view: the engine's own statement for the natural grain (the catalogue's formula, compiled by
 * `metricQuery` with its parameters inlined), with the period split into columns and the 95 % interval computed in SQL
 * from the row's counts.
 */
export function metricViewSelect(db: Kysely<Database>, definition: MetricDefinition): RawBuilder<unknown> {
  const request = naturalRequest(definition);
  const engine = sql.raw(inlineParameters(metricQuery(db, definition, request).compile(db)));
  const q = (column: string) => sql.ref(`q.${column}`);
  const time =
    definition.kind === 'figure'
      ? [sql`extract(year from q.bucket)::integer as year`]
      : [sql`q.bucket::date as period`, sql`extract(year from q.bucket)::integer as year`, sql`extract(month from q.bucket)::integer as month`];
  const dimensions = ATTRIBUTE_DIMENSIONS.filter((d) => request.by.includes(d)).map((d) => q(ATTRIBUTES[d].column));
  const counts = countColumnNames(definition.counts).map((c) => (c === 'n' ? sql`q.n::bigint as n` : q(c)));
  const given = (bound: RawBuilder<unknown>) => sql`case when q.value is not null then ${bound} end`;
  const interval: RawBuilder<unknown>[] = [];
  const method = intervalMethod(definition.counts);
  if (method === 'wilson') {
    const { lower, upper } = wilsonSql(q('numerator'), q('denominator'));
    interval.push(sql`${given(lower)} as lower`, sql`${given(upper)} as upper`);
  } else if (method === 'newcombe') {
    const { lower, upper } = deviationSql(q('numerator'), q('denominator'), q('reference_numerator'), q('reference_denominator'));
    interval.push(
      sql`${given(sql`${POINTS} * ${lower}`)} as lower`,
      sql`${given(sql`${POINTS} * ${upper}`)} as upper`,
      sql`${given(sql`${lower} > 0 or ${upper} < 0`)} as significant`,
    );
  }
  return sql`select ${sql.join([...time, ...dimensions, sql`q.value`, ...counts, ...interval])} from (${engine}) q`;
}

/** Published figures, one row each, with their provenance: the document, line and exact quote they were read from. */
const PUBLISHED_FIGURES = sql`
  select f.figure_id, f.measure, f.year, f.period, f.value, f.unit, f.printed, f.base_value, f.base_unit, f.approximate,
         f.case_type, f.segment, f.sex, f.age_group, f.region, f.nationality, f.outcome, f.agency, f.appropriation,
         f.fee_activity, f.subgroup, f.area, f.edition_year, f.document, f.line, f.quote, t.table_code, t.caption
  from public.fact_figure f join public.dim_source_table t on t.source_table_id = f.source_table_id`;

async function run<D>(db: Kysely<D>, statement: RawBuilder<unknown>): Promise<void> {
  await sql.raw(inlineParameters(statement.compile(db))).execute(db);
}

const view = (name: string) => sql.ref(`${BI_SCHEMA}.${name}`);

/** The comment of the `bi` schema, ending in the fingerprint of the views it was made with. */
const SCHEMA_COMMENT = 'Read-only views of the metric catalogue for SQL clients; generated from warehouse/metrics/catalog.ts.';
const fingerprintOf = (comment: string | null | undefined) => / \[views ([0-9a-f]{16})\]$/.exec(comment ?? '')?.[1] ?? null;
const viewsFingerprint = (statements: string[]) => createHash('sha256').update(statements.join(';\n')).digest('hex').slice(0, 16);

/** The statements that make the views of the catalogue (case-flow views only once the case facts exist), as SQL text. */
async function viewStatements(db: Kysely<Database>): Promise<{ names: string[]; statements: string[] }> {
  const { rows } = await sql<{ loaded: boolean }>`select to_regclass('cases.case_fact') is not null as loaded`.execute(db);
  const names: string[] = [];
  const statements: RawBuilder<unknown>[] = [];
  for (const definition of METRICS) {
    if (definition.kind !== 'figure' && !rows[0]?.loaded) continue;
    statements.push(sql`create view ${view(definition.name)} as ${metricViewSelect(db, definition)}`);
    statements.push(sql`comment on view ${view(definition.name)} is ${`${definition.title} [${definition.unit}]: ${definition.description}`}`);
    names.push(definition.name);
  }
  statements.push(sql`create view ${view('published_figures')} as ${PUBLISHED_FIGURES}`);
  statements.push(
    sql`comment on view ${view('published_figures')} is ${'Every published figure with its provenance: document, line and the exact quote.'}`,
  );
  names.push('published_figures');
  return { names, statements: statements.map((statement) => inlineParameters(statement.compile(db))) };
}

/**
 * Recreates the `bi` schema: one view per catalogue metric and `published_figures`, granted to bi_reader. Run it
 * inside the transaction that changes what the views read (the case swap), so a client sees the old views or the new
 * ones, never none. Case-flow views need the case facts: before the first case load only the figure views exist.
 */
export async function createBiViews(executor: Kysely<unknown>): Promise<string[]> {
  const db = executor as unknown as Kysely<Database>;
  return makeViews(db, await viewStatements(db));
}

async function makeViews(db: Kysely<Database>, { names, statements }: { names: string[]; statements: string[] }): Promise<string[]> {
  await sql`drop schema if exists ${sql.id(BI_SCHEMA)} cascade`.execute(db);
  await sql`create schema ${sql.id(BI_SCHEMA)}`.execute(db);
  await run(db, sql`comment on schema ${sql.id(BI_SCHEMA)} is ${`${SCHEMA_COMMENT} [views ${viewsFingerprint(statements)}]`}`);
  for (const statement of statements) await sql.raw(statement).execute(db);
  await grantBiReader(db);
  return names;
}

/**
 * createBiViews in a transaction of its own (at start, after migrations and loads), skipped when the schema holds
 * the views this code makes already (the fingerprint in its comment matches, and none is missing): dropping and
 * making them again cost a start, and every `npm run ingest`, half a second for nothing.
 */
export async function refreshBiViews(db: Kysely<Database>): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const wanted = await viewStatements(trx);
    const { rows } = await sql<{ comment: string | null; views: number }>`
      select obj_description(n.oid, 'pg_namespace') as comment, (select count(*)::int from pg_views v where v.schemaname = n.nspname) as views
      from pg_namespace n where n.nspname = ${BI_SCHEMA}`.execute(trx);
    const made = rows[0];
    if (made && made.views === wanted.names.length && fingerprintOf(made.comment) === viewsFingerprint(wanted.statements)) return wanted.names;
    return makeViews(trx, wanted);
  });
}
