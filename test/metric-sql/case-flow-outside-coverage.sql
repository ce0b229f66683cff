-- approval_rate by [YEAR] where {"caseType":["ASYLUM"],"year":[2021,2022]}
with grouped as (with inside as (
    select f.bucket, ((sum("f"."approved_n"))::float8 / nullif(sum(f.approved_n + f.rejected_n), 0))::float8 as "value", (sum("f"."approved_n"))::float8 as "numerator", (sum(f.approved_n + f.rejected_n))::float8 as "denominator", (sum(f.approved_n + f.rejected_n))::bigint as support
      
    from (select "f"."year" as bucket, 0::bigint as received_n, f.decided as decided_n, case when f.outcome = 'approved' then f.decided else 0 end as approved_n, case when f.outcome = 'rejected' then f.decided else 0 end as rejected_n, f.processing_days_sum as days_sum, f.within_limit as within_n, case when coalesce(sl.limit_days, t.statutory_limit_days) is not null then f.decided else 0 end as limited_n, 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.decided_year f
    left join public.dim_case_type t on t.code = f.case_type
    left join public.dim_segment_limit sl on sl.case_type = f.case_type and sl.segment = f.segment where (("f"."year" >= $1::date and "f"."year" < $2::date)) and "f"."case_type" in ($3)) f group by "f"."bucket") select * from inside union all 
    select distinct b.bucket , null::float8 as "value", null::float8 as "numerator", null::float8 as "denominator", 0::bigint as support
      
    from (select generate_series(date_trunc($4, $5::date), $6::date - 1, interval '1 year')::date as bucket) b 
    where b.bucket + interval '1 year' <= $7::date or b.bucket >= $8::date),
    marked as (select g.*, ("g"."bucket" < $9::date or "g"."bucket" + interval '1 year' > $10::date) as outside from grouped g),
    covered as (
      select m.bucket , case when m.outside then null else "m"."value" end as "value", case when m.outside then null else "m"."numerator" end as "numerator", case when m.outside then null else "m"."denominator" end as "denominator",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, null::float8 as previous, null::bigint as previous_support  from covered g )
    select p.*, count(*) over () as total_count from compared p
    where (("p"."bucket" + interval '1 year' > $11::date and "p"."bucket" < $12::date))
    order by "p"."bucket" asc nulls first
    limit $13 offset $14
-- parameters: ["2022-01-01","2023-01-01","ASYLUM","year","2021-01-01","2023-01-01","2022-01-01","2025-01-01","2022-01-01","2025-01-01","2021-01-01","2023-01-01",100,0]
