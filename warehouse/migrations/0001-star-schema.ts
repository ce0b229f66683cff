import { sql, type Kysely } from 'kysely';

/**
 * Warehouse schema v1: conformed dimensions and the published-figure facts, list-partitioned by area so that each
 * of the product's five areas (case flows, open balances, budget, fees, returns) is its own fact table while all
 * share one provenance layout. Plain PostgreSQL: Citus can distribute the facts later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dim_document')
    .addColumn('document', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('edition_year', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dim_source_table')
    .addColumn('source_table_id', 'serial', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull().references('dim_document.document'))
    .addColumn('table_code', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('table', 'text')`))
    .addColumn('first_line', 'integer', (c) => c.notNull())
    .addColumn('last_line', 'integer', (c) => c.notNull())
    .addUniqueConstraint('dim_source_table_identity', ['document', 'table_code', 'caption'])
    .execute();

  await db.schema
    .createTable('dim_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .execute();

  await db.schema
    .createTable('dim_case_type')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_sv', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('statutory_limit_days', 'integer')
    .execute();

  for (const table of ['dim_sex', 'dim_region', 'dim_nationality', 'dim_agency', 'dim_fee_activity']) {
    await db.schema
      .createTable(table)
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name_sv', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .execute();
  }

  await db.schema
    .createTable('dim_appropriation')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('expenditure_area', 'integer')
    .addColumn('name_sv', 'text', (c) => c.notNull())
    .execute();

  await sql`
    create table fact_figure (
      figure_id bigserial not null,
      area text not null,
      figure_key text not null,
      curated_file text not null,
      document text not null references dim_document (document),
      source_table_id integer not null references dim_source_table (source_table_id),
      line integer not null check (line > 0),
      quote text not null,
      measure text not null,
      unit text not null,
      printed text not null,
      value numeric not null,
      base_value double precision not null,
      base_unit text not null,
      year integer references dim_year (year),
      period text,
      approximate boolean not null,
      edition_year integer not null,
      case_type text references dim_case_type (code),
      segment text,
      sex text references dim_sex (code),
      age_group text,
      region text references dim_region (code),
      nationality text references dim_nationality (code),
      agency text references dim_agency (code),
      appropriation text references dim_appropriation (code),
      fee_activity text references dim_fee_activity (code),
      outcome text,
      subgroup text,
      note text,
      primary key (area, figure_id),
      unique (area, figure_key)
    ) partition by list (area)`.execute(db);
  for (const area of ['case_flow', 'open_balance', 'budget', 'fee', 'return', 'other']) {
    await sql`create table ${sql.raw(`fact_figure_${area}`)} partition of fact_figure for values in (${sql.lit(area)})`.execute(db);
  }
  await sql`create index fact_figure_lookup on fact_figure (measure, case_type, year)`.execute(db);
  await sql`create index fact_figure_source on fact_figure (source_table_id)`.execute(db);
  await sql`create index fact_figure_file on fact_figure (curated_file)`.execute(db);

  await db.schema
    .createTable('load_log')
    .addColumn('curated_file', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('figure_count', 'integer', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'load_log',
    'fact_figure',
    'dim_appropriation',
    'dim_fee_activity',
    'dim_agency',
    'dim_nationality',
    'dim_region',
    'dim_sex',
    'dim_case_type',
    'dim_year',
    'dim_source_table',
    'dim_document',
  ]) {
    await db.schema.dropTable(table).ifExists().cascade().execute();
  }
}
