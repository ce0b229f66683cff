import { isoDate } from './calendar.js';
import type { GeneratedCaseWithEvents } from './case-row.js';

/**
 * The source simulator's view of one generated case: the rows each agency's case system would hold for it, in the
 * agency's own ids and codes (warehouse codes are turned into agency codes by the code maps, read backwards).
 */
export interface AgencyRows {
  migrationsverketCases: string[][];
  migrationsverketEvents: string[][];
  polisCases: string[][];
  polisEvents: string[][];
  transports: string[][];
}

/** Warehouse code → the agency's code, per code map (the row in force at the end of the data). */
export type ReverseCodeMaps = Map<string, Map<string, string>>;

/** Faults a real extract has, added with `--flaws` (each well under an agency's reject threshold). */
export interface DeliveryFlaws {
  enabled: boolean;
}

const TRANSPORT_MODES = ['FLYG', 'FLYG', 'FLYG', 'FLYG', 'FLYG', 'FLYG', 'FLYG', 'FLYG', 'MARK', 'SJO'] as const;

/** Ids the Police and the transport service give out, in order. */
export interface SourceCounters {
  police: number;
  transport: number;
}

export function agencyRows(
  { fact, events }: GeneratedCaseWithEvents,
  codes: ReverseCodeMaps,
  counters: SourceCounters,
  flaws: DeliveryFlaws,
): AgencyRows {
  const code = (map: string, value: string | null): string => {
    if (value === null) return '';
    const mapped = codes.get(map)?.get(value);
    if (mapped === undefined) throw new Error(`no code of migrationsverket's "${map}" maps to "${value}"`);
    return mapped;
  };
  const caseId = `MIG-${fact.caseId}`;
  let received = isoDate(fact.receivedDay);
  let decided = fact.decisionDay === null ? '' : isoDate(fact.decisionDay);
  let caseType = code('arendeslag', fact.caseType);
  if (flaws.enabled) {
    // A retired code still used by one office (the map has it only until 2019): UNMAPPED_CODE for a 2022+ case.
    if (fact.caseId % 397 === 0 && fact.caseType === 'FAMILY') caseType = 'ANKNYTNING';
    // A decision keyed with the receipt date swapped: DECISION_BEFORE_RECEIPT.
    if (fact.caseId % 1999 === 0 && decided !== '' && decided !== received) [received, decided] = [decided, received];
  }
  const row = [
    caseId,
    caseType,
    code('delmangd', fact.segment),
    fact.subcategory ?? '',
    code('kon', fact.sex),
    code('aldersgrupp', fact.ageGroup),
    fact.nationality,
    code('region', fact.region),
    code('kanal', fact.channel),
    fact.automated ? 'true' : 'false',
    received,
    decided,
    code('utfall', fact.outcome),
    fact.feePaidSek === null ? '' : String(fact.feePaidSek),
    fact.appealed ? 'true' : 'false',
    code('domstol_utfall', fact.courtOutcome),
  ];
  const rows: AgencyRows = {
    migrationsverketCases: flaws.enabled && fact.caseId % 4999 === 0 ? [row, row] : [row],
    migrationsverketEvents: [],
    polisCases: [],
    polisEvents: [],
    transports: [],
  };
  let policeCase: string | null = null;
  for (const event of events) {
    const date = isoDate(event.eventDay);
    switch (event.eventType) {
      case 'received':
      case 'decided':
        // The case row's own dates: not delivered twice.
        break;
      case 'handed_to_police':
        rows.migrationsverketEvents.push([caseId, code('handelse', event.eventType), date]);
        policeCase = `PM-${++counters.police}`;
        rows.polisCases.push([policeCase, caseId, date]);
        break;
      case 'departed_enforced':
        if (policeCase === null) throw new Error(`case ${fact.caseId}: an enforced departure without a hand-over to the police`);
        rows.polisEvents.push([policeCase, 'VERKST_AVRESA', date]);
        counters.transport += 1;
        rows.transports.push([`KV-${counters.transport}`, policeCase, date, TRANSPORT_MODES[counters.transport % TRANSPORT_MODES.length] as string]);
        break;
      default:
        rows.migrationsverketEvents.push([caseId, code('handelse', event.eventType), date]);
    }
  }
  // An event whose case the agency has not delivered yet (it arrives later): held, not rejected.
  if (flaws.enabled && fact.caseId % 5003 === 0) rows.migrationsverketEvents.push([`MIG-${9_000_000_000 + fact.caseId}`, 'OVERKLAGAT', received]);
  return rows;
}
