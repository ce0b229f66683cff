import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CaseTypeCode } from '../schema/case-type-code.enum.js';
import { CaseType, CaseTypeYear } from '../schema/case-type.type.js';
import { OpenBalance } from '../schema/open-balance.type.js';
import { dimensionFieldType } from '../schema/dimension-field-type.js';
import { Sex } from '../schema/sex.enum.js';
import { listCaseTypes } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { suppressCount } from './disclosure-control.js';
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
    description: 'Flows per year (ärendeflöden per år), oldest first: computed from the case-level facts with the metric catalogue, with the published figures of the same cell as sources.',
  })
  async years(
    @Root() caseType: CaseType,
    @Arg('segment', () => dimensionFieldType('CASE_SEGMENT'), { nullable: true, description: 'A segment, e.g. FIRST_TIME (förstagångsärenden); omit for all segments.' }) segment: string | undefined,
    @Arg('sex', () => Sex, { nullable: true, description: 'One sex (kön); omit for both.' }) sex: Sex | undefined,
    @Ctx() { loaders, role }: RequestContext,
  ): Promise<CaseTypeYear[]> {
    const key = { caseType: caseType.code, segment: segment ?? null, sex: sex ?? null };
    const controlled = role === 'public';
    const [computed, published, parents] = await Promise.all([
      loaders.caseTypeYears.load(key),
      loaders.figureCaseSeries.load(key),
      // For the public role a split is checked against its unsplit total (see disclosure-control.ts).
      controlled && (segment || sex) ? loaders.caseTypeYears.load({ caseType: caseType.code, segment: null, sex: null }) : Promise.resolve([]),
    ]);
    return joinYears(computed, published).map(({ year, computed: metric, cell, published: figures }) => {
      const parent = parents.find((p) => p.year === year)?.values;
      const hidden = (measure: MetricName) => {
        const value = metric.get(measure) ?? null;
        return controlled && suppressCount(value, parent?.get(measure) ?? (segment || sex ? null : value));
      };
      const field = (measure: MetricName, suppressed: boolean): FieldSource =>
        suppressed ? { value: null, suppressed: true } : { value: metric.get(measure) ?? null, metric: measure };
      const receivedHidden = hidden('received');
      const decidedHidden = hidden('decided');
      // Rates over a suppressed count would give it away: they go with it.
      const fields = {
        received: field('received', receivedHidden),
        decided: field('decided', decidedHidden),
        approvalRate: field('approval_rate', decidedHidden),
        meanProcessingDays: field('mean_processing_days', decidedHidden),
        shareWithinLimit: field('share_within_statutory_limit', decidedHidden),
        openAtEnd: field('open_at_end', hidden('open_at_end')),
        clearanceRate: field('clearance_rate', receivedHidden || decidedHidden),
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
  async openBalances(@Root() caseType: CaseType, @Ctx() { loaders, role }: RequestContext): Promise<OpenBalance[]> {
    const [computedBySegment, publishedBySegment] = await Promise.all([
      loaders.caseTypeOpenBalances.load(caseType.code),
      loaders.openBalances.load(caseType.code),
    ]);
    // The segments of a year add up to the case type's open balance: the parent for disclosure control.
    const openOfYear = new Map<number, number>();
    for (const series of computedBySegment.values()) {
      for (const cell of series) openOfYear.set(cell.year, (openOfYear.get(cell.year) ?? 0) + (cell.values.get('open_at_end') ?? 0));
    }
    return [...computedBySegment].flatMap(([segment, computed]) => {
      const publishedSegment = segment === UNSEGMENTED ? null : segment;
      return joinYears(computed, publishedBySegment.get(publishedSegment) ?? []).map(({ year, computed: metric, published: figures }) => {
        const open = metric.get('open_at_end') ?? null;
        const hidden = role === 'public' && suppressCount(open, openOfYear.get(year) ?? null);
        return {
          caseType: caseType.code,
          year,
          segment,
          open: hidden ? null : open,
          backlogChange: hidden ? null : metric.get('backlog_change') ?? null,
          meanQueueDays: figures?.values.get('mean_queue_days') ?? null,
          shareOpenWithinLimit: figures?.values.get('share_open_within_limit') ?? null,
          sources: (figures?.figures ?? []).map(toFigureSource),
        };
      });
    });
  }
}
