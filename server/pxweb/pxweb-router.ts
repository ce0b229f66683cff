import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../../warehouse/database/tables.js';
import { MetricRequestError } from '../../warehouse/metrics/metric-errors.js';
import { createRequestContext, type RequestContext } from '../../resolvers/context.js';
import { resolveRole, type AccessConfig } from '../api-keys.js';
import { AdmissionAbandoned, AdmissionRefused, type AdmissionQueue } from '../admission-queue.js';
import { RETRY_AFTER_S } from '../admitted-answer.js';
import type { Logger } from '../observability/logger.js';
import type { ApiMetrics } from '../observability/metrics.js';
import { cacheKey, stableJson } from '../result-cache/cache-key.js';
import { sendCached } from '../result-cache/graphql-cache-middleware.js';
import type { ResultCache } from '../result-cache/result-cache.js';
import { apiConfig, MAX_DATA_CELLS } from './api-config.js';
import { corsMiddleware, type CorsPolicy } from './cors-policy.js';
import { cubeCsv } from './csv-output.js';
import { csvOptionsOf } from './csv-options.js';
import { selectCube, type CubeSelection } from './cube-selection.js';
import { computeCube } from './cube-values.js';
import { cubeXlsx, XLSX_TYPE } from './xlsx-output.js';
import { jsonStatDataset } from './json-stat-dataset.js';
import { PROBLEM_MEDIA_TYPE, PxProblem, quoted } from './pxweb-problem.js';
import { languageOf, parameter, parseDataRequest, type DataRequest, type QueryParameters } from './request-parameters.js';
import { listedTables, listingOf, resolveAnyTable } from './table-directory.js';
import { figureCube } from './figure-cube.js';
import { codelistResponse } from './codelist-response.js';
import { listTables, tableEntry } from './table-listing.js';
import { warehouseUpdated, type ResolvedTable } from './table-variables.js';

/** Where the face is mounted. */
export const PXWEB_BASE = '/api/v2';

export interface PxwebOptions {
  db: Kysely<Database>;
  access: AccessConfig;
  logger: Logger;
  metrics: ApiMetrics;
  cache?: ResultCache;
  cors: CorsPolicy;
  rateLimitPerMinute: number;
  bodyLimit: string;
  appVersion: string;
  /** The turns data requests take (server/admission-queue.ts); absent: no limit. */
  admission?: AdmissionQueue;
}

