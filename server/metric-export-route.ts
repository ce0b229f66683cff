import type { ApolloServer } from '@apollo/server';
import { stringify } from 'csv-stringify';
import express, { type Request, type Router } from 'express';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../resolvers/context.js';
import type { Role } from '../resolvers/roles.js';
import type { TrustedDocuments } from './trusted-documents.js';
import { AdmissionAbandoned, AdmissionRefused, type AdmissionQueue } from './admission-queue.js';
import { RETRY_AFTER_S } from './admitted-answer.js';
import type { MetricResult, MetricRow } from '../schema/metric-result.type.js';
import { findMetric } from '../warehouse/metrics/catalog.js';
import {
  ATTRIBUTE_DIMENSIONS,
  ATTRIBUTES,
  DIMENSIONS,
  timeGrain,
  type Dimension,
  type TimeDimension,
} from '../warehouse/dimensions/dimension-registry.js';
import { cacheKey, stableJson } from './result-cache/cache-key.js';
import { sendCached } from './result-cache/graphql-cache-middleware.js';
import type { ResultCache } from './result-cache/result-cache.js';
import { countColumnNames, intervalMethod, type MetricCounts } from '../warehouse/metrics/metric-counts.js';

const DIMENSION_FIELDS = ATTRIBUTE_DIMENSIONS.map((d) => ATTRIBUTES[d].key);

/**
 * The `metric` field as the export asks it: the same resolver, validation, limits and error codes as GraphQL. With
 * trusted documents on, the export runs only when this exact document is in the manifest.
 */
export const METRIC_EXPORT_DOCUMENT = `query MetricExport($name: MetricName!, $by: [Dimension!], $where: MetricWhere, $compareTo: Comparison, $orderBy: [MetricOrder!], $first: Int, $after: String) {
  metric(name: $name, by: $by, where: $where, compareTo: $compareTo, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    rows { value suppressed nullReason period year quarter month week ${DIMENSION_FIELDS.join(' ')}
      numerator denominator referenceNumerator referenceDenominator n lower upper significant
      previous change changeRatio published { value unit printed document line quote approximate } }
  }
}`;

type RowColumn = keyof Omit<MetricRow, 'published'>;
const TIME_COLUMNS: Record<TimeDimension, readonly RowColumn[]> = {
  YEAR: ['year'],
  QUARTER: ['year', 'quarter'],
  MONTH: ['year', 'quarter', 'month'],
  WEEK: ['year', 'week'],
};
/** Row fields of each count column of the catalogue, and of each interval method. */
const COUNT_FIELDS = {
  numerator: 'numerator',
  denominator: 'denominator',
  reference_numerator: 'referenceNumerator',
  reference_denominator: 'referenceDenominator',
  n: 'n',
} as const;
const INTERVAL_FIELDS = { wilson: ['lower', 'upper'], newcombe: ['lower', 'upper', 'significant'] } as const;

/** The counts and interval columns of a metric, only those it has, in the catalogue's fixed order. */
function uncertaintyColumns(counts: MetricCounts | undefined): RowColumn[] {
  const method = intervalMethod(counts);
  return [...countColumnNames(counts).map((c) => COUNT_FIELDS[c]), ...(method ? INTERVAL_FIELDS[method] : [])];
}

const PUBLISHED_COLUMNS = ['publishedValue', 'publishedUnit', 'publishedDocument', 'publishedLine', 'publishedQuote'] as const;

/**
 * The CSV columns of one export, in a stable order: the period and the dimensions grouped by (in the registry's
 * order), the value and why it may be null, the counts and interval where the metric has them, the comparison when
 * asked for, and the published twin.
 */
export function exportColumns(by: readonly Dimension[], compared: boolean, counts?: MetricCounts): { row: RowColumn[]; header: string[] } {
  const grain = timeGrain(by);
  const row: RowColumn[] = [
    ...(grain ? (['period', ...TIME_COLUMNS[grain]] as RowColumn[]) : []),
    ...ATTRIBUTE_DIMENSIONS.filter((d) => by.includes(d)).map((d) => ATTRIBUTES[d].key as RowColumn),
    'value',
    'suppressed',
    'nullReason',
    ...uncertaintyColumns(counts),
    ...(compared ? (['previous', 'change', 'changeRatio'] as RowColumn[]) : []),
  ];
  return { row, header: [...row, ...PUBLISHED_COLUMNS] };
}

const PAGE_SIZE = 1000;

function csvRow(row: MetricRow, columns: readonly RowColumn[]): (string | number | boolean | null)[] {
  const { published } = row;
  return [
    ...columns.map((c) => row[c] ?? null),
    published?.value ?? null,
    published?.unit ?? null,
    published?.document ?? null,
    published?.line ?? null,
    published?.quote ?? null,
  ];
}

function parseList(text: unknown): string[] | undefined {
  return typeof text === 'string' && text.trim() !== '' ? text.split(',').map((s) => s.trim()) : undefined;
}

/**
 * `GET /export/metric.csv?name=approval_rate&by=YEAR,SEX&where={"caseType":["ASYLUM"]}&compareTo=PREVIOUS_PERIOD`:
 * every row of the metric as CSV, streamed page by page, up to `rowCap` rows (X-Total-Count tells how many exist).
 * With a result cache, a complete export is kept whole (when it fits) and a repeated one is sent from it. Each page
 * is computed in its turn in GraphQL's queue, and the turn ends with the page: a slow reader holds no slot while its
 * rows go out. A first page refused for a full queue answers 503 with Retry-After, as GraphQL does.
 */
