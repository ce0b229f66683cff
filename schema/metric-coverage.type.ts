import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description:
    'The period a metric can be computed for (täckningsperiod); outside it a request is refused or its cells are null with reason OUTSIDE_COVERAGE.',
})
export class MetricCoverage {
  @Field(() => String, { description: 'First day covered, ISO date (från och med).' })
  from!: string;

  @Field(() => String, { description: 'Last day covered, ISO date (till och med).' })
  to!: string;

  @Field(() => [Int], { description: 'The years with facts or published figures (år); for published figures, only the years a report printed.' })
  years!: number[];

  @Field(() => String, { description: 'What the coverage rests on (grund).' })
  description!: string;
}
