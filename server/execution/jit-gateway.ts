import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/** Apollo's execution hook, as its constructor types it (the interface's own package is Apollo's dependency, not ours). */
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

export interface JitOptions {
  /** A document is compiled on its n-th execution: one seen once (most ad-hoc queries) never pays the compile. */
  compileOnExecution?: number;
  /** Documents whose counts and compiled code are kept (least recently used dropped first). */
  maxDocuments?: number;
}

interface DocumentEntry {
  executions: number;
  /** undefined: not compiled yet; null: graphql-jit could not compile it (graphql-js runs it). */
  compiled: CompiledQuery | null | undefined;
}

/** Apollo's execution hook, and the code it compiled for a document. */
export interface JitExecution {
  gateway: GatewayInterface;
  /**
   * graphql-jit's code for a document (Apollo's hash of its text) and operation name, as the hook ran it last; undefined
   * while graphql-js runs it (seen once, or not compilable).
   */
  compiled(queryHash: string, operationName: string | null): CompiledQuery | undefined;
}

/**
 * Executes documents that repeat with graphql-jit, through Apollo Server's one execution hook (the `gateway`
 * option: Apollo still parses, validates and runs every plugin; only `execute` is replaced). graphql-js resolves each
 * field through generic code (argument coercion, `isPromise`, completion by type) on every one of a list's items;
 * graphql-jit compiles the operation into one function per document, so a page of 1 000 figures × 12 fields costs
 * far less to complete. Documents seen once run on graphql-js as before.
 */
export function jitGateway(schema: GraphQLSchema, options: JitOptions = {}): JitExecution {
  const compileOn = options.compileOnExecution ?? 2;
  const documents = new LRUCache<string, DocumentEntry>({ max: options.maxDocuments ?? 1000 });
  const keyOf = (queryHash: string, operationName: string | null | undefined) => `${queryHash}:${operationName ?? ''}`;
  const executor: GatewayExecutor = async (request) => {
    const key = keyOf(request.queryHash, request.operationName);
    let entry = documents.get(key);
    if (!entry) documents.set(key, (entry = { executions: 0, compiled: undefined }));
    entry.executions += 1;
    if (entry.compiled === undefined && entry.executions >= compileOn) entry.compiled = compile(schema, request.document, request.operation);
    const runOnGraphQLJs = () =>
      execute({
        schema,
        document: request.document,
        contextValue: request.context,
        variableValues: request.request.variables,
        operationName: request.operationName ?? undefined,
      });
    if (!entry.compiled) return runOnGraphQLJs();
    const result = await entry.compiled.query(undefined, request.context, request.request.variables ?? {});
    // No data at all: the variables did not coerce. graphql-js says why in the form Apollo recognises as the
    // client's mistake (BAD_USER_INPUT, status 200 or 400 by the Accept header); no resolver has run.
    if (!('data' in result) || result.data === undefined) return runOnGraphQLJs();
    return withGraphQLErrors(result);
  };
  return {
    gateway: {
      // Apollo takes the schema from this callback (validation, introspection) and executes through `executor`.
      onSchemaLoadOrUpdate(callback) {
        callback({ apiSchema: schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: async () => ({ executor }),
      stop: async () => undefined,
    },
    compiled: (queryHash, operationName) => documents.peek(keyOf(queryHash, operationName))?.compiled ?? undefined,
  };
}

/**
 * graphql-jit's code for one operation, or null where graphql-js must run it: an operation whose variables have
 * defaults (graphql-jit writes a default into its code as JSON, so a Date default would reach the resolver as a
 * string), or one graphql-jit cannot compile.
 */
function compile(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode | undefined): CompiledQuery | null {
  // No operation of the given name: graphql-js answers with its error.
  if (!operation) return null;
  if (operation.variableDefinitions?.some((definition) => definition.defaultValue !== undefined)) return null;
  const compiled = compileQuery(schema, document, operation.name?.value, { disablingCapturingStackErrors: true });
  return isCompiledQuery(compiled) ? compiled : null;
}

/**
 * graphql-jit's errors are read-only look-alikes of GraphQLError; the plugins rewrite messages (graphql-armor masks
 * suggestions), so each becomes graphql-js's own error, as graphql-js would have located it.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((jitError) => {
    const error = new GraphQLError(jitError.message, {
      path: jitError.path,
      originalError: jitError.originalError ?? undefined,
      extensions: jitError.extensions,
    });
    // The positions are already resolved to locations; graphql-js would take them from the field nodes.
    (error as { locations?: GraphQLError['locations'] }).locations = jitError.locations;
    return error;
  });
  return { ...result, errors };
}