/** An answer before it is sent: what the result cache keeps. */
interface Answer {
  contentType: string;
  body: string | Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function sendProblem(res: Response, problem: PxProblem): void {
  res.status(problem.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(problem.body()));
}

/**
 * The PxWeb API v2 face (`/api/v2/…`) over the same catalogue, engine, roles, disclosure control, result cache, rate
 * limit and logs as GraphQL. Every refusal is application/problem+json with the reference server's title.
 */
export function pxwebRouter(options: PxwebOptions): Router {
  const { db, access, logger, metrics, cache } = options;
  const router = express.Router();
  router.use(corsMiddleware(options.cors));

  /** Runs one route: the caller's role, its language, the answer (from the cache when it can), one log line. */
  const route =
    (name: string, answer: (req: Request, context: RequestContext, base: string) => Promise<Answer>, keyed = true) =>
    async (req: Request, res: Response) => {
      const started = process.hrtime.bigint();
      const resolved = resolveRole(req, access);
      const requestId = req.header('x-request-id')?.slice(0, 64) ?? randomUUID();
      let context: RequestContext | null = null;
      let outcome = 'ok';
      try {
        if ('error' in resolved) {
          metrics.rejected.inc({ reason: 'FORBIDDEN' });
          throw new PxProblem('unauthorized', resolved.error === 'missing' ? 'An API key is required (x-api-key header)' : 'Unknown API key');
        }
        const base = `${req.protocol}://${req.get('host') ?? 'localhost'}${PXWEB_BASE}`;
        const key =
          cache && keyed
            ? cacheKey(
                'pxweb',
                resolved.role,
                name,
                req.path.toLowerCase(),
                stableJson(normalisedQuery(req.query)),
                stableJson(req.body ?? null),
                base,
              )
            : '';
        const found = key ? (cache?.lookup(key) ?? null) : null;
        if (found && 'hit' in found) return sendCached(res, found.hit);
        // A hit needs no database: the context (and its statement counter) is made for a computed answer only.
        context = createRequestContext(db, resolved.role, requestId);
        const result = await answer(req, context, base);
        const bytes = Buffer.from(result.body);
        if (cache && found && 'ticket' in found)
          cache.store(key, found.ticket, { status: 200, headers: [['content-type', result.contentType]], body: bytes });
        res.status(200).setHeader('content-type', result.contentType);
        res.send(bytes);
      } catch (error) {
        if (error instanceof AdmissionRefused) res.setHeader('retry-after', RETRY_AFTER_S);
        const problem =
          error instanceof AdmissionRefused || error instanceof AdmissionAbandoned
            ? new PxProblem('serviceUnavailable', error.message)
            : error instanceof PxProblem
              ? error
              : error instanceof MetricRequestError
                ? new PxProblem(typeof error.details.limit === 'number' ? 'tooManyCells' : 'badRequest', error.message)
                : unexpected(error);
        outcome = problem.title;
        if (problem.status >= 500) logger.error({ requestId, err: error instanceof Error ? error.message : String(error) }, 'pxweb request failed');
        sendProblem(res, problem);
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const operation = `pxweb:${name}`;
        metrics.requests.inc({ operation, outcome });
        metrics.duration.observe({ operation, outcome }, seconds);
        if (context) metrics.statements.observe(context.queries.count);
        logger.info(
          {
            requestId,
            operation,
            role: 'error' in resolved ? null : resolved.role,
            durationMs: Math.round(seconds * 1000),
            sqlStatements: context?.queries.count ?? 0,
            status: res.statusCode,
            outcome,
          },
          'pxweb request',
        );
      }
    };

  const json = (value: unknown): Answer => ({ contentType: JSON_TYPE, body: JSON.stringify(value) });
  const table = async (req: Request, context: RequestContext): Promise<ResolvedTable> => {
    const found = await resolveAnyTable(context.db, String(req.params.id));
    if (!found) throw new PxProblem('nonExistentTable', `no table ${quoted(String(req.params.id))}; GET ${PXWEB_BASE}/tables lists them`);
    return found;
  };

  router.get(
    '/config',
    route(
      'config',
      async (req) => {
        languageOf(req.query as QueryParameters);
        return json(apiConfig(options.rateLimitPerMinute, options.cors, options.appVersion));
      },
      false,
    ),
  );
  router.get(
    '/tables',
    route('tables', async (req, context, base) => {
      const query = req.query as QueryParameters;
      const { updated } = await warehouseUpdated(context.db);
      return json(listTables(query, languageOf(query), base, updated, await listedTables(context.db)));
    }),
  );
  router.get(
    '/tables/:id',
    route('table', async (req, context, base) => {
      const lang = languageOf(req.query as QueryParameters);
      const resolved = await table(req, context);
      const { updated } = await warehouseUpdated(context.db);
      const listed = resolved.source.kind === 'figures' ? ((await listedTables(context.db)).find((t) => t.id === resolved.table.id) ?? null) : null;
      return json({ language: lang, ...tableEntry(listingOf(resolved, listed), lang, base, updated) });
    }),
  );
  router.get(
    '/tables/:id/metadata',
    route('metadata', async (req, context, base) => {
      const query = req.query as QueryParameters;
      const lang = languageOf(query);
      const format = parameter(query, 'outputFormat');
      if (format !== undefined && format !== '' && format.toLowerCase() !== 'json-stat2') {
        throw new PxProblem('unsupportedOutputFormat', `metadata comes as json-stat2, not ${format.slice(0, 20)}`);
      }
      const resolved = await table(req, context);
      const { updated } = await warehouseUpdated(context.db);
      const dimensions = resolved.variables.map((variable) => ({ variable, codes: variable.values.map((v) => v.code) }));
      const heading = dimensions.filter((d) => d.variable.kind !== 'attribute').map((d) => d.variable.code);
      const stub = dimensions.filter((d) => d.variable.kind === 'attribute').map((d) => d.variable.code);
      return json(
        jsonStatDataset(
          { resolved, lang, updated, base },
          {
            dimensions: [...dimensions.filter((d) => stub.includes(d.variable.code)), ...dimensions.filter((d) => heading.includes(d.variable.code))],
            heading,
            stub,
          },
          null,
        ),
      );
    }),
  );
  router.get(
    '/tables/:id/defaultselection',
    route('defaultselection', async (req, context, base) => {
      const lang = languageOf(req.query as QueryParameters);
      const resolved = await table(req, context);
      const selection = selectCube(resolved, { lang, outputFormat: 'json-stat2', selection: new Map(), heading: null, stub: null }, MAX_DATA_CELLS);
      return json({
        language: lang,
        selection: resolved.variables.map((v) => ({
          variableCode: v.code,
          valueCodes: selection.dimensions.find((d) => d.variable === v)?.codes ?? [],
        })),
        placement: { heading: selection.heading, stub: selection.stub },
        links: [{ rel: 'self', hreflang: lang, href: `${base}/tables/${resolved.table.id}/defaultselection?lang=${lang}` }],
      });
    }),
  );
  // A data request over the metrics is one large grouping, CPU-bound in PostgreSQL: computed in its turn (after its
  // parameters are checked), so that a burst of them finishes one after another instead of all outlasting the
  // statement timeout together; one whose client left while it waited is not computed.
  const inTurn = <T>(req: Request, task: () => Promise<T>) => options.admission?.run(task, () => req.socket.destroyed) ?? task();
  const data = route('data', async (req, context, base) => {
    const request: DataRequest = parseDataRequest(req.query as QueryParameters, req.method === 'POST' ? req.body : undefined);
    // Every parameter is checked before anything is computed.
    const flat = request.outputFormat === 'json-stat2' ? null : csvOptionsOf(req.query as QueryParameters);
    const resolved = await table(req, context);
    const selection: CubeSelection = selectCube(resolved, request, MAX_DATA_CELLS);
    const values =
      resolved.source.kind === 'metrics'
        ? inTurn(req, () => computeCube(context.db, selection, context.role))
        : Promise.resolve(figureCube(resolved, resolved.source.figures, selection));
    const [cube, { updated }] = await Promise.all([values, warehouseUpdated(context.db)]);
    const title = resolved.table.label[request.lang];
    if (flat && request.outputFormat === 'xlsx') return { contentType: XLSX_TYPE, body: await cubeXlsx(selection, cube, request.lang, flat, title) };
    if (flat) return { contentType: 'text/csv; charset=utf-8', body: cubeCsv(selection, cube, request.lang, flat, title) };
    return json(jsonStatDataset({ resolved, lang: request.lang, updated, base }, selection, cube));
  });
  router.get('/tables/:id/data', data);
  router.post('/tables/:id/data', express.json({ limit: options.bodyLimit }), data);
  router.get(
    '/codelists/:id',
    route('codelist', async (req, _context, base) => json(codelistResponse(String(req.params.id), languageOf(req.query as QueryParameters), base))),
  );
  // Anything else under /api/v2 (and bodies that are not JSON) answers in the same problem shape.
  router.use((_req, res) => sendProblem(res, new PxProblem('nonExistentTable', 'no such resource under /api/v2')));
  router.use((error: Error & { type?: string }, _req: Request, res: Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') return sendProblem(res, new PxProblem('badRequest', `request body larger than ${options.bodyLimit}`));
    if (error.type === 'entity.parse.failed') return sendProblem(res, new PxProblem('badRequest', 'request body is not valid JSON'));
    return sendProblem(res, unexpected(error));
  });
  return router;
}

/** Parameter names lower-cased, so that spellings of one request share a cache entry. */
function normalisedQuery(query: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
}

/** A failure that is not the client's: the database is away (503) or something broke (500); no detail leaks. */
function unexpected(error: unknown): PxProblem {
  const code = (error as { code?: string } | null)?.code;
  if (code === '57014') return new PxProblem('serviceUnavailable', 'the computation took longer than the statement timeout');
  if (code === 'ECONNREFUSED' || code === '57P01' || code === '57P03')
    return new PxProblem('serviceUnavailable', 'the database is not answering; retry shortly');
  return new PxProblem('internal', 'Internal error.');
}
