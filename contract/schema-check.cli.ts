/**
 * `npm run schema:check`: the schema contract (contract/schema-contract.ts) of the schemas the code builds against
 * the released ones in releases/. Exits 1, naming each problem, when it does not hold.
 */
import { printApiSchema } from '../server/build-schema.js';
import { readChangelog } from './changelog.js';
import { readReleasedSchemas } from './released-schemas.js';
import { checkSchemaContract } from './schema-contract.js';

const report = await checkSchemaContract({
  built: { full: await printApiSchema('full'), public: await printApiSchema('public') },
  releases: readReleasedSchemas(),
  changelog: readChangelog(),
});
console.log(`API version ${report.version ?? '?'}, compared with release ${report.baseline ?? '(none)'}`);
for (const change of report.changes) console.log(`  ${change.level.padEnd(9)} ${change.audience.padEnd(6)} ${change.message}`);
for (const problem of report.problems) console.error(`✗ ${problem}`);
if (report.problems.length > 0) process.exit(1);
console.log(`✓ the schema contract holds (${report.changes.length} changes since ${report.baseline})`);
