import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CaseTypeCode } from '../schema/case-type-code.enum.js';
import { CaseType, CaseTypeYear } from '../schema/case-type.type.js';
import { OpenBalance } from '../schema/open-balance.type.js';
import { dimensionFieldType } from '../schema/dimension-field-type.js';
import { Sex } from '../schema/sex.enum.js';
import { listCaseTypes } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';
import { joinYears } from './yearly-series.js';
import { fieldNullReasons, type FieldSource } from './field-null-reasons.js';
import type { MetricName } from '../warehouse/metrics/catalog.js';

/** Segment of generated cases of a type the reports do not split; published cells have no segment. */
const UNSEGMENTED = 'general';

@Resolver(() => CaseType)
export class CaseTypeResolver {
  @Query(() => [CaseType], { description: 'Case types (ärendeslag) with their yearly flows; all when `codes` is omitted.' })
  async caseTypes(
    @Arg('codes', () => [CaseTypeCode], { nullable: true, description: 'Only these case types.' }) codes: CaseTypeCode[] | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<CaseType[]> {
    const rows = await listCaseTypes(db, codes);
    return rows.map((r) => ({
      code: r.code as CaseTypeCode,
      nameSv: r.name_sv,
      name: r.name_en,
      statutoryLimitDays: r.statutory_limit_days,
    }));
  }

  @FieldResolver(() => [CaseTypeYear], {
    description:
      'Flows per year (ärendeflöden per år), oldest first: computed from the case-level facts with the metric catalogue, with the published figures of the same cell as sources.',
  })
  async years(
    @Root() caseType: CaseType,
    @Arg('segment', () => dimensionFieldType('CASE_SEGMENT'), {
      nullable: true,
      description: 'A segment, e.g. FIRST_TIME (förstagångsärenden); omit for all segments.',
    })
    segment: string | undefined,
    @Arg('sex', () => Sex, { nullable: true, description: 'One sex (kön); omit for both.' }) sex: Sex | undefined,
    @Ctx() { loaders }: RequestContext,
  ): Promise<CaseTypeYear[]> {
    const key = { caseType: caseType.code, segment: segment ?? null, sex: sex ?? null };
    // For the public role the loader has already disclosed every value (cell key method: warehouse/disclosure/).
    const [computed, published] = await Promise.all([loaders.caseTypeYears.load(key), loaders.figureCaseSeries.load(key)]);
    return joinYears(computed, published).map(({ year, computed: metric, cell, published: figures }) => {
      const field = (measure: MetricName): FieldSource => ({ value: metric.get(measure) ?? null, metric: measure });
      const fields = {
        received: field('received'),
        decided: field('decided'),
        approvalRate: field('approval_rate'),
        meanProcessingDays: field('mean_processing_days'),
        shareWithinLimit: field('share_within_statutory_limit'),
        openAtEnd: field('open_at_end'),
        clearanceRate: field('clearance_rate'),
      };
      return {
        year,
        segment: segment ?? null,
        ...(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value])) as Record<keyof typeof fields, number | null>),
        // A year only the reports hold lies outside the case facts' coverage.
        nullReasons: fieldNullReasons(cell, fields, 'OUTSIDE_COVERAGE'),
        sources: (figures?.figures ?? []).map(toFigureSource),
      };
    });
  }

  @FieldResolver(() => [OpenBalance], { description: 'Open balances at year end (öppna ärenden) per segment and year.' })
  async openBalances(@Root() caseType: CaseType, @Ctx() { loaders }: RequestContext): Promise<OpenBalance[]> {
    // Disclosed by the loader for the public role, like the yearly flows.
    const [computedBySegment, publishedBySegment] = await Promise.all([
      loaders.caseTypeOpenBalances.load(caseType.code),
      loaders.openBalances.load(caseType.code),
    ]);
    return [...computedBySegment].flatMap(([segment, computed]) => {
      const publishedSegment = segment === UNSEGMENTED ? null : segment;
      return joinYears(computed, publishedBySegment.get(publishedSegment) ?? []).map(({ year, computed: metric, published: figures }) => {
        return {
          caseType: caseType.code,
          year,
          segment,
          open: metric.get('open_at_end') ?? null,
          backlogChange: metric.get('backlog_change') ?? null,
          meanQueueDays: figures?.values.get('mean_queue_days') ?? null,
          shareOpenWithinLimit: figures?.values.get('share_open_within_limit') ?? null,
          sources: (figures?.figures ?? []).map(toFigureSource),
        };
      });
    });
  }
}