export function metricExportRouter(
  apolloFor: (role: Role) => ApolloServer<RequestContext>,
  contextFor: (req: Request) => Promise<RequestContext>,
  rowCap: number,
  trusted?: TrustedDocuments,
  cache?: ResultCache,
  /** GraphQL's queue: each page is a GraphQL operation. */
  admission?: AdmissionQueue,
): Router {
  const router = express.Router();
  router.get('/export/metric.csv', async (req, res) => {
    const fail = (status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });
    if (trusted && !trusted.trusts(METRIC_EXPORT_DOCUMENT)) {
      return fail(403, 'FORBIDDEN', 'This server only runs trusted (registered) documents; the CSV export document is not registered');
    }
    let where: unknown;
    let orderBy: unknown;
    try {
      where = typeof req.query.where === 'string' ? JSON.parse(req.query.where) : undefined;
      orderBy = typeof req.query.orderBy === 'string' ? JSON.parse(req.query.orderBy) : undefined;
    } catch {
      return fail(400, 'BAD_USER_INPUT', 'where and orderBy must be JSON, e.g. where={"caseType":["ASYLUM"]}');
    }
    // The metric may be named as in the catalogue (approval_rate) or as its enum value (APPROVAL_RATE).
    const name = typeof req.query.name === 'string' ? req.query.name.toUpperCase() : req.query.name;
    const by = parseList(req.query.by);
    const variables = {
      name,
      by,
      where,
      orderBy,
      compareTo: typeof req.query.compareTo === 'string' ? req.query.compareTo : undefined,
      first: PAGE_SIZE,
      after: undefined as string | undefined,
    };
    let context: RequestContext;
    try {
      context = await contextFor(req);
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : 'INTERNAL';
      return fail(code === 'FORBIDDEN' ? 401 : 500, code, error instanceof Error ? error.message : 'Internal error.');
    }
    const key = cache ? cacheKey('metric.csv', context.role, stableJson({ ...variables, after: undefined }), String(rowCap)) : '';
    const found = cache?.lookup(key) ?? null;
    if (found && 'hit' in found) return sendCached(res, found.hit);
    const compute = async () => {
      // The caller's own schema, as for /graphql.
      const response = await apolloFor(context.role).executeOperation<{ metric: MetricResult }>(
        { query: METRIC_EXPORT_DOCUMENT, variables },
        { contextValue: context },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult;
    };
    const page = () => admission?.run(compute, () => req.socket.destroyed) ?? compute();
    let result;
    try {
      result = await page();
    } catch (error) {
      if (error instanceof AdmissionAbandoned) return res.destroy();
      if (!(error instanceof AdmissionRefused)) throw error;
      res.setHeader('retry-after', RETRY_AFTER_S);
      return fail(503, 'SERVICE_UNAVAILABLE', error.message);
    }
    if (result.errors?.length || !result.data) {
      const code = String(result.errors?.[0]?.extensions?.code ?? 'INTERNAL');
      return res.status(code === 'INTERNAL' ? 500 : code === 'SERVICE_UNAVAILABLE' ? 503 : 400).json({ errors: result.errors });
    }
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${String(req.query.name).replace(/[^a-z0-9_]/gi, '')}.csv"`);
    res.setHeader('x-total-count', String(result.data.metric.totalCount));
    res.setHeader('x-row-cap', String(rowCap));
    const columns = exportColumns(
      (by ?? []).filter((d): d is Dimension => (DIMENSIONS as readonly string[]).includes(d)),
      variables.compareTo !== undefined,
      findMetric(String(req.query.name).toLowerCase())?.counts,
    );
    const csv = stringify({ header: true, columns: columns.header, cast: { boolean: (b) => (b ? 'true' : 'false') } });
    csv.pipe(res);
    // What went out, kept for the cache until it would not fit an entry anyway.
    let kept: Buffer[] | null = found && 'ticket' in found ? [] : null;
    let keptBytes = 0;
    if (kept) {
      csv.on('data', (chunk: Buffer | string) => {
        if (!kept) return;
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        keptBytes += bytes.length;
        if (cache && keptBytes > cache.maxBytes / 8) kept = null;
        else kept.push(bytes);
      });
    }
    let written = 0;
    try {
      for (;;) {
        const metric: MetricResult = result.data!.metric;
        for (const row of metric.rows) {
          if (written >= rowCap) break;
          // Backpressure: wait for the socket when the CSV stream's buffer is full.
          if (!csv.write(csvRow(row, columns.row))) await new Promise((resolve) => csv.once('drain', resolve));
          written += 1;
        }
        if (written >= rowCap || !metric.pageInfo.hasNextPage) break;
        variables.after = metric.pageInfo.endCursor ?? undefined;
        result = await page();
        if (result.errors?.length || !result.data) throw new Error(String(result.errors?.[0]?.message ?? 'export page failed'));
      }
      csv.end();
      if (cache && found && 'ticket' in found) {
        await new Promise((resolve) => csv.once('end', resolve));
        if (kept) {
          const headers = ['content-type', 'content-disposition', 'x-total-count', 'x-row-cap'].map((name): [string, string] => [
            name,
            String(res.getHeader(name)),
          ]);
          cache.store(key, found.ticket, { status: 200, headers, body: Buffer.concat(kept) });
        }
      }
    } catch (error) {
      // Headers are gone: end the stream broken, so the client sees a truncated download rather than a short file.
      csv.destroy(error instanceof Error ? error : new Error(String(error)));
      res.destroy();
    }
  });
  return router;
}
