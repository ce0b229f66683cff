-- approval_rate by [CASE_TYPE, YEAR, SEX] where {}
with grouped as (
    select f.bucket, "f"."case_type", "f"."sex", ((sum("f"."approved_n"))::float8 / nullif(sum(f.approved_n + f.rejected_n), 0))::float8 as "value", (sum("f"."approved_n"))::float8 as "numerator", (sum(f.approved_n + f.rejected_n))::float8 as "denominator", (sum(f.approved_n + f.rejected_n))::bigint as support
      
    from (select "f"."year" as bucket, "f"."case_type" as "case_type", "f"."sex" as "sex", 0::bigint as received_n, f.decided as decided_n, case when f.outcome = 'approved' then f.decided else 0 end as approved_n, case when f.outcome = 'rejected' then f.decided else 0 end as rejected_n, f.processing_days_sum as days_sum, f.within_limit as within_n, case when coalesce(sl.limit_days, t.statutory_limit_days) is not null then f.decided else 0 end as limited_n, 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.decided_year f
    left join public.dim_case_type t on t.code = f.case_type
    left join public.dim_segment_limit sl on sl.case_type = f.case_type and sl.segment = f.segment where (("f"."year" >= $1::date and "f"."year" < $2::date))) f group by "f"."bucket", "f"."case_type", "f"."sex"),
    marked as (select g.*, ("g"."bucket" < $3::date or "g"."bucket" + interval '1 year' > $4::date) as outside from grouped g),
    covered as (
      select m.bucket , "m"."case_type", "m"."sex", case when m.outside then null else "m"."value" end as "value", case when m.outside then null else "m"."numerator" end as "numerator", case when m.outside then null else "m"."denominator" end as "denominator",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, null::float8 as previous, null::bigint as previous_support  from covered g )
    select p.*, count(*) over () as total_count from compared p
    where true
    order by "p"."bucket" asc nulls first, "p"."case_type" asc nulls first, "p"."sex" asc nulls first
    limit $5 offset $6
-- parameters: ["2022-01-01","2025-01-01","2022-01-01","2025-01-01",100,0]
