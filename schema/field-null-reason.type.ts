import { Field, ObjectType } from 'type-graphql';
import { NullReason } from './null-reason.enum.js';

@ObjectType({ simpleResolvers: true, description: 'Why one field of this object is null (orsak till tomt värde).' })
export class FieldNullReason {
  @Field(() => String, { description: 'The field that is null (fält), e.g. coverageRatio.' })
  field!: string;

  @Field(() => NullReason, { description: 'Why it is null (orsak).' })
  reason!: NullReason;
}
