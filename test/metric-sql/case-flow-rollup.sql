-- received by [YEAR, CASE_TYPE] where {"caseType":["ASYLUM"]}
with grouped as (
    select f.bucket, "f"."case_type", (sum("f"."received_n"))::float8 as "value", (sum("f"."received_n"))::bigint as support
      
    from (select date_trunc($1, "f"."month")::date as bucket, "f"."case_type" as "case_type", f.received::bigint as received_n, 0::bigint as "decided_n", 0::bigint as "approved_n", 0::bigint as "rejected_n", 0::bigint as "days_sum", 0::bigint as "within_n", 0::bigint as "limited_n", 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.received_month f where (("f"."month" >= $2::date and "f"."month" < $3::date)) and "f"."case_type" in ($4)) f group by "f"."bucket", "f"."case_type"),
    marked as (select g.*, ("g"."bucket" < $5::date or "g"."bucket" + interval '1 year' > $6::date) as outside from grouped g),
    covered as (
      select m.bucket , "m"."case_type", case when m.outside then null else "m"."value" end as "value",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, null::float8 as previous, null::bigint as previous_support  from covered g )
    select p.*, count(*) over () as total_count from compared p
    where true
    order by "p"."bucket" asc nulls first, "p"."case_type" asc nulls first
    limit $7 offset $8
-- parameters: ["year","2022-01-01","2025-01-01","ASYLUM","2022-01-01","2025-01-01",100,0]
