import { ATTRIBUTES, type AttributeDimension } from '../warehouse/dimensions/dimension-registry.js';
import { DIMENSION_ENUMS, type ClosedDimension } from './dimension-enums.js';

/** The GraphQL type of a dimension's values: its enum for a closed set, String (checked against members) for an open one. */
export function dimensionFieldType(d: AttributeDimension): Record<string, string> | StringConstructor {
  return ATTRIBUTES[d].members.kind === 'closed' ? DIMENSION_ENUMS[d as ClosedDimension] : String;
}
