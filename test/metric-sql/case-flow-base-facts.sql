-- received by [YEAR, NATIONALITY] where {"caseType":["ASYLUM"]}
with grouped as (
    select f.bucket, "f"."nationality", (sum("f"."received_n"))::float8 as "value", (sum("f"."received_n"))::bigint as support
      
    from (select date_trunc($1, "f"."received_date")::date as bucket, "f"."nationality" as "nationality", 1::bigint as received_n, 0::bigint as "decided_n", 0::bigint as "approved_n", 0::bigint as "rejected_n", 0::bigint as "days_sum", 0::bigint as "within_n", 0::bigint as "limited_n", 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.case_fact f where (("f"."received_date" >= $2::date and "f"."received_date" < $3::date)) and "f"."case_type" in ($4)) f group by "f"."bucket", "f"."nationality"),
    marked as (select g.*, ("g"."bucket" < $5::date or "g"."bucket" + interval '1 year' > $6::date) as outside from grouped g),
    covered as (
      select m.bucket , "m"."nationality", case when m.outside then null else "m"."value" end as "value",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, null::float8 as previous, null::bigint as previous_support  from covered g )
    select p.*, count(*) over () as total_count from compared p
    where true
    order by "p"."bucket" asc nulls first, "p"."nationality" asc nulls first
    limit $7 offset $8
-- parameters: ["year","2022-01-01","2025-01-01","ASYLUM","2022-01-01","2025-01-01",100,0]
