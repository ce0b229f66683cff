import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnEntryPoint } from './support/spawned-process.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHECK = 'contract/schema-check.cli.ts';

/** Runs `npm run schema:check` (its script, with folder arguments) and returns its exit code and output. */
async function schemaCheck(args: string[] = []) {
  const run = spawnEntryPoint(CHECK, args, {});
  const code = await run.exited;
  return { code, out: run.stdout(), err: run.stderr() };
}

/** A releases folder whose 1.0.0 is the repository's, its full SDL edited. */
async function releasesWith(edit: (sdl: string) => string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'releases-'));
  await cp(path.join(ROOT, 'releases', '1.0.0'), path.join(folder, '1.0.0'), { recursive: true });
  const file = path.join(folder, '1.0.0', 'schema.graphql');
  await writeFile(file, edit(await readFile(file, 'utf8')));
  return folder;
}

describe('npm run schema:check', () => {
  it('passes the repository as it is', async () => {
    const { code, out, err } = await schemaCheck();
    expect(err).toBe('');
    expect(out).toMatch(/✓ the schema contract holds/);
    expect(code).toBe(0);
  }, 120_000);

  it('fails a breaking change (a released field that is gone) and passes an additive one', async () => {
    // Released with a field the code no longer has: to the check, the code removed it.
    const removed = await schemaCheck(['--releases', await releasesWith((sdl) => sdl.replace('type Query {', 'type Query {\n  retired: Int'))]);
    expect(removed.code).toBe(1);
    expect(removed.err).toMatch(/breaking change "Field 'retired' was removed from object type 'Query'" needs a new major version/);
    // Released without a field the code has: the code added it.
    const added = await schemaCheck([
      '--releases',
      await releasesWith((sdl) => sdl.replace(/^ {2}"""\n {2}Version of this API[^]*?apiVersion: String!\n/m, '')),
    ]);
    expect(added.out).toMatch(/safe +full +Field 'apiVersion' was added to object type 'Query'/);
    expect(added.code).toBe(0);
  }, 120_000);

  it('fails, naming the client and the operation, when a registered document uses a field the schema lacks', async () => {
    const clients = await mkdtemp(path.join(os.tmpdir(), 'clients-'));
    await mkdir(path.join(clients, 'ghost-app'));
    await writeFile(path.join(clients, 'ghost-app', 'old-report.graphql'), 'query OldReport { retired }\n');
    const { code, err } = await schemaCheck(['--clients', clients]);
    expect(code).toBe(1);
    expect(err).toMatch(/client "ghost-app" \(public\), operation OldReport \(.*old-report\.graphql\): Cannot query field "retired" on type "Query"/);
  }, 120_000);
});
