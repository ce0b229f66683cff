import { yearEnd, LAST_YEAR } from './calendar.js';
import { appealShare, drawCourtOutcome } from './case-attributes.js';
import type { GeneratedCase, GeneratedEvent } from './case-row.js';
import type { RandomStream } from './seeded-random.js';

/** The warehouse's data end: nothing is dated after 2024-12-31 (a later appeal or departure has not happened yet). */
export const DATA_END = yearEnd(LAST_YEAR);

/** Adds an event unless it falls after the data end; true when added. */
function addEvent(events: GeneratedEvent[], caseId: number, eventType: string, eventDay: number, agency: string): boolean {
  if (eventDay > DATA_END) return false;
  events.push({ caseId, eventType, eventDay, agency });
  return true;
}

/**
 * The events of a case: received, decided, and for rejections an appeal and the court's decision; for rejected
 * asylum cases and Dublin transfers the return: a voluntary departure, or a hand-over to the police and possibly
 * an enforced departure. Delays and shares are plausible assumptions (not published at case level). Sets the
 * case's `appealed` and `courtOutcome` to match the events that fall before the data end.
 */
export function caseEvents(fact: GeneratedCase, random: RandomStream): GeneratedEvent[] {
  const events: GeneratedEvent[] = [{ caseId: fact.caseId, eventType: 'received', eventDay: fact.receivedDay, agency: 'migrationsverket' }];
  if (fact.decisionDay === null || fact.outcome === null) return events;
  const decided = fact.decisionDay;
  events.push({ caseId: fact.caseId, eventType: 'decided', eventDay: decided, agency: 'migrationsverket' });
  const refused = fact.outcome === 'rejected' || fact.outcome === 'revoked';
  let finalDay = decided;
  let upheld = true;
  if (refused && random.chance(appealShare(fact.caseType))) {
    const appealDay = decided + random.int(7, 21);
    if (addEvent(events, fact.caseId, 'appealed', appealDay, 'migrationsverket')) {
      fact.appealed = true;
      // Migration courts take a few months; a court decision after the data end is still pending.
      const courtDay = appealDay + random.int(45, 300);
      const outcome = drawCourtOutcome(random);
      if (addEvent(events, fact.caseId, 'court_decided', courtDay, 'migrationsdomstol')) {
        fact.courtOutcome = outcome;
        upheld = outcome === 'unchanged';
        finalDay = courtDay;
      } else {
        finalDay = Number.POSITIVE_INFINITY;
      }
    }
  }
  const leaves = fact.caseType === 'ASYLUM' && (fact.outcome === 'rejected' || fact.outcome === 'dublin_transfer');
  if (leaves && upheld && finalDay <= DATA_END) {
    const path = random.next();
    if (path < 0.35) {
      addEvent(events, fact.caseId, 'departed_voluntarily', finalDay + random.int(20, 160), 'migrationsverket');
    } else if (path < 0.75) {
      const handedDay = finalDay + random.int(60, 300);
      if (addEvent(events, fact.caseId, 'handed_to_police', handedDay, 'polismyndigheten') && random.chance(0.45)) {
        addEvent(events, fact.caseId, 'departed_enforced', handedDay + random.int(20, 240), 'polismyndigheten');
      }
    }
    // The remaining quarter: no recorded departure yet (absconded, or still in the country).
  }
  return events;
}
