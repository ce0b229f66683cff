import { createHash } from 'node:crypto';
import type { CellTarget } from './calibration-targets.js';
import { caseEventLine, caseFactLine } from './copy-text.js';
import { generateCases, type GenerateOptions } from './generate-cases.js';

/**
 * The load's fingerprint: sha256 of the case_fact COPY text and of the case_event COPY text, each in stream order,
 * combined as sha256("case_fact <hex>\ncase_event <hex>\n"). The loader hashes the very chunks it streams (the
 * two streams run in parallel, hence two hashes); this computes the same without a database.
 */
export function combineChecksums(factsHex: string, eventsHex: string): string {
  return createHash('sha256').update(`case_fact ${factsHex}\ncase_event ${eventsHex}\n`).digest('hex');
}

export function copyChecksum(targets: readonly CellTarget[], options: GenerateOptions): string {
  const facts = createHash('sha256');
  const events = createHash('sha256');
  for (const { fact, events: caseEvents } of generateCases(targets, options)) {
    facts.update(caseFactLine(fact));
    for (const event of caseEvents) events.update(caseEventLine(event));
  }
  return combineChecksums(facts.digest('hex'), events.digest('hex'));
}
