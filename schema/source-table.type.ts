import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'A table (or a section of running text) of a source document that figures were loaded from (källtabell).',
})
export class SourceTable {
  @Field(() => Int, { description: 'Id of the source table in the warehouse.' })
  id!: number;

  @Field(() => String, { description: 'Source document file name (källdokument).' })
  document!: string;

  @Field(() => String, { description: 'Table id as printed (tabell), e.g. "Tabell 6.2"; "Text" for running text.' })
  table!: string;

  @Field(() => String, { description: 'Caption as printed, or the section heading for running text (rubrik).' })
  caption!: string;

  @Field(() => String, { description: 'table or text (tabell eller löptext).' })
  kind!: string;

  @Field(() => Int, { description: 'First line of the document a figure of this table stands on.' })
  firstLine!: number;

  @Field(() => Int, { description: 'Last line of the document a figure of this table stands on.' })
  lastLine!: number;

  @Field(() => Int, { description: 'How many figures were loaded from it (antal uppgifter).' })
  figureCount!: number;
}
