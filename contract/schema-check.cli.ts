/**
 * `npm run schema:check`: the schema contract (contract/schema-contract.ts) of the schemas the code builds against
 * the released ones in releases/, and every registered client document (clients/) against its app's role's schema.
 * Exits 1, naming each problem, when either does not hold. `--releases DIR` and `--clients DIR` check against other
 * folders than the repository's (the test of this command uses them).
 */
import { parseArgs } from 'node:util';
import { audienceOf, buildApiSchema, printApiSchema } from '../server/build-schema.js';
import { readChangelog } from './changelog.js';
import { checkClientDocuments } from './client-documents.js';
import { clientsDirectory, readClientRegistry } from './client-registry.js';
import { readReleasedSchemas, releasesDirectory } from './released-schemas.js';
import { checkSchemaContract } from './schema-contract.js';

const { values: folders } = parseArgs({ options: { releases: { type: 'string' }, clients: { type: 'string' } } });
const report = await checkSchemaContract({
  built: { full: await printApiSchema('full'), public: await printApiSchema('public') },
  releases: readReleasedSchemas(folders.releases ?? releasesDirectory()),
  changelog: readChangelog(),
});
console.log(`API version ${report.version ?? '?'}, compared with release ${report.baseline ?? '(none)'}`);
for (const change of report.changes) console.log(`  ${change.level.padEnd(9)} ${change.audience.padEnd(6)} ${change.message}`);
const schemas = { public: await buildApiSchema('public'), full: await buildApiSchema('full') };
const clients = readClientRegistry(folders.clients ?? clientsDirectory());
const problems = [...report.problems, ...checkClientDocuments(clients, (role) => schemas[audienceOf(role)])];
for (const problem of problems) console.error(`✗ ${problem}`);
if (problems.length > 0) process.exit(1);
const documents = clients.reduce((n, c) => n + c.documents.length, 0);
console.log(
  `✓ the schema contract holds (${report.changes.length} changes since ${report.baseline}); ${documents} documents of ${clients.length} clients validate`,
);
