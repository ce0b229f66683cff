import { Field, ObjectType } from 'type-graphql';
import { CaseTypeCode } from './case-type-code.enum.js';

@ObjectType({ simpleResolvers: true, description: 'One member of a dimension (dimensionsvärde): what a filter on it accepts.' })
export class DimensionValue {
  @Field(() => String, {
    description: 'The value to pass in a filter (kod): the enum value for a closed set (e.g. FIRST_TIME), the code for an open one (e.g. "SY").',
  })
  code!: string;

  @Field(() => String, { description: 'English name (engelskt namn).' })
  name!: string;

  @Field(() => String, { description: 'Swedish name (svenskt namn).' })
  nameSv!: string;

  @Field(() => [CaseTypeCode], {
    description:
      'The case types whose case-level facts hold this value (gäller ärendeslag); empty for dimensions of the published figures only (appropriation, fee activity, agency) and for members no case holds.',
  })
  caseTypes!: CaseTypeCode[];
}
