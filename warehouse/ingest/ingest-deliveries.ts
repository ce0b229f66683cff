import { sql, type Kysely } from 'kysely';
import { openCopySession, type CaseLoadTarget, type CopySession } from '../cases/copy-session.js';
import { AGENCIES } from './agencies.js';
import { applyDelivery } from './apply-delivery.js';
import { contentChecksum } from './content-checksum.js';
import { DeliveryRefusal } from './delivery-refusal.js';
import { newReport, readRejects, refusalOf, type DeliveryReport } from './delivery-report.js';
import { copyResource } from './copy-resource.js';
import { readManifest, type DeliveryManifest } from './manifest.js';
import { publishCases, type PublishResult } from './publish-cases.js';
import { addAffected, createAffectedSet, publishChanges } from './publish-changes.js';
import { touchedCasesQuery } from './unified-cases-sql.js';
import { REJECT_KINDS } from './reject-kinds.js';
import { ensureStateTable, stateTable } from './state-tables.js';
import { currentSchema, schemaReferences } from './table-schema.js';
import { verifyFiles } from './verify-files.js';
import { canPrebuild, publishPrebuilt, startStagingBuild } from './prebuilt-staging.js';
import { rejectsStatement, duplicateKeysStatement, validatedStatement, type ResourceContext } from './validation-sql.js';
import { dropWorkTables, quoteIdent, workTable } from './work-tables.js';

/** `validate` types, checks and maps the rows in one statement (validation-sql.ts), and records the rejects. */
export const INGEST_PHASES = ['verify', 'copy', 'validate', 'publish'] as const;
export type IngestPhase = (typeof INGEST_PHASES)[number];

export interface PhaseEvent {
  /** `<agency>-<extract id>`, or `all` for the publish of every accepted delivery. */
  delivery: string;
  phase: IngestPhase;
  seconds: number;
  rows?: number;
}

export interface IngestOptions {
  /** Accept a full delivery whatever its swing in row count (the simulator reloading at another scale). */
  allowSwing?: boolean;
  onPhase?: (event: PhaseEvent) => void;
  /** Testing: fail after validating, before publishing, as a crash mid-load would. */
  failBeforePublish?: boolean;
}

export interface DeliveryOutcome {
  directory: string;
  deliveryId: number | null;
  report: DeliveryReport | null;
  /** For a delivery refused before its manifest could be read. */
  error: DeliveryRefusal | null;
}

export interface IngestSummary {
  deliveries: DeliveryOutcome[];
  published: PublishResult | null;
  generation: number | null;
  seconds: number;
  phaseSeconds: Record<IngestPhase, number>;
  checksum: string | null;
}

interface Accepted {
  deliveryId: number;
  manifest: DeliveryManifest;
  report: DeliveryReport;
}

/**
 * Loads agencies' deliveries in order (docs/ingest.md). Each is verified, copied into scratch tables, validated,
 * mapped and either refused whole (its report kept, nothing else changed) or accepted; then every accepted one is
 * applied to its agency's state and the unified case facts are rebuilt and swapped in, with the generation bump, in
 * one transaction. Until it commits the served warehouse is untouched: a refusal, an error or a kill leaves it as
 * it was. Files are streamed into COPY and validated set-based in SQL, never parsed row by row here.
 */
