-- open_at_end by [MONTH, CASE_SEGMENT] where {"caseType":["FAMILY"],"year":[2024]}
with grouped as (
    with sums as (
      select f.bucket , "f"."segment", sum(f.received_n) received, sum(f.decided_n) decided
        
      from (select "f"."month" as bucket, "f"."segment" as "segment", f.received::bigint as received_n, 0::bigint as "decided_n", 0::bigint as "approved_n", 0::bigint as "rejected_n", 0::bigint as "days_sum", 0::bigint as "within_n", 0::bigint as "limited_n", 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.received_month f where ((true and "f"."month" < $1::date)) and "f"."case_type" in ($2) union all select "f"."month" as bucket, "f"."segment" as "segment", 0::bigint as received_n, f.decided as decided_n, case when f.outcome = 'approved' then f.decided else 0 end as approved_n, case when f.outcome = 'rejected' then f.decided else 0 end as rejected_n, f.processing_days_sum as days_sum, f.within_limit as within_n, case when coalesce(sl.limit_days, t.statutory_limit_days) is not null then f.decided else 0 end as limited_n, 0::bigint as "court_decided_n", 0::bigint as "court_changed_n", null::integer as processing_days
    from cases.decided_month f
    left join public.dim_case_type t on t.code = f.case_type
    left join public.dim_segment_limit sl on sl.case_type = f.case_type and sl.segment = f.segment where ((true and "f"."month" < $3::date)) and "f"."case_type" in ($4)) f group by "f"."bucket", "f"."segment"
    ),
    dense as (
      select x.* , coalesce(s.received, 0) received, coalesce(s.decided, 0) decided
        
      from (select s.bucket::date as bucket , "k"."segment"
          from (select least(min(bucket), date_trunc($5, $6::date)::date) lo, greatest(max(bucket), date_trunc($7, $8::date - 1)::date) hi from sums) m,
               generate_series(m.lo, m.hi, interval '1 month') s(bucket)
               cross join (select distinct "sums"."segment" from sums) k) x left join sums s on s.bucket = x.bucket and "x"."segment" is not distinct from "s"."segment"
    ),
    balances as (
      select d.*, sum(d.received - d.decided) over (partition by "d"."segment" order by d.bucket) as open_end
        
      from dense d
    )
    select o.bucket , "o"."segment",
           (o.open_end)::float8 as "value", o.open_end::bigint as support
           
    from (select b.*, b.open_end - (b.received - b.decided) as open_start
             from balances b) o),
    marked as (select g.*, ("g"."bucket" < $9::date or "g"."bucket" + interval '1 month' > $10::date) as outside from grouped g),
    covered as (
      select m.bucket , "m"."segment", case when m.outside then null else "m"."value" end as "value",
             case when m.outside then 0 else m.support end as support, m.outside
             
             
      from marked m
    ),
    compared as (select g.*, null::float8 as previous, null::bigint as previous_support  from covered g )
    select p.*, count(*) over () as total_count from compared p
    where (("p"."bucket" + interval '1 month' > $11::date and "p"."bucket" < $12::date))
    order by "p"."bucket" asc nulls first, "p"."segment" asc nulls first
    limit $13 offset $14
-- parameters: ["2025-01-01","FAMILY","2025-01-01","FAMILY","month","2024-01-01","month","2025-01-01","2022-01-01","2025-01-01","2024-01-01","2025-01-01",100,0]
