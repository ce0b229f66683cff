/**
 * The entities this API offers a supergraph, and the keys other subgraphs join them by: a case type by its code, a
 * metric by its name, a published figure by its id, a source document by its code, a source table by its id or by
 * its document and table code (the source document's code with the table printed in it).
 */
export const ENTITY_KEYS = {
  CaseType: ['code'],
  MetricDefinitionType: ['name'],
  PublishedFigure: ['id'],
  SourceDocument: ['code'],
  SourceTable: ['id', 'document table'],
} as const satisfies Record<string, readonly string[]>;

export type EntityName = keyof typeof ENTITY_KEYS;

/** The Federation 2 directives the subgraph's SDL imports. */
export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
