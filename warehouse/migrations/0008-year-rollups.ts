import { sql, type Kysely } from 'kysely';

/**
 * cases.received_year and cases.decided_year: the monthly rollups summed per year (warehouse/cases/year-rollups.ts
 * keeps them from then on). Frozen DDL; a warehouse loaded before it gets them filled from its monthly rollups here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table if not exists cases.received_year (
    year date not null, case_type text not null, segment text not null, sex text not null, region text,
    received bigint not null, received_key integer not null
  )`.execute(db);
  await sql`create table if not exists cases.decided_year (
    year date not null, case_type text not null, segment text not null, sex text not null, region text,
    outcome text not null, decided bigint not null, processing_days_sum bigint not null, within_limit bigint not null,
    decided_key integer not null, within_key integer not null
  )`.execute(db);
  await sql`create index if not exists received_year_case_type_year_idx on cases.received_year (case_type, year)`.execute(db);
  await sql`create index if not exists decided_year_case_type_year_idx on cases.decided_year (case_type, year)`.execute(db);
  await sql`delete from cases.received_year`.execute(db);
  await sql`insert into cases.received_year
    select date_trunc('year', month)::date, case_type, segment, sex, region, sum(received)::bigint,
      (sum(received_key::bigint) % 2147483648)::integer
    from cases.received_month group by 1, 2, 3, 4, 5`.execute(db);
  await sql`delete from cases.decided_year`.execute(db);
  await sql`insert into cases.decided_year
    select date_trunc('year', month)::date, case_type, segment, sex, region, outcome, sum(decided)::bigint,
      sum(processing_days_sum)::bigint, sum(within_limit)::bigint,
      (sum(decided_key::bigint) % 2147483648)::integer, (sum(within_key::bigint) % 2147483648)::integer
    from cases.decided_month group by 1, 2, 3, 4, 5, 6`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists cases.received_year, cases.decided_year`.execute(db);
}
