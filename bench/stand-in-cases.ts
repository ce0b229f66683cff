import { sql, type Kysely } from 'kysely';
import { buildCaseRollups, CASES_SCHEMA, createCaseTables, indexCaseTables, STAGING_SCHEMA } from '../warehouse/cases/case-tables.js';
import type { Database } from '../warehouse/database/tables.js';

/**
 * BENCH-ONLY STAND-IN for the case-level generator (warehouse/generator/**, being written): fills `cases` with
 * synthetic cases in the product's own tables, so the benchmark has rows to read before the generator lands.
 *
 * Volumes follow the published national totals: per case type and year 2022–2024, round(received × scale) cases
 * (≈ 1.7 M at scale 1). Everything else is drawn from plain distributions with a fixed seed, NOT calibrated to the
 * reports: sex 45 % female, outcome 76 % approved / 19 % rejected / 1 % Dublin / 4 % written off, exponential
 * processing times around a case type's limit, cases still open after 2025-06-30. Built the product's way: a full copy
 * in `cases_staging` (tables, COPY-free INSERT … SELECT, indexes, rollups) swapped in by renaming schemas.
 */
export const STAND_IN_SEED = 0.4242;
export const STAND_IN_CHECKSUM = 'bench-stand-in';

export interface StandInReport {
  cases: number;
  events: number;
  seconds: number;
}

export async function loadStandInCases(db: Kysely<Database>, scale: number, options: { events: boolean }): Promise<StandInReport> {
  const started = Date.now();
  const s = (name: string) => sql.raw(`${STAGING_SCHEMA}.${name}`);
  await sql`drop schema if exists ${sql.raw(STAGING_SCHEMA)} cascade`.execute(db);
  await createCaseTables(db as Kysely<unknown>, STAGING_SCHEMA);
  // setseed() and the draws on one connection (a transaction), so the stand-in is the same on every run.
  await db.transaction().execute(async (tx) => {
  await sql`select setseed(${STAND_IN_SEED})`.execute(tx);
  await sql`
    with volumes as (
      select f.case_type, f.year, round(max(f.base_value) * ${scale})::int as n, coalesce(t.statutory_limit_days, 120) as typical_days
      from fact_figure f join dim_case_type t on t.code = f.case_type
      where f.measure = 'received' and f.year between 2022 and 2024 and f.segment is null and f.sex is null
        and f.region is null and f.nationality is null and f.age_group is null and f.subgroup is null
        and f.period is null and f.agency is null and f.outcome is null and not f.approximate
      group by f.case_type, f.year, t.statutory_limit_days
    ),
    drawn as (
      select v.case_type, v.typical_days,
             make_date(v.year, 1, 1) + floor(random() * 365)::int as received_date,
             random() as r_sex, random() as r_outcome, random() as r_days, random() as r_misc, random() as r_segment
      from volumes v, generate_series(1, v.n)
    ),
    shaped as (
      select d.*, greatest(1, floor(-ln(1 - d.r_days) * d.typical_days * 0.8))::int as days from drawn d
    )
    insert into ${s('case_fact')} (case_id, case_type, segment, sex, age_group, nationality, region, channel, automated,
      received_date, decision_date, outcome, processing_days, fee_paid_sek, appealed, court_outcome)
    select row_number() over (order by received_date, case_type, r_misc),
           case_type,
           case when case_type in ('ASYLUM', 'WORK', 'STUDY', 'FAMILY') then (case when r_segment < 0.7 then 'first_time' else 'extension' end) else 'general' end,
           case when r_sex < 0.45 then 'female' else 'male' end,
           (array['0_17', '18_34', '35_64', '65_plus'])[1 + floor(r_misc * 4)::int],
           (array['SY', 'AF', 'IQ', 'ER', 'SO', 'UA', 'IN', 'CN', 'TR', 'IR', 'PK', 'US'])[1 + floor(r_segment * 12)::int],
           (array['nord', 'syd', 'vast', 'ost', 'mitt'])[1 + floor(r_sex * 5)::int],
           case when r_misc < 0.8 then 'e_application' else 'paper' end,
           r_misc < 0.1,
           received_date,
           case when received_date + days <= date '2025-06-30' then received_date + days end,
           case when received_date + days > date '2025-06-30' then null
                when r_outcome < 0.76 then 'approved' when r_outcome < 0.95 then 'rejected'
                when r_outcome < 0.96 then 'dublin_transfer' else 'written_off' end,
           case when received_date + days <= date '2025-06-30' then days end,
           case when case_type in ('CITIZENSHIP', 'WORK', 'STUDY', 'VISA', 'EEA') then 1500 end,
           received_date + days <= date '2025-06-30' and r_outcome between 0.76 and 0.85,
           case when received_date + days + 200 <= date '2025-06-30' and r_outcome between 0.76 and 0.85
                then (case when r_misc < 0.12 then 'changed' else 'upheld' end) end
    from shaped`.execute(tx);
  });
  if (options.events) {
    await sql`
      insert into ${s('case_event')} (case_id, event_type, event_date, agency)
      select case_id, 'received', received_date, 'migrationsverket' from ${s('case_fact')}
      union all
      select case_id, 'decided', decision_date, 'migrationsverket' from ${s('case_fact')} where decision_date is not null
      union all
      select case_id, 'appealed', decision_date + 21, 'migrationsdomstol' from ${s('case_fact')} where appealed
      union all
      select case_id, 'court_decided', decision_date + 200, 'migrationsdomstol' from ${s('case_fact')} where court_outcome is not null`.execute(db);
  }
  await indexCaseTables(db as Kysely<unknown>, STAGING_SCHEMA);
  await buildCaseRollups(db as Kysely<unknown>, STAGING_SCHEMA);
  const counts = await sql<{ cases: number; events: number }>`
    select (select count(*) from ${s('case_fact')})::int as cases, (select count(*) from ${s('case_event')})::int as events`.execute(db);
  const { cases, events } = counts.rows[0] ?? { cases: 0, events: 0 };
  await sql`insert into ${s('load_info')} (scale, seed, case_rows, event_rows, checksum) values (${scale}, 0, ${cases}, ${events}, ${STAND_IN_CHECKSUM})`.execute(db);
  // Readers see the old facts or the new, never half: the swap is one transaction.
  await db.transaction().execute(async (tx) => {
    await sql`drop schema if exists ${sql.raw(CASES_SCHEMA)} cascade`.execute(tx);
    await sql`alter schema ${sql.raw(STAGING_SCHEMA)} rename to ${sql.raw(CASES_SCHEMA)}`.execute(tx);
  });
  return { cases, events, seconds: (Date.now() - started) / 1000 };
}
