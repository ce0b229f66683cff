import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'Where a page ends and whether another follows (sidinformation). Pass `endCursor` as `after` for the next page.',
})
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more rows follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Opaque cursor of the last row of this page; null on an empty page.' })
  endCursor!: string | null;
}
