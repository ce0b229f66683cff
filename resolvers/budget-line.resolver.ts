import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { BudgetLine, BudgetLineYear } from '../schema/budget-line.type.js';
import { listAppropriations } from '../warehouse/queries/dimension-members.js';
import type { RequestContext } from './context.js';
import { toFigureSource } from './figure-source.mapper.js';
import { budgetUtilisation } from './metrics/ratios.js';

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

  @FieldResolver(() => [BudgetLineYear], { description: 'Allocation, outcome and utilisation per year (per budgetår), oldest first.' })
  async years(@Root() line: BudgetLine, @Ctx() { loaders }: RequestContext): Promise<BudgetLineYear[]> {
    const cells = await loaders.budgetLineYears.load(line.appropriation);
    return cells.map(({ year, values, figures }) => {
      const allocated = values.get('budget_allocated') ?? null;
      const outcome = values.get('budget_outcome') ?? null;
      return { year, allocated, outcome, utilisation: budgetUtilisation(outcome, allocated), sources: figures.map(toFigureSource) };
    });
  }
}
