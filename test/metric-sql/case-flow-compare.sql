-- received by [MONTH] where {"caseType":["ASYLUM"],"year":[2023,2024]} compared
with grouped as (
    select f.bucket, (sum("f"."received_n"))::float8 as "value", (sum("f"."received_n"))::bigint as support
      
    from (select "f"."month" as bucket, f.received::bigint as received_n, 0::bigint as "decided_n", 0::bigint as "approved_n", 0::bigint as "rejected_n", 0::bigint as "days_sum", 0::bigint as "within_n", 0::bigint as "limited_n", 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.received_month f where (("f"."month" >= $1::date and "f"."month" < $2::date)) and "f"."case_type" in ($3)) f group by "f"."bucket"),
    marked as (select g.*, ("g"."bucket" < $4::date or "g"."bucket" + interval '1 month' > $5::date) as outside from grouped g),
    covered as (
      select m.bucket , case when m.outside then null else "m"."value" end as "value",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, case when lag(g.bucket) over w = g.bucket - interval '1 month' then lag(g.value) over w end as previous, case when lag(g.bucket) over w = g.bucket - interval '1 month' then lag(g.support) over w end as previous_support  from covered g window w as ( order by g.bucket))
    select p.*, count(*) over () as total_count from compared p
    where (("p"."bucket" + interval '1 month' > $6::date and "p"."bucket" < $7::date))
    order by "p"."bucket" asc nulls first
    limit $8 offset $9
-- parameters: ["2022-12-01","2025-01-01","ASYLUM","2022-01-01","2025-01-01","2023-01-01","2025-01-01",100,0]
