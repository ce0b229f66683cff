import type { Kysely } from 'kysely';
import { readConfig } from '../../config/settings.js';
import { prepareWarehouse } from '../prepare-warehouse.js';
import { connectWarehouse } from './connect.js';
import { resolveDatabase } from './database-target.js';
import type { Database } from './tables.js';

/**
 * The session of a command that loads into the warehouse (`npm run load`, `ingest`, `deliveries`): DATABASE_URL, or
 * the embedded cluster of the default data directory (the running server's, else one booted here), migrated with the
 * reference tables, figures and code maps of this checkout; stopped again at the end, whatever happens.
 */
export async function withLoadSession<T>(
  applicationName: string,
  log: (line: string) => void,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const target = await resolveDatabase(readConfig(process.env).databaseUrl, log, { role: 'load' });
  try {
    const warehouse = connectWarehouse(target.url, { applicationName });
    try {
      await prepareWarehouse(warehouse.db, { caseScale: 0 });
      return await work(warehouse.db);
    } finally {
      await warehouse.close();
    }
  } finally {
    await target.stop();
  }
}

/** Runs a command's main and exits with its status; a failure is one line (no stack) and status 1. */
export function runCommand(main: () => Promise<number>, onFailure: (message: string) => void): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      onFailure(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
