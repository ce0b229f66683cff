import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { BudgetLine, BudgetLineYear } from '../schema/budget-line.type.js';
import { listAppropriations } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';
import { joinYears } from './yearly-series.js';
import { fieldNullReasons } from './field-null-reasons.js';

@Resolver(() => BudgetLine)
export class BudgetLineResolver {
  @Query(() => [BudgetLine], { description: 'Appropriations (anslag) with published allocations and outcomes.' })
  async budgetLines(
    @Arg('expenditureArea', () => Int, { nullable: true, description: 'Only this expenditure area (utgiftsområde), e.g. 8.' }) expenditureArea:
      | number
      | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<BudgetLine[]> {
    const rows = await listAppropriations(db, expenditureArea);
    return rows.map((r) => ({ appropriation: r.code, nameSv: r.name_sv, expenditureArea: r.expenditure_area }));
  }

  @FieldResolver(() => [BudgetLineYear], {
    description: 'Allocation, outcome and utilisation per year (per budgetår), oldest first; from the metric catalogue.',
  })
  async years(@Root() line: BudgetLine, @Ctx() { loaders }: RequestContext): Promise<BudgetLineYear[]> {
    const [computed, published] = await Promise.all([
      loaders.budgetLineYears.load(line.appropriation),
      loaders.figureBudgetLineYears.load(line.appropriation),
    ]);
    return joinYears(computed, published).map(({ year, computed: metric, cell, published: figures }) => {
      const fields = {
        allocated: { value: metric.get('budget_allocated') ?? null, metric: 'budget_allocated' as const },
        outcome: { value: metric.get('budget_outcome') ?? null, metric: 'budget_outcome' as const },
        utilisation: { value: metric.get('budget_utilisation') ?? null, metric: 'budget_utilisation' as const },
      };
      return {
        year,
        allocated: fields.allocated.value,
        outcome: fields.outcome.value,
        utilisation: fields.utilisation.value,
        nullReasons: fieldNullReasons(cell, fields, 'NOT_PUBLISHED'),
        sources: (figures?.figures ?? []).map(toFigureSource),
      };
    });
  }
}
