import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type pg from 'pg';
import { connectWarehouse, type WarehouseConnection } from '../../warehouse/database/connect.js';
import { databaseUrl } from '../../warehouse/database/embedded-postgres.js';
import { withClient } from '../../warehouse/database/with-client.js';

/** The migrated and loaded database every test database is cloned from. */
export const TEMPLATE_DATABASE = 'warehouse_template';

export interface TestDatabase extends WarehouseConnection {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

const admin = <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => withClient(inject('pgServerUrl'), run);

/** A database of its own for one test file: a clone of the loaded template, or empty with `empty: true`. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(options.empty ? `create database ${name}` : `create database ${name} template ${TEMPLATE_DATABASE}`));
  const url = databaseUrl(inject('pgServerUrl'), name);
  const connection = connectWarehouse(url);
  return {
    ...connection,
    url,
    name,
    drop: async () => {
      await connection.close();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
