import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { codegenConfig } from '../codegen.js';
import { projectRoot } from '../warehouse/project-root.js';
import { useServerFixture } from './support/server-fixture.js';
import { startTestServer } from './support/test-server.js';

const run = promisify(execFile);
const root = projectRoot();
// Inside the project, so that the generated code resolves @graphql-typed-document-node/core from node_modules.
const output = path.join(root, 'generated', `test-${randomBytes(4).toString('hex')}`);
const fixture = useServerFixture();

/** How an internal app calls the API with a generated document: typed result, only the hash on the wire. */
const USAGE = `import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ApprovalRateBySegmentDocument } from './graphql';

export async function request<Result, Variables>(url: string, document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
  const sha256Hash = (document as unknown as { __meta__: { hash: string } }).__meta__.hash;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  const body = (await response.json()) as { data?: Result; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? 'no data');
  return body.data;
}

export async function firstRow(url: string): Promise<[number | null, string | null, number | undefined]> {
  const { metric } = await request(url, ApprovalRateBySegmentDocument, {});
  const row = metric.rows[0];
  if (!row) return [null, null, undefined];
  // @ts-expect-error region is not selected by the operation, so it is not in the type
  void row.region;
  return [row.value, row.caseSegment, row.published?.line];
}
`;

afterAll(() => rmSync(output, { recursive: true, force: true }));

describe('typed clients (npm run codegen)', () => {
  it('generates types for every documented operation, which type-check with a typed request helper', async () => {
    await generate(codegenConfig(`${output}/`), true);
    writeFileSync(path.join(output, 'usage.ts'), USAGE);
    const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
    // Files on the command line, not the project's tsconfig (TypeScript 7 asks for --ignoreConfig to say so).
    const args = [
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'esnext',
      '--moduleResolution',
      'bundler',
      '--lib',
      'es2022,dom',
      '--types',
      'node',
      '--skipLibCheck',
      path.join(output, 'index.ts'),
      path.join(output, 'usage.ts'),
    ];
    const result = await run(tsc, args, { cwd: root }).then(
      () => 'ok',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('ok');
    const generated = readFileSync(path.join(output, 'graphql.ts'), 'utf8');
    expect(generated).toContain('export type ApprovalRateBySegmentQuery');
    // The Date scalar (README's RecentAsylumDecisions takes one as a variable) is a string on the wire.
    expect(generated).toMatch(/RecentAsylumDecisionsQueryVariables = Exact<\{\s*receivedFrom\?: string \| null/);
  }, 120_000);

  it('emits a manifest the server takes as TRUSTED_DOCUMENTS, with the hashes the documents carry', async () => {
    const manifestFile = path.join(output, 'persisted-documents.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
    const embedded = [...readFileSync(path.join(output, 'graphql.ts'), 'utf8').matchAll(/"__meta__":\{"hash":"([0-9a-f]{64})"\}/g)].map((m) => m[1]);
    expect(embedded.sort()).toEqual(Object.keys(manifest).sort());
    const trusted = await startTestServer(fixture.database.db, { trustedDocuments: manifestFile });
    try {
      const [hash] = Object.entries(manifest).find(([, query]) => query.startsWith('query FeeCoverage2024 ')) ?? [];
      const response = await fetch(`${trusted.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      });
      const body = (await response.json()) as { data?: { metric: { rows: { feeActivity: string; value: number }[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.metric.rows.find((r) => r.feeActivity === 'citizenship')?.value).toBeCloseTo(82_636 / 274_463, 10);
      // A document outside the manifest is refused.
      const other = await trusted.graphql('query NotRegistered { metricCatalog { name } }');
      expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await trusted.close();
    }
  });
});
