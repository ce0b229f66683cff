import { registerEnumType } from 'type-graphql';
import { AGENCIES, type AgencyCode } from '../warehouse/ingest/agencies.js';

/** GraphQL enum `DeliveringAgency`, from the agencies declared in warehouse/ingest/agencies.ts (values: their codes). */
export const DeliveringAgency = Object.fromEntries(Object.keys(AGENCIES).map((code) => [code.toUpperCase(), code])) as {
  [K in AgencyCode as Uppercase<K>]: K;
};
registerEnumType(DeliveringAgency, {
  name: 'DeliveringAgency',
  description: 'An agency that delivers case data (levererande myndighet).',
  valuesConfig: Object.fromEntries(Object.values(AGENCIES).map((a) => [a.code.toUpperCase(), { description: `${a.name} (${a.nameSv}).` }])),
});

export const DELIVERY_STATUSES = {
  validating: 'Being validated, or validated and waiting to be published in the same load (validerar).',
  published: 'Applied and published; `generation` names the warehouse generation (publicerad).',
  refused: 'Refused whole: nothing of it was applied; `message` says why (avvisad).',
  replayed: 'The same extract delivered again: nothing to do (upprepad).',
  interrupted: 'The load stopped before publishing (a kill or a crash); nothing of it was applied (avbruten).',
} as const;
export type DeliveryStatusCode = keyof typeof DELIVERY_STATUSES;

/** GraphQL enum `DeliveryStatus`. */
export const DeliveryStatus = Object.fromEntries(Object.keys(DELIVERY_STATUSES).map((s) => [s.toUpperCase(), s])) as {
  [K in DeliveryStatusCode as Uppercase<K>]: K;
};
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'What became of a delivery (leveransstatus).',
  valuesConfig: Object.fromEntries(Object.entries(DELIVERY_STATUSES).map(([s, description]) => [s.toUpperCase(), { description }])),
});

/** GraphQL enum `DeliveryKind`. */
export const DeliveryKind = { FULL: 'full', DELTA: 'delta' } as const;
registerEnumType(DeliveryKind, {
  name: 'DeliveryKind',
  description: 'A full extract (fullständigt uttag) or the changes since the last one (ändringsuttag).',
  valuesConfig: {
    FULL: { description: "Replaces the agency's rows: keys absent from it are deleted (fullständigt)." },
    DELTA: { description: 'Upserts and deletes by key (ändringar).' },
  },
});
