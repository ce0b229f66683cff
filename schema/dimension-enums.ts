import { registerEnumType } from 'type-graphql';
import {
  ATTRIBUTE_DIMENSIONS,
  ATTRIBUTES,
  enumValueName,
  type AttributeDimension,
  type ClosedMembers,
} from '../warehouse/dimensions/dimension-registry.js';

/** The attribute dimensions whose members are a closed set, each a GraphQL enum. */
export type ClosedDimension = {
  [D in AttributeDimension]: (typeof ATTRIBUTES)[D]['members'] extends { kind: 'closed' } ? D : never;
}[AttributeDimension];

function isClosed(d: AttributeDimension): d is ClosedDimension {
  return ATTRIBUTES[d].members.kind === 'closed';
}
export const CLOSED_DIMENSIONS = ATTRIBUTE_DIMENSIONS.filter(isClosed);

/**
 * One GraphQL enum per closed dimension of the registry, in SCREAMING_SNAKE_CASE (FIRST_TIME, NORD, AGE_0_17); each
 * value stands for the stored code ('first_time', 'nord', '0_17'), so resolvers and SQL see the codes.
 */
export const DIMENSION_ENUMS = Object.fromEntries(
  CLOSED_DIMENSIONS.map((d) => {
    const members = ATTRIBUTES[d].members as ClosedMembers;
    const values = Object.fromEntries(members.list.map((m) => [enumValueName(members, m.code), m.code]));
    registerEnumType(values, {
      name: members.enumName,
      description: `${ATTRIBUTES[d].label}: the values a ${ATTRIBUTES[d].key} filter or column takes.`,
      valuesConfig: Object.fromEntries(members.list.map((m) => [enumValueName(members, m.code), { description: `${m.name} (${m.nameSv}).` }])),
    });
    return [d, values];
  }),
) as Record<ClosedDimension, Record<string, string>>;
