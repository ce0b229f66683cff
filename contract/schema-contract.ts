import { ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema } from 'graphql';
import type { ChangelogSection } from './changelog.js';
import { isDeprecatedAt } from './deprecation-history.js';
import type { Audience, ReleasedSchemas } from './released-schemas.js';
import { compareVersions } from './semantic-version.js';

/** What the contract is checked on: the schemas the code builds, the released ones and the changelog. */
export interface ContractInput {
  built: Record<Audience, string>;
  releases: readonly ReleasedSchemas[];
  changelog: readonly ChangelogSection[];
}

/** One difference between the last released schema and the built one, as graphql-inspector classifies it. */
export interface SchemaChange {
  audience: Audience;
  level: 'breaking' | 'dangerous' | 'safe';
  path: string | undefined;
  message: string;
}

export interface ContractReport {
  /** The version the code serves (CHANGELOG.md's newest section). */
  version: string | undefined;
  /** The last released version it is compared with. */
  baseline: string | undefined;
  changes: SchemaChange[];
  /** Why the contract does not hold; empty when it does. */
  problems: string[];
}

const LEVEL = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
} as const;

const AUDIENCES: readonly Audience[] = ['full', 'public'];

/**
 * The schema contract: every breaking change since the last release (graphql-inspector's classification) must come
 * with a new major version in CHANGELOG.md whose section names the changed element (its path, e.g. `Query.metric`),
 * and that element must have carried `@deprecated(reason: …)` in at least one released version. Dangerous and safe
 * changes pass (they are listed).
 */
export async function checkSchemaContract(input: ContractInput): Promise<ContractReport> {
  const problems: string[] = [];
  const current = input.changelog[0]?.version;
  const baseline = input.releases.at(-1);
  if (!current) problems.push('CHANGELOG.md has no "## x.y.z" section: the newest one is the version the API serves');
  if (!baseline) problems.push('releases/ holds no released schema: run `npm run schema:release` for the first version');
  if (!current || !baseline) return { version: current?.text, baseline: baseline?.version.text, changes: [], problems };
  if (compareVersions(current, baseline.version) < 0) {
    problems.push(`CHANGELOG.md's newest version ${current.text} is older than the last release ${baseline.version.text}`);
  }
  // The sections written since the baseline: where a breaking change must be recorded.
  const newSections = input.changelog.filter((s) => compareVersions(s.version, baseline.version) > 0);
  const changes: SchemaChange[] = [];
  for (const audience of AUDIENCES) {
    const found = await diff(buildSchema(baseline.sdl[audience]), buildSchema(input.built[audience]));
    const removedTypes = new Set(found.filter((c) => c.type === ChangeType.TypeRemoved && c.path).map((c) => c.path as string));
    const released = input.releases.map((r) => buildSchema(r.sdl[audience]));
    for (const change of found) {
      const entry: SchemaChange = { audience, level: LEVEL[change.criticality.level], path: change.path, message: change.message };
      changes.push(entry);
      if (entry.level !== 'breaking') continue;
      const where = `${audience === 'full' ? 'schema.graphql' : 'schema.public.graphql'}: breaking change "${change.message}"`;
      if (current.major <= baseline.version.major) {
        problems.push(`${where} needs a new major version in CHANGELOG.md (it says ${current.text}; ${baseline.version.text} is released)`);
        continue;
      }
      const path = change.path;
      if (!path || !newSections.some((s) => s.version.major === current.major && s.body.includes(path))) {
        problems.push(`${where} is not recorded in CHANGELOG.md under ${current.text} (name \`${path ?? change.message}\` there)`);
      }
      if (!path || !released.some((schema: GraphQLSchema) => isDeprecatedAt(schema, path, removedTypes))) {
        problems.push(`${where}: \`${path ?? '?'}\` never carried @deprecated(reason: …) in a released version; deprecate it in a release first`);
      }
    }
  }
  return { version: current.text, baseline: baseline.version.text, changes, problems };
}