export async function ingestDeliveries(target: CaseLoadTarget, directories: readonly string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  const session = openCopySession(target);
  const db = session.db as unknown as Kysely<unknown>;
  const phaseSeconds = Object.fromEntries(INGEST_PHASES.map((p) => [p, 0])) as Record<IngestPhase, number>;
  const timed = async <T>(delivery: string, phase: IngestPhase, work: () => Promise<T>, rows?: (result: T) => number): Promise<T> => {
    const at = Date.now();
    const result = await work();
    const seconds = (Date.now() - at) / 1000;
    phaseSeconds[phase] += seconds;
    options.onPhase?.({ delivery, phase, seconds, rows: rows?.(result) });
    return result;
  };
  const outcomes: DeliveryOutcome[] = [];
  const accepted: Accepted[] = [];
  // One load at a time: a second waits here (its scratch tables and extract order depend on the first's outcome).
  const release = await holdLoadLock(db);
  try {
    await dropWorkTables(db);
    // A load that was killed left its deliveries 'validating'.
    await sql`update ingest.delivery set status = 'interrupted', finished_at = now(), message = 'the load was interrupted before it published'
      where status = 'validating'`.execute(db);
    for (const agency of Object.values(AGENCIES)) {
      for (const resource of agency.resources) {
        await ensureStateTable(db, agency.code, resource, currentSchema(agency.code, resource));
      }
    }
    for (const directory of directories) {
      let manifest: DeliveryManifest;
      try {
        manifest = await readManifest(directory);
      } catch (error) {
        if (!(error instanceof DeliveryRefusal)) throw error;
        outcomes.push({ directory, deliveryId: null, report: null, error });
        continue;
      }
      const outcome = await validateDelivery(session, manifest, accepted, options, timed);
      outcomes.push({ directory, ...outcome, error: null });
      if (outcome.report.status === 'validating' && outcome.deliveryId !== null)
        accepted.push({ deliveryId: outcome.deliveryId, manifest, report: outcome.report });
    }
    if (options.failBeforePublish) throw new Error('injected failure before publishing');
    let published: PublishResult | null = null;
    let generation: number | null = null;
    let checksum: string | null = null;
    if (accepted.length > 0) {
      checksum = await loadChecksum(db, accepted);
      const generators = accepted.map((a) => a.manifest.generator);
      const generator = generators.every((g) => g && g.scale === generators[0]?.scale && g.seed === generators[0]?.seed) ? generators[0] : null;
      const info = { checksum, scale: generator?.scale ?? null, seed: generator?.seed ?? null };
      // A run of full deliveries has its new facts built beside the transaction (prebuilt-staging.ts).
      const build = canPrebuild(accepted) ? startStagingBuild(db, accepted, info) : null;
      published = await timed('all', 'publish', () =>
        db.transaction().execute(async (trx) => {
          // Deltas onto a published warehouse change only the cases they touch; anything else is rebuilt whole.
          const incremental = accepted.every((a) => a.manifest.kind === 'delta') && (await hasPublishedCases(trx));
          if (incremental) await createAffectedSet(trx);
          for (const a of accepted) {
            if (incremental) await collectTouchedCases(trx, a);
            a.report.rowsApplied = await applyDelivery(trx, a.deliveryId, a.manifest);
            if (incremental) await collectTouchedCases(trx, a);
            a.report.rowsHeld = await heldRows(trx, a.deliveryId, a.manifest);
          }
          const result = build ? await publishPrebuilt(trx, build) : incremental ? await publishChanges(trx, info) : await publishCases(trx, info);
          const { rows } = await sql<{ generation: number }>`select generation from warehouse_generation`.execute(trx);
          generation = rows[0]?.generation ?? null;
          for (const a of accepted) {
            a.report.status = 'published';
            a.report.message = `published in generation ${generation}`;
            await recordReport(trx, a.deliveryId, a.report, generation);
          }
          return result;
        }),
      ).finally(async () => {
        // A transaction that failed before the build ended: its scratch tables and the load lock wait for it.
        if (build) await Promise.allSettled([build.built]);
      });
    }
    return { deliveries: outcomes, published, generation, seconds: (Date.now() - started) / 1000, phaseSeconds, checksum };
  } catch (error) {
    // Nothing of them was applied; say so now rather than at the next load.
    const message = `the load failed before it published: ${error instanceof Error ? error.message : String(error)}`;
    for (const a of accepted) {
      await sql`update ingest.delivery set status = 'interrupted', finished_at = now(), message = ${message}
        where delivery_id = ${a.deliveryId} and status = 'validating'`
        .execute(db)
        .catch(() => undefined);
    }
    throw error;
  } finally {
    await dropWorkTables(db).catch(() => undefined);
    await release();
    await session.close();
  }
}

/**
 * Connections a load uses at once: the load lock's, the publishing transaction's and, for a run of full deliveries,
 * the one its new facts are built on (prebuilt-staging.ts). A pool given to a load needs at least this many.
 */
export const LOAD_CONNECTIONS = 3;

/** The advisory lock key of loads into this warehouse ("ingest" in ASCII). */
const LOAD_LOCK = 0x696e67657374;

/**
 * Takes the load lock on a connection of its own, held until the returned release is called. PostgreSQL drops it
 * with the session, so a killed load never leaves it behind.
 */
