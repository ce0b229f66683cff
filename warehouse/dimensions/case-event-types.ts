/**
 * The dated events of a case in the warehouse (cases.case_event.event_type), each with the agency responsible for
 * it. `received` and `decided` come from the case's own dates; the others are delivered as events, some by two
 * agencies at once (a hand-over is recorded by the Migration Agency and the Police, an enforced departure by the
 * Police and the Prison and Probation Service's transport): those are one warehouse event that lists its sources.
 */
export const CASE_EVENT_TYPES = {
  received: 'migrationsverket',
  decided: 'migrationsverket',
  appealed: 'migrationsverket',
  court_decided: 'migrationsdomstol',
  departed_voluntarily: 'migrationsverket',
  handed_to_police: 'polismyndigheten',
  departed_enforced: 'polismyndigheten',
} as const;
export type CaseEventType = keyof typeof CASE_EVENT_TYPES;

/** The migration courts' outcomes of an appeal (cases.case_fact.court_outcome). */
export const COURT_OUTCOME_CODES = ['changed', 'unchanged', 'remanded'] as const;
