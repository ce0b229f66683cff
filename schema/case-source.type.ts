import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description:
    "One agency's record that makes up a warehouse case (källa): the Migration Agency's case, a Police return case that refers to it, a transport ordered for that; with the delivery its current row came in.",
})
export class CaseSource {
  @Field(() => String, { description: 'The agency (myndighet): migrationsverket, polismyndigheten or kriminalvarden.' })
  agency!: string;

  @Field(() => String, { description: "The agency's resource the record is in (resurs): cases or transports." })
  resource!: string;

  @Field(() => String, { description: "The record's id in the agency's own system (källans id), e.g. MIG-123, PM-45, KV-6." })
  sourceId!: string;

  @Field(() => String, { description: 'The delivery (leverans) that brought its current row: `deliveries` lists it.' })
  deliveryId!: string;

  @Field(() => Int, { description: "The agency's extract id of that delivery (uttagsnummer)." })
  extractId!: number;
}