async function holdLoadLock(db: Kysely<unknown>): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const acquired = new Promise<void>((resolve) => (locked = resolve));
  const held = db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${LOAD_LOCK})`.execute(connection);
    locked();
    await released;
    await sql`select pg_advisory_unlock(${LOAD_LOCK})`.execute(connection);
  });
  await Promise.race([acquired, held]);
  return async () => {
    release();
    await held;
  };
}

type Timer = <T>(delivery: string, phase: IngestPhase, work: () => Promise<T>, rows?: (result: T) => number) => Promise<T>;

/** Every layer short of publishing; the report says `validating` when the delivery passed, else why not. */
async function validateDelivery(
  session: CopySession,
  manifest: DeliveryManifest,
  batch: readonly Accepted[],
  options: IngestOptions,
  timed: Timer,
): Promise<{ deliveryId: number | null; report: DeliveryReport }> {
  const db = session.db as unknown as Kysely<unknown>;
  const label = `${manifest.agency}-${manifest.extractId}`;
  const report = newReport(manifest);
  // The package layer's order check: against what was published, and what this batch already accepted.
  const { rows: earlier } = await sql<{ extract_id: number; manifest_hash: string }>`
    select extract_id, manifest_hash from ingest.delivery where agency = ${manifest.agency} and status = 'published'`.execute(db);
  const seen = [
    ...earlier,
    ...batch
      .filter((a) => a.manifest.agency === manifest.agency)
      .map((a) => ({ extract_id: a.manifest.extractId, manifest_hash: a.manifest.fingerprint })),
  ];
  const same = seen.find((e) => e.extract_id === manifest.extractId);
  const last = Math.max(0, ...seen.map((e) => e.extract_id));
  let refusal: DeliveryRefusal | null = null;
  if (same && same.manifest_hash === manifest.fingerprint) {
    report.status = 'replayed';
    report.message = `extract ${manifest.extractId} of ${manifest.agency} was loaded before with the same content: nothing to do`;
  } else if (same) {
    refusal = new DeliveryRefusal('EXTRACT_CONFLICT', `extract ${manifest.extractId} of ${manifest.agency} was loaded before with other content`, {
      file: 'datapackage.json',
      field: 'extract.id',
    });
  } else if (manifest.extractId < last) {
    refusal = new DeliveryRefusal(
      'EXTRACT_ORDER',
      `extract ${manifest.extractId} of ${manifest.agency} comes after extract ${last}: extracts load in increasing order`,
      {
        file: 'datapackage.json',
        field: 'extract.id',
      },
    );
  }
  const { rows } = await sql<{ delivery_id: number }>`
    insert into ingest.delivery (agency, extract_id, kind, status, manifest_hash, extracted_at, period_start, period_end)
    values (${manifest.agency}, ${manifest.extractId}, ${manifest.kind}, ${report.status === 'replayed' ? 'replayed' : 'validating'},
      ${manifest.fingerprint}, ${manifest.extractedAt}, ${manifest.periodStart}, ${manifest.periodEnd})
    returning delivery_id`.execute(db);
  const deliveryId = rows[0]?.delivery_id as number;
  if (report.status === 'replayed') {
    await recordReport(db, deliveryId, report, null);
    return { deliveryId, report };
  }
  try {
    if (refusal) throw refusal;
    await timed(label, 'verify', () => verifyFiles(manifest));
    for (const resource of manifest.resources) {
      const copied = await timed(
        label,
        'copy',
        () => copyResource(session, deliveryId, manifest.kind, resource),
        (n) => n,
      );
      report.rows[resource.name] = copied;
      report.rowsTotal += copied;
    }
    for (const resource of manifest.resources) {
      const context: ResourceContext = {
        deliveryId,
        agency: manifest.agency,
        kind: manifest.kind,
        resource: resource.name,
        schema: resource.schema,
        periodEnd: manifest.periodEnd,
      };
      await timed(label, 'validate', () =>
        withWorkMemory(db, async (trx) => {
          // One hash aggregate: split over parallel workers, each key would be aggregated twice (partial, then final).
          await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
          await sql.raw(duplicateKeysStatement(context)).execute(trx);
          await sql`set local max_parallel_workers_per_gather to default`.execute(trx);
          await sql.raw(validatedStatement(context)).execute(trx);
          await sql.raw(rejectsStatement(context, REJECT_KINDS)).execute(trx);
        }),
      );
    }
    Object.assign(report, await readRejects(db, deliveryId));
    const definition = AGENCIES[manifest.agency];
    const share = report.rowsTotal === 0 ? 0 : report.rowsRejected / report.rowsTotal;
    if (share > definition.maxRejectedShare)
      throw new DeliveryRefusal(
        'REJECT_THRESHOLD',
        `${report.rowsRejected} of ${report.rowsTotal} rows rejected (${(share * 100).toFixed(1)} %), over ${manifest.agency}'s threshold of ${(definition.maxRejectedShare * 100).toFixed(0)} %`,
      );
    if (manifest.kind === 'full' && !options.allowSwing) await checkSwing(db, manifest, report.rowsTotal);
    await recordReport(db, deliveryId, report, null);
    return { deliveryId, report };
  } catch (error) {
    if (!(error instanceof DeliveryRefusal)) throw error;
    Object.assign(report, await readRejects(db, deliveryId));
    report.status = 'refused';
    report.message = error.message;
    report.refusal = refusalOf(error);
    await recordReport(db, deliveryId, report, null);
    await dropWorkTables(db, deliveryId);
    return { deliveryId, report };
  }
}

