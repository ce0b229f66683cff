import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { SourceDocument } from '../schema/source-document.type.js';
import { SourceTable } from '../schema/source-table.type.js';
import { listSourceDocuments } from '../warehouse/queries/source-documents.js';
import { listSourceTables } from '../warehouse/queries/published-figures.js';
import { badUserInput } from './api-errors.js';
import type { RequestContext } from './context.js';
import { toSourceTable } from './published-figure.mapper.js';

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @Query(() => [SourceDocument], { description: 'The published reports the figures come from (källdokument), with their tables.' })
  async sourceDocuments(
    @Arg('codes', () => [String], { nullable: true, description: 'Only these documents, by code (dokumentkoder); unknown codes are refused.' })
    codes: string[] | undefined,
    @Ctx() { db }: RequestContext,
  ): Promise<SourceDocument[]> {
    const all = await listSourceDocuments(db).execute();
    if (codes) {
      const unknown = codes.filter((c) => !all.some((d) => d.document === c));
      if (unknown.length)
        throw badUserInput(
          `unknown document code ${unknown.map((c) => JSON.stringify(c)).join(', ')}; valid: ${all.map((d) => d.document).join(', ')}`,
          {
            argument: 'codes',
            valid: all.map((d) => d.document),
          },
        );
    }
    return all
      .filter((d) => !codes || codes.includes(d.document))
      .map((d) => ({ code: d.document, title: d.title, publisher: d.publisher, editionYear: d.edition_year, description: d.description }));
  }

  @FieldResolver(() => [SourceTable], { description: 'The tables (and running-text sections) figures were loaded from (källtabeller).' })
  async tables(@Root() document: SourceDocument, @Ctx() { db }: RequestContext): Promise<SourceTable[]> {
    return (await listSourceTables(db, { document: document.code }).execute()).map(toSourceTable);
  }
}
