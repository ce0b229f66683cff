import { sql, type Kysely } from 'kysely';

/**
 * Processing-time limits that differ by segment within a case type (family ties: 270 days for first-time cases,
 * 180 for extensions), each with the line of the report that states it. The case type's own limit stays the default.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dim_segment_limit')
    .addColumn('case_type', 'text', (c) => c.notNull().references('dim_case_type.code'))
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('limit_days', 'integer', (c) => c.notNull().check(sql`limit_days > 0`))
    .addColumn('document', 'text', (c) => c.notNull().references('dim_document.document'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dim_segment_limit_pk', ['case_type', 'segment'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dim_segment_limit').ifExists().execute();
}
