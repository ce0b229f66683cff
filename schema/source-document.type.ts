import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'A published report the figures were loaded from (källdokument), e.g. the Migration Agency’s annual report 2024.',
})
export class SourceDocument {
  @Field(() => String, { description: 'The document’s code: its file name in the seeds (dokumentkod), as `PublishedFigure.document` names it.' })
  code!: string;

  @Field(() => String, { description: 'Title as published (titel).' })
  title!: string;

  @Field(() => String, { description: 'The agency that published it (utgivare).' })
  publisher!: string;

  @Field(() => Int, { description: 'The year it was published (utgivningsår).' })
  editionYear!: number;

  @Field(() => String, { description: 'What it covers (beskrivning).' })
  description!: string;
}
