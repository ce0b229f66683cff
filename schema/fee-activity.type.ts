import { Field, Float, Int, ObjectType } from 'type-graphql';
import { FieldNullReason } from './field-null-reason.type.js';
import { FigureSource } from './figure-source.type.js';

@ObjectType({
  simpleResolvers: true,
  description: 'A fee-financed activity whose revenue goes to the treasury (avgiftsbelagd verksamhet, Tabell 3.8).',
})
export class FeeActivity {
  @Field(() => String, { description: 'Activity code, e.g. citizenship (svenskt medborgarskap), total (totalt).' })
  code!: string;

  @Field(() => String, { description: 'Swedish name as printed (verksamhet).' })
  nameSv!: string;

  @Field(() => String, { description: 'English name.' })
  name!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One year of a fee-financed activity: revenue, cost and fee coverage (kostnadstäckning). Money in SEK.',
})
export class FeeActivityYear {
  @Field(() => Int, { description: 'Reference year (år).' })
  year!: number;

  @Field(() => Float, { nullable: true, description: 'Fee revenue in SEK (intäkter).' })
  revenue!: number | null;

  @Field(() => Float, { nullable: true, description: 'Cost in SEK (kostnader).' })
  cost!: number | null;

  @Field(() => Float, { nullable: true, description: 'Budgeted revenue in SEK (budgeterade intäkter).' })
  budgetedRevenue!: number | null;

  @Field(() => Float, { nullable: true, description: 'Budgeted cost in SEK (budgeterade kostnader).' })
  budgetedCost!: number | null;

  @Field(() => Float, { nullable: true, description: 'Surplus or deficit of the year in SEK (över-/underskott, +/-).' })
  result!: number | null;

  @Field(() => Float, { nullable: true, description: 'Accumulated surplus or deficit at year end in SEK (ackumulerat utgående +/-).' })
  accumulated!: number | null;

  @Field(() => Float, { nullable: true, description: 'Fee coverage ratio (täckningsgrad) = revenue / cost, catalogue metric fee_coverage_ratio.' })
  coverageRatio!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Economic target for coverage (ekonomiskt mål) as a 0–1 fraction, where the report states one.',
  })
  target!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Gap to the economic target (avvikelse från målet) = coverageRatio − target, in ratio points (catalogue metric fee_coverage_gap).',
  })
  gap!: number | null;

  @Field(() => [FieldNullReason], { description: 'Why each null field of this year is null (orsaker till tomma värden); empty when none is.' })
  nullReasons!: FieldNullReason[];

  @Field(() => [FigureSource], { description: 'The published figures these values come from (källor).' })
  sources!: FigureSource[];
}