/** True when `cases` holds a published load (a delta can then be applied to it in place). */
async function hasPublishedCases(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ loaded: boolean }>`
    select to_regclass('cases.load_info') is not null and exists (select 1 from cases.load_info) as loaded`
    .execute(db)
    .catch(() => ({ rows: [] }));
  return rows[0]?.loaded ?? false;
}

/** Adds the unified cases an accepted delivery's rows point at, as the state holds them now, to the affected set. */
async function collectTouchedCases(db: Kysely<unknown>, a: Accepted): Promise<void> {
  for (const resource of a.manifest.resources) {
    const keys = `select m._key from ${workTable('mapped', a.deliveryId, resource.name)} m where cardinality(m._errors) = 0 and m._dup = 1`;
    const query = touchedCasesQuery(a.manifest.agency, resource.name, keys);
    if (query) await addAffected(db, query);
  }
}

/** Runs set-based work in a transaction with memory for its hash aggregates and joins (reset at its end). */
async function withWorkMemory<T>(db: Kysely<unknown>, work: (trx: Kysely<unknown>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '256MB'`.execute(trx);
    return work(trx);
  });
}

/** A full delivery whose rows swing too far from the agency's previous full one is refused. */
async function checkSwing(db: Kysely<unknown>, manifest: DeliveryManifest, rows: number): Promise<void> {
  const { rows: previous } = await sql<{ rows_total: number }>`
    select rows_total from ingest.delivery where agency = ${manifest.agency} and kind = 'full' and status = 'published'
    order by extract_id desc limit 1`.execute(db);
  const before = previous[0]?.rows_total;
  if (!before) return;
  const swing = Math.abs(rows - before) / before;
  const limit = AGENCIES[manifest.agency].maxFullSwing;
  if (swing > limit)
    throw new DeliveryRefusal(
      'ROW_COUNT_SWING',
      `${rows} rows against ${before} in the previous full extract (${(swing * 100).toFixed(0)} % change, over ${manifest.agency}'s limit of ${(limit * 100).toFixed(0)} %)`,
    );
}

/** Rows of this delivery whose case (or linked record) is not in the state yet: held until a later delivery brings it. */
async function heldRows<D>(trx: Kysely<D>, deliveryId: number, manifest: DeliveryManifest): Promise<number> {
  let held = 0;
  for (const resource of manifest.resources) {
    const table = stateTable(manifest.agency, resource.name);
    for (const reference of schemaReferences(resource.schema, manifest.agency)) {
      const { rows } = await sql
        .raw<{ n: number }>(
          `select count(*)::int as n from ${table} s where s._delivery = ${deliveryId}
         and not exists (select 1 from ${stateTable(reference.agency, reference.resource)} t where t._key = s.${quoteIdent(reference.column)})`,
        )
        .execute(trx);
      held += rows[0]?.n ?? 0;
    }
  }
  return held;
}

async function recordReport<D>(db: Kysely<D>, deliveryId: number, report: DeliveryReport, generation: number | null): Promise<void> {
  const { details: _details, ...kept } = report;
  await sql`update ingest.delivery set status = ${report.status}, message = ${report.message}, rows_total = ${report.rowsTotal},
      rows_rejected = ${report.rowsRejected}, rows_applied = ${report.rowsApplied}, rows_held = ${report.rowsHeld},
      report = ${JSON.stringify(kept)}::jsonb, generation = ${generation},
      finished_at = case when ${report.status} = 'validating' then null else now() end
    where delivery_id = ${deliveryId}`.execute(db);
}

/** The published load's fingerprint: its deliveries' content, chained to the previous load's when a delta builds on it. */
async function loadChecksum(db: Kysely<unknown>, accepted: readonly Accepted[]): Promise<string> {
  let previous: string | null = null;
  if (accepted.some((a) => a.manifest.kind === 'delta')) {
    const { rows } = await sql<{ checksum: string }>`select checksum from cases.load_info limit 1`.execute(db).catch(() => ({ rows: [] }));
    previous = rows[0]?.checksum ?? '';
  }
  return contentChecksum(
    accepted.flatMap((a) => a.manifest.resources.map((r) => ({ agency: a.manifest.agency, resource: r.name, hash: r.hash }))),
    previous,
  );
}
