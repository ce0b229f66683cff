-- median_processing_days by [YEAR] where {"caseType":["ASYLUM"]}
with grouped as (
    select f.bucket, (percentile_cont(0.5) within group (order by f.processing_days))::float8 as "value", (sum("f"."decided_n"))::float8 as "n", (sum("f"."decided_n"))::bigint as support
      
    from (select date_trunc($1, "f"."decision_date")::date as bucket, 0::bigint as received_n, 1::bigint as decided_n, (f.outcome = 'approved')::int::bigint as approved_n, (f.outcome = 'rejected')::int::bigint as rejected_n, f.processing_days::bigint as days_sum, coalesce((f.processing_days <= coalesce(sl.limit_days, t.statutory_limit_days))::int, 0)::bigint as within_n, (coalesce(sl.limit_days, t.statutory_limit_days) is not null)::int::bigint as limited_n, (f.court_outcome is not null)::int::bigint as court_decided_n, (f.court_outcome = 'changed')::int::bigint as court_changed_n, f.processing_days as processing_days
    from cases.case_fact f
    left join public.dim_case_type t on t.code = f.case_type
    left join public.dim_segment_limit sl on sl.case_type = f.case_type and sl.segment = f.segment where (("f"."decision_date" >= $2::date and "f"."decision_date" < $3::date)) and "f"."case_type" in ($4) and f.decision_date is not null) f group by "f"."bucket"),
    marked as (select g.*, ("g"."bucket" < $5::date or "g"."bucket" + interval '1 year' > $6::date) as outside from grouped g),
    covered as (
      select m.bucket , case when m.outside then null else "m"."value" end as "value", case when m.outside then null else "m"."n" end as "n",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, null::float8 as previous, null::bigint as previous_support  from covered g )
    select p.*, count(*) over () as total_count from compared p
    where true
    order by "p"."bucket" asc nulls first
    limit $7 offset $8
-- parameters: ["year","2022-01-01","2025-01-01","ASYLUM","2022-01-01","2025-01-01",100,0]
