-- received by [YEAR, CASE_TYPE] where {"caseType":["ASYLUM"]}
with grouped as (
    select f.bucket, "f"."case_type", (sum("f"."received_n"))::float8 as "value", (sum("f"."received_n"))::bigint as support
      
    from (select "f"."year" as bucket, "f"."case_type" as "case_type", f.received::bigint as received_n, 0::bigint as "decided_n", 0::bigint as "approved_n", 0::bigint as "rejected_n", 0::bigint as "days_sum", 0::bigint as "within_n", 0::bigint as "limited_n", 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.received_year f where (("f"."year" >= $1::date and "f"."year" < $2::date)) and "f"."case_type" in ($3)) f group by "f"."bucket", "f"."case_type"),
    marked as (select g.*, ("g"."bucket" < $4::date or "g"."bucket" + interval '1 year' > $5::date) as outside from grouped g),
    covered as (
      select m.bucket , "m"."case_type", case when m.outside then null else "m"."value" end as "value",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, null::float8 as previous, null::bigint as previous_support  from covered g )
    select p.*, count(*) over () as total_count from compared p
    where true
    order by "p"."bucket" asc nulls first, "p"."case_type" asc nulls first
    limit $6 offset $7
-- parameters: ["2022-01-01","2025-01-01","ASYLUM","2022-01-01","2025-01-01",100,0]
