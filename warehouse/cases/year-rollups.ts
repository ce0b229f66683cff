import { sql, type Kysely } from 'kysely';
import { RECORD_KEY_MODULUS } from '../disclosure/record-keys.js';

/**
 * Yearly rollups: the monthly rollups summed per calendar year, at the same attributes. The catalogue's most asked
 * groupings are by year (approval rate by case type × year × sex, the case types' yearly figures), and over the
 * monthly rollups each of them aggregated twelve times the rows and truncated every month at request time; the
 * yearly ones hold about a tenth of the rows with the bucket stored. They are rebuilt from the monthly rollups (a few
 * thousand rows, milliseconds) wherever those change: after a full load's rollups and after an incremental publish,
 * in the same transaction, so they never disagree. Key sums stay sums mod 2^31, like the monthly ones.
 */
export async function createYearRollups<D>(db: Kysely<D>, schema: string): Promise<void> {
  await sql
    .raw(`create table if not exists ${schema}.received_year (
      year date not null,
      case_type text not null,
      segment text not null,
      sex text not null,
      region text,
      received bigint not null,
      received_key integer not null
    )`)
    .execute(db);
  await sql
    .raw(`create table if not exists ${schema}.decided_year (
      year date not null,
      case_type text not null,
      segment text not null,
      sex text not null,
      region text,
      outcome text not null,
      decided bigint not null,
      processing_days_sum bigint not null,
      within_limit bigint not null,
      decided_key integer not null,
      within_key integer not null
    )`)
    .execute(db);
  await sql.raw(`create index if not exists received_year_case_type_year_idx on ${schema}.received_year (case_type, year)`).execute(db);
  await sql.raw(`create index if not exists decided_year_case_type_year_idx on ${schema}.decided_year (case_type, year)`).execute(db);
}

/** Replaces the yearly rollups of `schema` with the sums of its monthly ones. */
export async function rebuildYearRollups<D>(db: Kysely<D>, schema: string): Promise<void> {
  const M = RECORD_KEY_MODULUS;
  await sql.raw(`delete from ${schema}.received_year`).execute(db);
  await sql
    .raw(`insert into ${schema}.received_year
      select date_trunc('year', month)::date, case_type, segment, sex, region, sum(received)::bigint,
        (sum(received_key::bigint) % ${M})::integer
      from ${schema}.received_month group by 1, 2, 3, 4, 5`)
    .execute(db);
  await sql.raw(`delete from ${schema}.decided_year`).execute(db);
  await sql
    .raw(`insert into ${schema}.decided_year
      select date_trunc('year', month)::date, case_type, segment, sex, region, outcome, sum(decided)::bigint,
        sum(processing_days_sum)::bigint, sum(within_limit)::bigint,
        (sum(decided_key::bigint) % ${M})::integer, (sum(within_key::bigint) % ${M})::integer
      from ${schema}.decided_month group by 1, 2, 3, 4, 5, 6`)
    .execute(db);
  await sql.raw(`analyze ${schema}.received_year, ${schema}.decided_year`).execute(db);
}
