import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWarehouse } from '../warehouse/database/connect.js';
import { derivedPassword, passwordOf } from '../warehouse/database/derived-password.js';
import { ensureReadOnlyLogin, loginUrl } from '../warehouse/database/read-only-login.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;
// Roles are shared by the whole test cluster: a role of this file's own, so that no other file's login is re-keyed.
const role = `reader_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await sql.raw(`drop role if exists ${role}`).execute(database.db);
  await database.drop();
});

/** Whether a new connection as the role with this password is let in. */
async function canLogIn(password: string): Promise<boolean> {
  const login = connectWarehouse(loginUrl(database.url, role, password), { maxConnections: 1 });
  try {
    await sql`select 1`.execute(login.db);
    return true;
  } catch {
    return false;
  } finally {
    await login.close();
  }
}

/** What one instance's start does: set up the login with the password derived from the shared secret. */
const startInstance = (secret: string) => ensureReadOnlyLogin(database.db, role, { password: derivedPassword(secret, role) });

describe('the read-only login across instances', () => {
  it('keeps the password of instances started earlier when each derives it from the shared secret', async () => {
    const first = await startInstance('shared secret');
    const second = await startInstance('shared secret');
    expect(second).toBe(first);
    expect(await canLogIn(first)).toBe(true);
  });

  it('survives instances starting at the same time', async () => {
    const passwords = await Promise.all([startInstance('shared secret'), startInstance('shared secret'), startInstance('shared secret')]);
    expect(new Set(passwords).size).toBe(1);
    expect(await canLogIn(passwords[0] ?? '')).toBe(true);
  });

  it('derives different passwords from different secrets and roles', () => {
    expect(derivedPassword('a', 'warehouse_reader')).not.toBe(derivedPassword('b', 'warehouse_reader'));
    expect(derivedPassword('a', 'warehouse_reader')).not.toBe(derivedPassword('a', 'bi_reader'));
  });

  it("takes the owner connection's password as the default secret", () => {
    expect(passwordOf('postgres://owner:s%40cret@db:5432/warehouse')).toBe('s@cret');
    expect(passwordOf('postgres://owner@db:5432/warehouse')).toBeUndefined();
  });

  it('a random password (no secret) locks out connections made with the previous one, as before', async () => {
    const before = await startInstance('shared secret');
    await ensureReadOnlyLogin(database.db, role);
    expect(await canLogIn(before)).toBe(false);
  });
});
