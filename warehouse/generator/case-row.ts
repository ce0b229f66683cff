/** A generated case (one row of cases.case_fact), dates as day numbers (see calendar.ts). */
export interface GeneratedCase {
  caseId: number;
  caseType: string;
  segment: string;
  subcategory: string | null;
  sex: string;
  ageGroup: string;
  nationality: string;
  region: string | null;
  channel: string;
  automated: boolean;
  receivedDay: number;
  decisionDay: number | null;
  outcome: string | null;
  processingDays: number | null;
  feePaidSek: number | null;
  appealed: boolean;
  courtOutcome: string | null;
}

/** A dated status change of a case (one row of cases.case_event). */
export interface GeneratedEvent {
  caseId: number;
  eventType: string;
  eventDay: number;
  agency: string | null;
}

/** A case with its events, as the generator yields them. */
export interface GeneratedCaseWithEvents {
  fact: GeneratedCase;
  events: GeneratedEvent[];
}
