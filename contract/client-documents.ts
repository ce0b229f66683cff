import { type GraphQLSchema, Kind, parse, validate } from 'graphql';
import type { Role } from '../resolvers/roles.js';
import type { RegisteredClient } from './client-registry.js';

/** The names of a document's operations, for messages ("anonymous" for an unnamed one). */
function operationNames(query: string): string {
  try {
    const names = parse(query).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? 'anonymous'] : []));
    return names.join(', ') || 'no operation';
  } catch {
    return 'unparsable document';
  }
}

/**
 * Validates every registered document against the schema of its app's role (graphql-js `validate`, the rules a
 * server applies before running it); one message per failing document, naming the app, the operation and the file.
 */
export function checkClientDocuments(clients: readonly RegisteredClient[], schemaOf: (role: Role) => GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const client of clients) {
    const schema = schemaOf(client.role);
    for (const document of client.documents) {
      let errors: readonly { message: string }[];
      try {
        errors = validate(schema, parse(document.query));
      } catch (error) {
        errors = [{ message: error instanceof Error ? error.message : String(error) }];
      }
      if (errors.length === 0) continue;
      const why = errors.map((e) => e.message).join('; ');
      problems.push(`client "${client.name}" (${client.role}), operation ${operationNames(document.query)} (${document.file}): ${why}`);
    }
  }
  return problems;
}
