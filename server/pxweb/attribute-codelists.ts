import type { AttributeDimension } from '../../warehouse/dimensions/dimension-registry.js';
import { NATIONALITY_REGION, regionMembers, WORLD_REGIONS, type WorldRegion } from '../../warehouse/dimensions/nationality-regions.js';
import type { Bilingual } from './language.js';

/** One group of an aggregation codelist: its code and label, and the variable's values it holds. */
export interface CodelistGroup {
  code: string;
  label: Bilingual;
  members: readonly string[];
}

/**
 * An aggregation of an attribute variable's values into groups (nationalities into world regions). Selected under
 * it, the variable's codes are the groups, and the engine computes each group as one cell: the metric filtered to the
 * group's members and not grouped by them, so a rate is the group's rate (its own numerator over its own
 * denominator), never a sum of the members' rates, and the public role's cell key is the group cell's.
 */
export interface AttributeCodelist {
  id: string;
  type: 'Aggregation';
  dimension: AttributeDimension;
  label: Bilingual;
  groups: readonly CodelistGroup[];
}

const REGION_CODELIST: AttributeCodelist = {
  id: 'agg_region',
  type: 'Aggregation',
  dimension: 'NATIONALITY',
  label: { sv: 'Medborgarskap efter världsdel', en: 'Nationality by world region' },
  groups: (Object.keys(WORLD_REGIONS) as WorldRegion[]).map((region) => ({
    code: region,
    label: WORLD_REGIONS[region],
    members: regionMembers(region),
  })),
};

/** Every attribute codelist; only nationality has one, from the declared nationality → region table. */
export const ATTRIBUTE_CODELISTS: readonly AttributeCodelist[] = [REGION_CODELIST];

export function attributeCodelists(dimension: AttributeDimension): AttributeCodelist[] {
  return ATTRIBUTE_CODELISTS.filter((c) => c.dimension === dimension);
}

export function findAttributeCodelist(id: string, dimension?: AttributeDimension): AttributeCodelist | undefined {
  return ATTRIBUTE_CODELISTS.find((c) => c.id.toLowerCase() === id.toLowerCase() && (dimension === undefined || c.dimension === dimension));
}

/** The nationality codes the region table places (for the test that every member is placed). */
export const PLACED_NATIONALITIES: readonly string[] = Object.keys(NATIONALITY_REGION);
