import { parse, print, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseChangelog, readChangelog } from '../contract/changelog.js';
import { readReleasedSchemas, type ReleasedSchemas } from '../contract/released-schemas.js';
import { checkSchemaContract } from '../contract/schema-contract.js';
import { parseVersion, type SemanticVersion } from '../contract/semantic-version.js';
import { printApiSchema } from '../server/build-schema.js';

const version = (text: string) => parseVersion(text) as SemanticVersion;
/** A released version whose two audiences share one SDL. */
const release = (text: string, sdl: string): ReleasedSchemas => ({ version: version(text), sdl: { full: sdl, public: sdl } });
const same = (sdl: string) => ({ full: sdl, public: sdl });

/** The SDL without one field of one type, as a careless change would leave it. */
function withoutField(sdl: string, typeName: string, fieldName: string): string {
  let inType = false;
  const edited = visit(parse(sdl), {
    ObjectTypeDefinition: {
      enter: (node) => {
        inType = node.name.value === typeName;
      },
      leave: () => {
        inType = false;
      },
    },
    FieldDefinition: (node) => (inType && node.name.value === fieldName ? null : undefined),
  });
  return print(edited);
}

const RELEASED = `
type Query {
  current: Int
  old: Int @deprecated(reason: "Use current.")
  legacy: Legacy @deprecated(reason: "Gone in 2.0.0.")
  status: Status
}
type Legacy { value: Int }
enum Status { OPEN CLOSED @deprecated(reason: "Never set.") }
`;

describe('the schema contract (npm run schema:check)', () => {
  it('holds for the schemas the code builds against the released ones and CHANGELOG.md', async () => {
    const report = await checkSchemaContract({
      built: { full: await printApiSchema('full'), public: await printApiSchema('public') },
      releases: readReleasedSchemas(),
      changelog: readChangelog(),
    });
    expect(report.problems).toEqual([]);
    expect(report.version).toBe(readChangelog()[0]?.version.text);
  });

  it('fails a deliberate breaking change to the real schema: a field removed without a major version', async () => {
    const built = { full: withoutField(await printApiSchema('full'), 'Query', 'metricCatalog'), public: await printApiSchema('public') };
    const report = await checkSchemaContract({ built, releases: readReleasedSchemas(), changelog: readChangelog() });
    expect(report.problems.join('\n')).toMatch(/schema\.graphql: breaking change "Field 'metricCatalog' .*was removed.*" needs a new major version/);
  });

  it('passes an additive change, listing it as safe', async () => {
    const built = same(RELEASED.replace('status: Status', 'status: Status\n  added: String'));
    const report = await checkSchemaContract({ built, releases: [release('1.0.0', RELEASED)], changelog: parseChangelog('## 1.1.0\n\n## 1.0.0\n') });
    expect(report.problems).toEqual([]);
    expect(report.changes).toContainEqual(expect.objectContaining({ level: 'safe', path: 'Query.added' }));
  });

  it('requires a new major version for a breaking change', async () => {
    const report = await checkSchemaContract({
      built: same(RELEASED.replace('old: Int @deprecated(reason: "Use current.")', '')),
      releases: [release('1.0.0', RELEASED)],
      changelog: parseChangelog('## 1.1.0\n\nRemoved `Query.old`.\n\n## 1.0.0\n'),
    });
    expect(report.problems).toHaveLength(2); // once per audience
    expect(report.problems[0]).toMatch(/needs a new major version in CHANGELOG\.md \(it says 1\.1\.0; 1\.0\.0 is released\)/);
  });

  it('requires the major version to record the change, and the element to have been deprecated in a release', async () => {
    const removeCurrent = same(RELEASED.replace('current: Int', ''));
    const unrecorded = await checkSchemaContract({
      built: removeCurrent,
      releases: [release('1.0.0', RELEASED)],
      changelog: parseChangelog('## 2.0.0\n\nSomething else.\n\n## 1.0.0\n'),
    });
    expect(unrecorded.problems.join('\n')).toMatch(/is not recorded in CHANGELOG\.md under 2\.0\.0 \(name `Query\.current` there\)/);
    expect(unrecorded.problems.join('\n')).toMatch(/`Query\.current` never carried @deprecated/);
    const recorded = await checkSchemaContract({
      built: removeCurrent,
      releases: [release('1.0.0', RELEASED)],
      changelog: parseChangelog('## 2.0.0\n\nRemoved `Query.current`.\n\n## 1.0.0\n'),
    });
    expect(recorded.problems.join('\n')).not.toMatch(/not recorded/);
    expect(recorded.problems.join('\n')).toMatch(/`Query\.current` never carried @deprecated/);
  });

  it('passes removals that were deprecated in a release and recorded under the new major version', async () => {
    const built = same(`
type Query {
  current: Int
  status: Status
}
enum Status { OPEN }
`);
    const report = await checkSchemaContract({
      built,
      // Deprecated in 1.1.0, not in 1.0.0: one release that carried it is enough.
      releases: [release('1.0.0', RELEASED.replace(/@deprecated\([^)]*\)/g, '')), release('1.1.0', RELEASED)],
      changelog: parseChangelog('## 2.0.0\n\nRemoved `Query.old`, `Query.legacy` (and type `Legacy`), `Status.CLOSED`.\n\n## 1.1.0\n\n## 1.0.0\n'),
    });
    expect(report.problems).toEqual([]);
    expect(report.changes.filter((c) => c.level === 'breaking').map((c) => c.path)).toEqual(
      expect.arrayContaining(['Query.old', 'Query.legacy', 'Legacy', 'Status.CLOSED']),
    );
  });
});
