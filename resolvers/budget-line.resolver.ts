import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { BudgetLine, BudgetLineYear } from '../schema/budget-line.type.js';
import { listAppropriations } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';
import { joinYears } from './yearly-series.js';

@Resolver(() => BudgetLine)
export class BudgetLineResolver {
  @Query(() => [BudgetLine], { description: 'Appropriations (anslag) with published allocations and outcomes.' })
  async budgetLines(
    @Arg('expenditureArea', () => Int, { nullable: true, description: 'Only this expenditure area (utgiftsområde), e.g. 8.' }) expenditureArea: number | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<BudgetLine[]> {
    const rows = await listAppropriations(db, expenditureArea);
    return rows.map((r) => ({ appropriation: r.code, nameSv: r.name_sv, expenditureArea: r.expenditure_area }));
  }

  @FieldResolver(() => [BudgetLineYear], { description: 'Allocation, outcome and utilisation per year (per budgetår), oldest first; from the metric catalogue.' })
  async years(@Root() line: BudgetLine, @Ctx() { loaders }: RequestContext): Promise<BudgetLineYear[]> {
    const [computed, published] = await Promise.all([
      loaders.budgetLineYears.load(line.appropriation),
      loaders.figureBudgetLineYears.load(line.appropriation),
    ]);
    return joinYears(computed, published).map(({ year, computed: metric, published: figures }) => ({
      year,
      allocated: metric.get('budget_allocated') ?? null,
      outcome: metric.get('budget_outcome') ?? null,
      utilisation: metric.get('budget_utilisation') ?? null,
      sources: (figures?.figures ?? []).map(toFigureSource),
    }));
  }
}
