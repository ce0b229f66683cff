import { sql, type Kysely } from 'kysely';
import express, { type Router } from 'express';
import type { Database } from '../warehouse/database/tables.js';

/** Liveness says the process serves; readiness says it can answer queries (the database replies within 2 s). */
export function healthRouter(db: Kysely<Database>): Router {
  const router = express.Router();
  const ready = async (_req: express.Request, res: express.Response) => {
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 2 s')), 2_000).unref()),
      ]);
      res.json({ status: 'ok', database: 'ok' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', database: error instanceof Error ? error.message : 'unreachable' });
    }
  };
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', ready);
  router.get('/health', ready);
  return router;
}
