/** The kinds of a rejected row (one reject per faulty cell or rule); the delivery is loaded without those rows. */
export const REJECT_KINDS = {
  REQUIRED: 'a value is required',
  TYPE: 'not a value of the field’s type',
  CONSTRAINT: 'breaks the field’s constraint',
  AFTER_DATA_END: 'dated after the end of the period the extract covers',
  UNMAPPED_CODE: 'a code the code map does not map on that date (the map may need a row)',
  DUPLICATE_KEY: 'a later row of the file has the same key; the last one is kept',
  DECISION_BEFORE_RECEIPT: 'decided before it was received',
  OUTCOME_WITHOUT_DECISION: 'an outcome without a decision date',
  DECISION_WITHOUT_OUTCOME: 'a decision date without an outcome',
} as const;
export type RejectKind = keyof typeof REJECT_KINDS;
