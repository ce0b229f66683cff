import { sql, type Kysely } from 'kysely';
import type { Database } from '../database/tables.js';
import { stateTable } from '../ingest/state-tables.js';

/** One source record that makes up a warehouse case: which agency's record, and the delivery that brought it. */
export interface CaseSourceRecord {
  case_id: number;
  agency: string;
  resource: string;
  source_id: string;
  delivery_id: number;
  extract_id: number;
}

/**
 * The lineage of many cases in one statement, in that order: the Migration Agency's case, the Police's return cases
 * that refer to it, and the transports ordered for those; each with the delivery its current row came in.
 */
export function sourcesOfCases(db: Kysely<Database>, caseIds: readonly number[]) {
  const ids = [...caseIds];
  return sql<CaseSourceRecord>`
    with k as (select case_id, source_id from ingest.case_key where agency = 'migrationsverket' and case_id = any(${ids}::bigint[]))
    select k.case_id, 'migrationsverket' as agency, 'cases' as resource, m._key as source_id, m._delivery as delivery_id, d.extract_id, 0 as rank
    from k join ${sql.raw(stateTable('migrationsverket', 'cases'))} m on m._key = k.source_id
    join ingest.delivery d on d.delivery_id = m._delivery
    union all
    select k.case_id, 'polismyndigheten', 'cases', p._key, p._delivery, d.extract_id, 1
    from k join ${sql.raw(stateTable('polismyndigheten', 'cases'))} p on p.mig_referens = k.source_id
    join ingest.delivery d on d.delivery_id = p._delivery
    union all
    select k.case_id, 'kriminalvarden', 'transports', t._key, t._delivery, d.extract_id, 2
    from k join ${sql.raw(stateTable('polismyndigheten', 'cases'))} p on p.mig_referens = k.source_id
    join ${sql.raw(stateTable('kriminalvarden', 'transports'))} t on t.polis_arende_nr = p._key
    join ingest.delivery d on d.delivery_id = t._delivery
    order by 1, 7, 4`.compile(db);
}
