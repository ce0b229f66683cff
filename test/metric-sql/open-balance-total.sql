-- open_at_end by [] where {"caseType":["FAMILY"],"to":"2023-12-31"}
with grouped as (
    with sums as (
      select f.bucket , sum(f.received_n) received, sum(f.decided_n) decided
        
      from (select $1::date as bucket, f.received::bigint as received_n, 0::bigint as "decided_n", 0::bigint as "approved_n", 0::bigint as "rejected_n", 0::bigint as "days_sum", 0::bigint as "within_n", 0::bigint as "limited_n", 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.received_year f where ((true and "f"."year" < $2::date)) and "f"."case_type" in ($3) union all select $4::date as bucket, 0::bigint as received_n, f.decided as decided_n, case when f.outcome = 'approved' then f.decided else 0 end as approved_n, case when f.outcome = 'rejected' then f.decided else 0 end as rejected_n, f.processing_days_sum as days_sum, f.within_limit as within_n, case when coalesce(sl.limit_days, t.statutory_limit_days) is not null then f.decided else 0 end as limited_n, 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.decided_year f
    left join public.dim_case_type t on t.code = f.case_type
    left join public.dim_segment_limit sl on sl.case_type = f.case_type and sl.segment = f.segment where ((true and "f"."year" < $5::date)) and "f"."case_type" in ($6)) f group by "f"."bucket"
    ),
    dense as (
      select x.* , coalesce(s.received, 0) received, coalesce(s.decided, 0) decided
        
      from (select bucket  from sums) x left join sums s on s.bucket = x.bucket 
    ),
    balances as (
      select d.*, sum(d.received - d.decided) over ( order by d.bucket) as open_end
        
      from dense d
    )
    select o.bucket ,
           (o.open_end)::float8 as "value", o.open_end::bigint as support
           
    from (select b.*, b.open_end - (b.received - b.decided) as open_start
             from balances b) o),
    marked as (select g.*, false as outside from grouped g),
    covered as (
      select m.bucket , case when m.outside then null else "m"."value" end as "value",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, null::float8 as previous, null::bigint as previous_support  from covered g )
    select p.*, count(*) over () as total_count from compared p
    where true
    order by "p"."bucket" asc nulls first
    limit $7 offset $8
-- parameters: ["9999-12-31","2024-01-01","FAMILY","9999-12-31","2024-01-01","FAMILY",100,0]
