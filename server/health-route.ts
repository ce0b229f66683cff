import { sql, type Kysely } from 'kysely';
import express, { type Router } from 'express';
import { apiVersion } from '../contract/api-version.js';
import type { ClusterSupervisor } from '../warehouse/database/cluster-supervisor.js';
import type { Database } from '../warehouse/database/tables.js';

/**
 * Liveness says the process serves (and, with an embedded cluster, that its supervisor has not given up);
 * readiness says it can answer queries (the database replies within 2 s). Each body carries the API's version.
 */
export function healthRouter(db: Kysely<Database>, supervisor?: ClusterSupervisor): Router {
  const router = express.Router();
  const version = apiVersion();
  const ready = async (_req: express.Request, res: express.Response) => {
    const embedded = supervisor?.status();
    if (embedded && embedded !== 'up') {
      res.status(503).json({
        status: 'unavailable',
        database: `embedded PostgreSQL ${embedded === 'restarting' ? 'restarting' : 'could not be restarted'}`,
        version,
      });
      return;
    }
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 2 s')), 2_000).unref()),
      ]);
      res.json({ status: 'ok', database: 'ok', version });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', database: error instanceof Error ? error.message : 'unreachable', version });
    }
  };
  router.get('/health/live', (_req, res) => {
    if (supervisor?.status() === 'failed')
      res.status(503).json({ status: 'failed', database: 'embedded PostgreSQL could not be restarted', version });
    else res.json({ status: 'ok', version });
  });
  router.get('/health/ready', ready);
  router.get('/health', ready);
  return router;
}
