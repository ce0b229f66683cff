import { Field, Float, Int, ObjectType } from 'type-graphql';
import { FieldNullReason } from './field-null-reason.type.js';
import { FigureSource } from './figure-source.type.js';

@ObjectType({ simpleResolvers: true, description: 'An appropriation (anslag or anslagspost) of the state budget that the agency draws on.' })
export class BudgetLine {
  @Field(() => String, { description: 'Appropriation code: expenditure area and item, e.g. "UO8 1:1" (utgiftsområde 8, anslag 1:1).' })
  appropriation!: string;

  @Field(() => String, { description: 'Swedish name (anslagets benämning).' })
  nameSv!: string;

  @Field(() => Int, { nullable: true, description: 'Expenditure area (utgiftsområde), e.g. 8 Migration; null for the grand total.' })
  expenditureArea!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'One year of an appropriation: allocation and outcome (tilldelning och utfall). Money in SEK.' })
export class BudgetLineYear {
  @Field(() => Int, { description: 'Budget year (budgetår).' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'Allocated in the regulation letter, in SEK (tilldelat enligt regleringsbrev).' })
  allocated!: number | null;

  @Field(() => Float, { nullable: true, description: 'Outcome, in SEK (utfall, anslagsförbrukning).' })
  outcome!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Budget utilisation (anslagsutnyttjande) = outcome / allocated, catalogue metric budget_utilisation.',
  })
  utilisation!: number | null;

  @Field(() => [FieldNullReason], { description: 'Why each null field of this year is null (orsaker till tomma värden); empty when none is.' })
  nullReasons!: FieldNullReason[];

  @Field(() => [FigureSource], { description: 'The published figures these values come from (källor).' })
  sources!: FigureSource[];
}
