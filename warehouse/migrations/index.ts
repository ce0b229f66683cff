import type { Migration, MigrationProvider } from 'kysely';
import * as starSchema from './0001-star-schema.js';
import * as caseFacts from './0002-case-facts.js';
import * as segmentLimits from './0003-segment-limits.js';
import * as recordKeys from './0004-record-keys.js';
import * as dimensionMembers from './0005-dimension-members.js';
import * as warehouseGeneration from './0006-warehouse-generation.js';
import * as ingest from './0007-ingest.js';
import * as yearRollups from './0008-year-rollups.js';

/**
 * The migrations in order. Listed statically (not read from the folder) so that they run the same from
 * TypeScript sources under vitest and from compiled JavaScript in production.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-star-schema': starSchema,
  '0002-case-facts': caseFacts,
  '0003-segment-limits': segmentLimits,
  '0004-record-keys': recordKeys,
  '0005-dimension-members': dimensionMembers,
  '0006-warehouse-generation': warehouseGeneration,
  '0007-ingest': ingest,
  '0008-year-rollups': yearRollups,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
