import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CaseTypeCode } from '../schema/case-type-code.enum.js';
import { CaseType, CaseTypeYear } from '../schema/case-type.type.js';
import { OpenBalance } from '../schema/open-balance.type.js';
import { Sex } from '../schema/sex.enum.js';
import { listCaseTypes } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';
import { backlogChange, clearanceRate } from './metrics/ratios.js';

@Resolver(() => CaseType)
export class CaseTypeResolver {
  @Query(() => [CaseType], { description: 'Case types (ärendeslag) with their published yearly flows; all when `codes` is omitted.' })
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

  @FieldResolver(() => [CaseTypeYear], { description: 'Published flows per year (ärendeflöden per år), oldest first.' })
  async years(
    @Root() caseType: CaseType,
    @Arg('segment', () => String, { nullable: true, description: 'A segment, e.g. first_time (förstagångsärenden); omit for all segments.' }) segment: string | undefined,
    @Arg('sex', () => Sex, { nullable: true, description: 'One sex (kön); omit for both.' }) sex: Sex | undefined,
    @Ctx() { loaders }: RequestContext,
  ): Promise<CaseTypeYear[]> {
    const cells = await loaders.caseSeries.load({ caseType: caseType.code, segment: segment ?? null, sex: sex ?? null });
    return cells.map(({ year, values, figures }) => {
      const received = values.get('received') ?? null;
      const decided = values.get('decided') ?? null;
      return {
        year,
        segment: segment ?? null,
        received,
        decided,
        approvalRate: values.get('approval_rate') ?? null,
        meanProcessingDays: values.get('mean_processing_days') ?? null,
        shareWithinLimit: values.get('share_decided_within_limit') ?? null,
        openAtEnd: values.get('open_at_end') ?? null,
        clearanceRate: clearanceRate(decided, received),
        sources: figures.map(toFigureSource),
      };
    });
  }

  @FieldResolver(() => [OpenBalance], { description: 'Open balances at year end (öppna ärenden) per segment and year.' })
  async openBalances(@Root() caseType: CaseType, @Ctx() { loaders }: RequestContext): Promise<OpenBalance[]> {
    const bySegment = await loaders.openBalances.load(caseType.code);
    return [...bySegment].flatMap(([segment, cells]) =>
      cells.map(({ year, values, figures }) => {
        const open = values.get('open_at_end') ?? null;
        const previous = cells.find((c) => c.year === year - 1)?.values.get('open_at_end') ?? null;
        return {
          caseType: caseType.code,
          year,
          segment,
          open,
          meanQueueDays: values.get('mean_queue_days') ?? null,
          shareOpenWithinLimit: values.get('share_open_within_limit') ?? null,
          backlogChange: backlogChange(open, previous),
          sources: figures.map(toFigureSource),
        };
      }),
    );
  }
}
