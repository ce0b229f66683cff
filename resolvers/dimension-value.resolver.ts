import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { DimensionValue } from '../schema/dimension-value.type.js';
import { Dimension } from '../schema/metric-enums.js';
import type { CaseTypeCode } from '../schema/case-type-code.enum.js';
import { ATTRIBUTES, enumValueName, isTimeDimension } from '../warehouse/dimensions/dimension-registry.js';
import { CASE_FACT_COVERAGE } from '../warehouse/metrics/coverage.js';
import { memberCaseTypes } from '../warehouse/queries/case-dimension-members.js';
import { openMemberNames } from '../warehouse/queries/member-case-types.js';
import { badUserInput } from './api-errors.js';
import type { RequestContext } from './context.js';

@Resolver()
export class DimensionValueResolver {
  @Query(() => [DimensionValue], {
    description:
      'The members of a dimension (dimensionsvärden) with their names and the case types they apply to: every value a metric filter on it accepts.',
  })
  async dimensionValues(
    @Arg('dimension', () => Dimension, {
      description: 'An attribute dimension, e.g. REGION (time dimensions are periods: filter them with year, from and to).',
    })
    dimension: Dimension,
    @Ctx() { db }: RequestContext,
  ): Promise<DimensionValue[]> {
    if (isTimeDimension(dimension)) {
      throw badUserInput(
        `${dimension} is a time dimension: filter it with where.year, where.from and where.to; the case facts cover ${CASE_FACT_COVERAGE.from} to ${CASE_FACT_COVERAGE.to} and metricCatalog gives each metric's coverage`,
        { argument: 'dimension' },
      );
    }
    const spec = ATTRIBUTES[dimension];
    const caseTypes =
      dimension === 'CASE_TYPE'
        ? new Map(spec.members.kind === 'closed' ? spec.members.list.map((m) => [m.code, [m.code]]) : [])
        : spec.basis === 'cases'
          ? await memberCaseTypes(db, dimension)
          : new Map<string, string[]>();
    const applies = (code: string) => (caseTypes.get(code) ?? []) as CaseTypeCode[];
    if (spec.members.kind === 'closed') {
      const members = spec.members;
      return members.list.map((m) => ({ code: enumValueName(members, m.code), name: m.name, nameSv: m.nameSv, caseTypes: applies(m.code) }));
    }
    const named = await openMemberNames(db, dimension);
    return named.map((m) => ({ ...m, caseTypes: applies(m.code) }));
  }
}
