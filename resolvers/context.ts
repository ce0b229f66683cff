import type { Kysely } from 'kysely';
import { createFigureCellLoaders, type FigureCellLoaders } from '../loaders/figure-cell-loaders.js';
import { createCaseEventLoader, type CaseEventLoaders } from '../loaders/case-event-loader.js';
import { createCaseSourceLoader, type CaseSourceLoaders } from '../loaders/case-source-loader.js';
import { createMetricCellLoaders, type MetricCellLoaders } from '../loaders/metric-cell-loaders.js';
import { createMeasureYearLoader, type MeasureYearLoaders } from '../loaders/measure-year-loader.js';
import { createMetricPageLoader, type MetricPageLoaders } from '../loaders/metric-page-loader.js';
import type { GroupingLane } from '../warehouse/metrics/compute-metric.js';
import { createSourceTableLoaders, type SourceTableLoaders } from '../loaders/source-table-loaders.js';
import { QueryCounter } from '../warehouse/database/query-counter.js';
import { shareGenerationMemo } from '../warehouse/database/generation-memo.js';
import type { Database } from '../warehouse/database/tables.js';
import { isRole, type Role } from './roles.js';

/** What every resolver of one request sees: the database (counting its statements) and that request's loaders. */
export interface RequestContext {
  db: Kysely<Database>;
  loaders: FigureCellLoaders & SourceTableLoaders & MetricCellLoaders & CaseEventLoaders & CaseSourceLoaders & MeasureYearLoaders;
  /** Pages of `metric(…)`: aliased pages of one grouping share a statement. Apart from `loaders`, which a metric answer does not read. */
  metricPages: MetricPageLoaders['metricPages'];
  queries: QueryCounter;
  /** The caller's role, from its API key (or the anonymous role). */
  role: Role;
  /** Id of the HTTP request, for logs. */
  requestId: string;
}

/**
 * The context of one request of `role`: there is no default role, so nothing runs as admin by omission. With a lane,
 * the request's large metric groupings take turns in it (loaders/metric-page-loader.ts).
 */
export function createRequestContext(baseDb: Kysely<Database>, role: Role, requestId = 'internal', lane?: GroupingLane): RequestContext {
  if (!isRole(role)) throw new Error(`createRequestContext needs a role (public, analyst or admin), got ${String(role)}`);
  const queries = new QueryCounter();
  const db = baseDb.withPlugin(queries);
  // The request's handle looks up what changes only with a load through its process's memo.
  shareGenerationMemo(baseDb, db);
  return new LazyLoadersContext(db, queries, role, requestId, lane);
}

/**
 * A request context whose loaders are built when a resolver first reads one: many requests read none
 * ({ __typename }, a metric, a page of figures without their source table), and building them was 80 % of a
 * context's cost (18 → 3 µs of CPU per request). The getter is on the prototype because Apollo Server hands
 * resolvers a copy of the context (`Object.assign` onto an object of the same prototype), which would call an own
 * getter at once; the copy builds its loaders on first use.
 */
class LazyLoadersContext implements RequestContext {
  private built: RequestContext['loaders'] | undefined;
  private pages: RequestContext['metricPages'] | undefined;
  constructor(
    readonly db: Kysely<Database>,
    readonly queries: QueryCounter,
    readonly role: Role,
    readonly requestId: string,
    private readonly lane?: GroupingLane,
  ) {}

  get loaders(): RequestContext['loaders'] {
    // Object.assign, not a spread: object spreads are slow on Node 20.
    const built =
      this.built ??
      Object.assign(
        createFigureCellLoaders(this.db),
        createSourceTableLoaders(this.db),
        createMetricCellLoaders(this.db, this.role === 'public'),
        createCaseEventLoader(this.db),
        createCaseSourceLoader(this.db),
        createMeasureYearLoader(this.db),
      );
    this.built = built;
    return built;
  }

  get metricPages(): RequestContext['metricPages'] {
    this.pages ??= createMetricPageLoader(this.db, this.lane).metricPages;
    return this.pages;
  }
}
