import { sql, type Kysely } from 'kysely';

/**
 * cases.dimension_member: which members of each case dimension occur with which case type (loads fill it beside
 * the rollups). Frozen DDL; a warehouse loaded before it gets the table filled from its facts here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table if not exists cases.dimension_member (
    dimension text not null, code text not null, case_type text not null, cases bigint not null,
    primary key (dimension, case_type, code)
  )`.execute(db);
  await sql`
    insert into cases.dimension_member
    select * from (
      select case when grouping(segment) = 0 then 'CASE_SEGMENT' when grouping(sex) = 0 then 'SEX'
                  when grouping(age_group) = 0 then 'AGE_GROUP' when grouping(region) = 0 then 'REGION'
                  when grouping(nationality) = 0 then 'NATIONALITY' when grouping(channel) = 0 then 'CHANNEL'
                  when grouping(outcome) = 0 then 'OUTCOME' end as dimension,
             case when grouping(segment) = 0 then segment when grouping(sex) = 0 then sex
                  when grouping(age_group) = 0 then age_group when grouping(region) = 0 then region
                  when grouping(nationality) = 0 then nationality when grouping(channel) = 0 then channel
                  when grouping(outcome) = 0 then outcome end as code,
             case_type, count(*) as cases
      from cases.case_fact
      group by grouping sets ((case_type, segment), (case_type, sex), (case_type, age_group), (case_type, region),
                              (case_type, nationality), (case_type, channel), (case_type, outcome))
    ) m where m.code is not null
    on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists cases.dimension_member`.execute(db);
}
