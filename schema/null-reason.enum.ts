import { registerEnumType } from 'type-graphql';
import { NULL_REASONS, type NullReason as NullReasonValue } from '../warehouse/metrics/null-reason.js';

/** GraphQL enum `NullReason`, from the warehouse's list. */
export const NullReason = Object.fromEntries(Object.keys(NULL_REASONS).map((k) => [k, k])) as { [K in NullReasonValue]: K };
export type NullReason = NullReasonValue;

registerEnumType(NullReason, {
  name: 'NullReason',
  description: 'Why a value is null (orsak till tomt värde).',
  valuesConfig: Object.fromEntries(Object.entries(NULL_REASONS).map(([k, description]) => [k, { description }])),
});
