import { AGE_GROUP_MEMBERS, CHANNEL_MEMBERS, OUTCOME_MEMBERS, REGION_MEMBERS, SEGMENT_MEMBERS, SEX_MEMBERS } from '../dimensions/case-vocabulary.js';
import { CASE_EVENT_TYPES, COURT_OUTCOME_CODES } from '../dimensions/case-event-types.js';
import { CASE_TYPES } from '../reference/case-types.js';

/**
 * The warehouse codes a code map may map to, per target column: the case vocabulary, read from below. A code map row
 * that maps to anything else is refused when the maps are loaded.
 */
export const TARGET_VOCABULARY: Record<string, readonly string[]> = {
  case_type: CASE_TYPES.map((t) => t.code),
  segment: SEGMENT_MEMBERS.map((m) => m.code),
  sex: SEX_MEMBERS.map((m) => m.code),
  age_group: AGE_GROUP_MEMBERS.map((m) => m.code),
  region: REGION_MEMBERS.map((m) => m.code),
  channel: CHANNEL_MEMBERS.map((m) => m.code),
  outcome: OUTCOME_MEMBERS.map((m) => m.code),
  court_outcome: COURT_OUTCOME_CODES,
  event_type: Object.keys(CASE_EVENT_TYPES),
};
