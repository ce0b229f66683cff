/**
 * The monthly rollups' groups and sums over a relation of case facts, declared once: buildCaseRollups fills the
 * rollups from them, and the incremental publish adds the new cases' sums and subtracts the old ones' (`negate`).
 * Key sums are raw here; the rollups store them mod 2^31.
 */
export function receivedMonthSums(relation: string, negate = false): string {
  const s = negate ? '-' : '';
  return `select date_trunc('month', received_date)::date as month, case_type, segment, sex, region,
      ${s}count(*) as received, ${s}sum(record_key) as received_key
    from ${relation} group by 1, 2, 3, 4, 5`;
}

/** Decisions within the limit: the segment's limit, else the case type's statutory one (none: none within it). */
const WITHIN_LIMIT = 'f.processing_days <= coalesce(sl.limit_days, t.statutory_limit_days)';

export function decidedMonthSums(relation: string, negate = false): string {
  const s = negate ? '-' : '';
  return `select date_trunc('month', f.decision_date)::date as month, f.case_type, f.segment, f.sex, f.region, f.outcome,
      ${s}count(*) as decided, ${s}sum(f.processing_days) as processing_days_sum,
      ${s}count(*) filter (where ${WITHIN_LIMIT}) as within_limit,
      ${s}sum(f.record_key) as decided_key,
      ${s}coalesce(sum(f.record_key) filter (where ${WITHIN_LIMIT}), 0) as within_key
    from ${relation} f
    left join public.dim_case_type t on t.code = f.case_type
    left join public.dim_segment_limit sl on sl.case_type = f.case_type and sl.segment = f.segment
    where f.decision_date is not null
    group by 1, 2, 3, 4, 5, 6`;
}
