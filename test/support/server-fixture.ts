import { afterAll, beforeAll } from 'vitest';
import type { AppOptions } from '../../server/create-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface ServerFixture {
  database: TestDatabase;
  server: TestServer;
}

/** A test file's own database (a clone of the loaded template) and the real HTTP server over it, for all its tests. */
export function useServerFixture(options: Partial<Omit<AppOptions, 'db'>> = {}): ServerFixture {
  const fixture = {} as ServerFixture;
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    fixture.server = await startTestServer(fixture.database.db, options);
  });
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.database?.drop();
  });
  return fixture;
}
