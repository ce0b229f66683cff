-- budget_utilisation by [YEAR] where {} compared
with grouped as (
    select make_date(h.year, 1, 1) as bucket ,
           ((max(h.base_value) filter (where h.measure = $1))::float8 / nullif(max(h.base_value) filter (where h.measure = $2), 0))::float8 as "value", (max(h.base_value) filter (where h.measure = $3))::float8 as "numerator", (max(h.base_value) filter (where h.measure = $4))::float8 as "denominator", count(*)::bigint as support,
           count(*) filter (where h.measure in ($5, $6))::integer as "inputs_0"
    from ((select distinct on ("fact_figure"."measure", "fact_figure"."year") "fact_figure"."figure_id", "fact_figure"."measure", "fact_figure"."year", "fact_figure"."base_value", "fact_figure"."base_unit", "fact_figure"."document", "fact_figure"."line", "fact_figure"."quote", "fact_figure"."case_type", "fact_figure"."segment", "fact_figure"."sex", "fact_figure"."agency", "fact_figure"."appropriation", "fact_figure"."fee_activity", "fact_figure"."approximate", "dim_source_table"."table_code", "dim_source_table"."caption" from "fact_figure" inner join "dim_source_table" on "dim_source_table"."source_table_id" = "fact_figure"."source_table_id" where "fact_figure"."measure" in ($7, $8) and "fact_figure"."year" is not null and "fact_figure"."approximate" = $9 and "fact_figure"."age_group" is null and "fact_figure"."region" is null and "fact_figure"."nationality" is null and "fact_figure"."subgroup" is null and "fact_figure"."outcome" is null and "fact_figure"."case_type" is null and "fact_figure"."segment" is null and "fact_figure"."sex" is null and "fact_figure"."appropriation" in ($10) and "fact_figure"."fee_activity" is null order by "fact_figure"."measure", "fact_figure"."year", "fact_figure"."edition_year" desc, case fact_figure.unit when 'kr' then 0 when 'tkr' then 1 when 'mnkr' then 2 else 3 end, "fact_figure"."figure_id")) h
    group by "h"."year"),
    marked as (select g.*, false as outside from grouped g),
    covered as (
      select m.bucket , case when m.outside then null else "m"."value" end as "value", case when m.outside then null else "m"."numerator" end as "numerator", case when m.outside then null else "m"."denominator" end as "denominator",
             case when m.outside then 0 else m.support end as support, m.outside
             , "m"."inputs_0"
             
      from marked m
    ),
    compared as (select g.*, case when lag(g.bucket) over w = g.bucket - interval '1 year' then lag(g.value) over w end as previous, case when lag(g.bucket) over w = g.bucket - interval '1 year' then lag(g.support) over w end as previous_support  from covered g window w as ( order by g.bucket))
    select p.*, count(*) over () as total_count from compared p
    where true
    order by "p"."bucket" asc nulls first
    limit $11 offset $12
-- parameters: ["budget_outcome","budget_allocated","budget_outcome","budget_allocated","budget_outcome","budget_allocated","budget_outcome","budget_allocated",false,"total",100,0]
