import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * An operation whose type the schema has no root for (a mutation or subscription here: the API is read-only) is a
 * client mistake, found at validation; graphql-js 16 would only fail it during execution, as an internal error.
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      const root =
        node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) {
        context.reportError(new GraphQLError(`This API has no ${node.operation} operations; it is read-only and answers queries`, { nodes: node }));
      }
    },
  };
}
