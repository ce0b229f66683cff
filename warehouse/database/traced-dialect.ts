import { context } from '@opentelemetry/api';
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { recordFailure, startRequestSpan } from '../tracing/request-spans.js';

/**
 * The statement's operation as a span names it: the SQL verb and, for a plain select, insert, update or delete, its
 * first table ("SELECT fact_figure"). Never the text's values or the parameters, which may hold personal data.
 */
export function statementOperation(compiled: CompiledQuery): string {
  const node = compiled.query as {
    kind: string;
    from?: { froms?: { kind: string; table?: { identifier?: { name?: string } } }[] };
    into?: { table?: { identifier?: { name?: string } } };
    table?: { table?: { identifier?: { name?: string } } };
  };
  const verbs: Record<string, string> = {
    SelectQueryNode: 'SELECT',
    InsertQueryNode: 'INSERT',
    UpdateQueryNode: 'UPDATE',
    DeleteQueryNode: 'DELETE',
  };
  const verb = verbs[node.kind] ?? firstWord(compiled.sql);
  const table = node.from?.froms?.[0]?.table?.identifier?.name ?? node.into?.table?.identifier?.name ?? node.table?.table?.identifier?.name;
  return table ? `${verb} ${table}` : verb;
}

/** The first word of a statement's text; the COPY loader passes a stream in its place (warehouse/cases/copy-session.ts). */
function firstWord(text: unknown): string {
  return typeof text === 'string' ? (text.trimStart().split(/\s/, 1)[0]?.toUpperCase() ?? 'SQL') : 'COPY';
}

const SPAN_ATTRIBUTES = { 'db.system.name': 'postgresql' } as const;

/** A connection whose statements each run in a span (its operation and duration). */
function tracedConnection(inner: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      const operation = statementOperation(compiled);
      const { span, context: active } = startRequestSpan(operation, { ...SPAN_ATTRIBUTES, 'db.operation.name': operation.split(' ', 1)[0] });
      try {
        return await context.with(active, () => inner.executeQuery<R>(compiled));
      } catch (error) {
        recordFailure(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
    async *streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
      const operation = statementOperation(compiled);
      const { span } = startRequestSpan(operation, { ...SPAN_ATTRIBUTES, 'db.operation.name': operation.split(' ', 1)[0] });
      try {
        yield* inner.streamQuery<R>(compiled, chunkSize);
      } catch (error) {
        recordFailure(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  };
}

/** A dialect whose driver hands out traced connections; everything else is the wrapped dialect's. */
export function tracedDialect(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver(): Driver {
      const driver = dialect.createDriver();
      const traced = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const unwrap = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const inner = (connection: DatabaseConnection) => unwrap.get(connection) ?? connection;
      return {
        init: () => driver.init(),
        async acquireConnection() {
          const connection = await driver.acquireConnection();
          let wrapped = traced.get(connection);
          if (!wrapped) {
            wrapped = tracedConnection(connection);
            traced.set(connection, wrapped);
            unwrap.set(wrapped, connection);
          }
          return wrapped;
        },
        beginTransaction: (connection, settings: TransactionSettings) => driver.beginTransaction(inner(connection), settings),
        commitTransaction: (connection) => driver.commitTransaction(inner(connection)),
        rollbackTransaction: (connection) => driver.rollbackTransaction(inner(connection)),
        savepoint: driver.savepoint && ((connection, name, compile) => driver.savepoint?.(inner(connection), name, compile) ?? Promise.resolve()),
        rollbackToSavepoint:
          driver.rollbackToSavepoint &&
          ((connection, name, compile) => driver.rollbackToSavepoint?.(inner(connection), name, compile) ?? Promise.resolve()),
        releaseSavepoint:
          driver.releaseSavepoint &&
          ((connection, name, compile) => driver.releaseSavepoint?.(inner(connection), name, compile) ?? Promise.resolve()),
        releaseConnection: (connection) => driver.releaseConnection(inner(connection)),
        destroy: () => driver.destroy(),
      };
    },
  };
}
