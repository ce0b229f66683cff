import type { Kysely } from 'kysely';
import { createFigureCellLoaders, type FigureCellLoaders } from '../loaders/figure-cell-loaders.js';
import { createCaseEventLoader, type CaseEventLoaders } from '../loaders/case-event-loader.js';
import { createCaseSourceLoader, type CaseSourceLoaders } from '../loaders/case-source-loader.js';
import { createMetricCellLoaders, type MetricCellLoaders } from '../loaders/metric-cell-loaders.js';
import { createMeasureYearLoader, type MeasureYearLoaders } from '../loaders/measure-year-loader.js';
import { createSourceTableLoaders, type SourceTableLoaders } from '../loaders/source-table-loaders.js';
import { QueryCounter } from '../warehouse/database/query-counter.js';
import { shareGenerationMemo } from '../warehouse/database/generation-memo.js';
import type { Database } from '../warehouse/database/tables.js';
import { isRole, type Role } from './roles.js';

/** What every resolver of one request sees: the database (counting its statements) and that request's loaders. */
export interface RequestContext {
  db: Kysely<Database>;
  loaders: FigureCellLoaders & SourceTableLoaders & MetricCellLoaders & CaseEventLoaders & CaseSourceLoaders & MeasureYearLoaders;
  queries: QueryCounter;
  /** The caller's role, from its API key (or the anonymous role). */
  role: Role;
  /** Id of the HTTP request, for logs. */
  requestId: string;
}

/** The context of one request of `role`: there is no default role, so nothing runs as admin by omission. */
export function createRequestContext(baseDb: Kysely<Database>, role: Role, requestId = 'internal'): RequestContext {
  if (!isRole(role)) throw new Error(`createRequestContext needs a role (public, analyst or admin), got ${String(role)}`);
  const queries = new QueryCounter();
  const db = baseDb.withPlugin(queries);
  // The request's handle looks up what changes only with a load through its process's memo.
  shareGenerationMemo(baseDb, db);
  return {
    db,
    loaders: {
      ...createFigureCellLoaders(db),
      ...createSourceTableLoaders(db),
      ...createMetricCellLoaders(db, role === 'public'),
      ...createCaseEventLoader(db),
      ...createCaseSourceLoader(db),
      ...createMeasureYearLoader(db),
    },
    queries,
    role,
    requestId,
  };
}
