import { sql, type Kysely } from 'kysely';
import type { AgencyCode } from './agencies.js';
import type { DeliveryManifest } from './manifest.js';
import { buildStaging, type PublishInfo, type PublishResult, stepTimer, storeKeys, swapInBuilt, useBulkMemory } from './publish-cases.js';
import { stateColumns, stateTable } from './state-tables.js';
import { drawNewKeysStatement, insertDrawnKeysStatement, type UnifiedSources } from './unified-cases-sql.js';
import { quoteIdent, workTable } from './work-tables.js';

/** An accepted delivery, as the publish sees it. */
export interface PrebuildDelivery {
  deliveryId: number;
  manifest: DeliveryManifest;
}

/**
 * A run of full deliveries, at most one per agency, replaces the state of the agencies it holds with their accepted
 * rows. The new facts then need nothing the publishing transaction writes: they are built from those rows as they
 * lie in the scratch tables (and from the state of the agencies the run leaves alone), on a connection of their own,
 * while the transaction applies the state and stores the keys. Both cores work during the publish, where one did.
 * The build commits into `cases_staging`, which nothing serves; only the transaction's swap, after the build has
 * finished, makes it the warehouse. A load that fails or is killed leaves it to be dropped by the next.
 */
export function canPrebuild(accepted: readonly PrebuildDelivery[]): boolean {
  const agencies = new Set(accepted.map((a) => a.manifest.agency));
  return accepted.length > 0 && agencies.size === accepted.length && accepted.every((a) => a.manifest.kind === 'full');
}

/** Each agency resource's rows as the state will hold them once the run is applied (applyDelivery's full branch). */
export function prebuildSources(accepted: readonly PrebuildDelivery[]): UnifiedSources {
  const rows = (agency: AgencyCode, resource: string): string => {
    const delivery = accepted.find((a) => a.manifest.agency === agency);
    const delivered = delivery?.manifest.resources.find((r) => r.name === resource);
    if (!delivery || !delivered) return stateTable(agency, resource);
    const columns = stateColumns(delivered.schema).map((c) => `m.${quoteIdent(c.name)}`);
    return `(select m._key, ${columns.join(', ')}, ${delivery.deliveryId}::bigint as _delivery
      from ${workTable('mapped', delivery.deliveryId, resource)} m where cardinality(m._errors) = 0 and m._dup = 1)`;
  };
  return {
    mivCases: rows('migrationsverket', 'cases'),
    mivEvents: rows('migrationsverket', 'events'),
    policeCases: rows('polismyndigheten', 'cases'),
    policeEvents: rows('polismyndigheten', 'events'),
    transports: rows('kriminalvarden', 'transports'),
  };
}

/** A build under way: the new keys (drawn first), then the whole staging schema. */
export interface StagingBuild {
  /** Scratch table of the new cases' keys, for the key store. */
  drawn: string;
  keysDrawn: Promise<void>;
  built: Promise<Pick<PublishResult, 'caseRows' | 'eventRows'>>;
  steps: Record<string, number>;
}

/**
 * Starts the build. Its statements read only scratch tables and committed state: the Migration Agency's keys are
 * copied into a scratch table first, so the build holds no lock on the key store that the transaction's first
 * load (which rebuilds the store's indexes) would wait for.
 */
export function startStagingBuild(db: Kysely<unknown>, accepted: readonly PrebuildDelivery[], info: PublishInfo): StagingBuild {
  const timer = stepTimer();
  const sources = prebuildSources(accepted);
  const first = accepted[0]?.deliveryId ?? 0;
  const drawn = workTable('keys', first, 'drawn');
  let keys = workTable('keys', first, 'all');
  const keysDrawn = (async () => {
    // Statistics of the scratch tables first: the statements join them by the million, and without any the planner
    // takes a filtered table for a few rows and nests its loops over the rest.
    for (const a of accepted) for (const r of a.manifest.resources) await sql.raw(`analyze ${workTable('mapped', a.deliveryId, r.name)}`).execute(db);
    const { rows } = await sql<{ sequence: string }>`select pg_get_serial_sequence('ingest.case_key', 'case_id') as sequence`.execute(db);
    await sql.raw(drawNewKeysStatement(drawn, sources, rows[0]?.sequence as string)).execute(db);
    const { rows: stored } = await sql<{ any: boolean }>`
      select exists (select 1 from ingest.case_key where agency = 'migrationsverket') as any`.execute(db);
    // The first load: every key is a drawn one.
    if (!stored[0]?.any) keys = drawn;
    else
      await sql
        .raw(`create unlogged table ${keys} as
          select case_id, source_id, record_key from ingest.case_key where agency = 'migrationsverket'
          union all select case_id, source_id, record_key from ${drawn}`)
        .execute(db);
    await sql.raw(`analyze ${keys}`).execute(db);
    timer.step('draw');
  })();
  const built = keysDrawn.then(() =>
    db.transaction().execute(async (trx) => {
      await useBulkMemory(trx);
      return buildStaging(trx, keys, sources, info, timer);
    }),
  );
  // Awaited by the publishing transaction; until it does, a failure must not surface as an unhandled rejection.
  keysDrawn.catch(() => undefined);
  built.catch(() => undefined);
  return { drawn, keysDrawn, built, steps: timer.steps };
}

/** In the publishing transaction, after the state is applied: stores the drawn keys, waits for the build, swaps it in. */
export async function publishPrebuilt<D>(trx: Kysely<D>, build: StagingBuild): Promise<PublishResult> {
  const db = trx as unknown as Kysely<unknown>;
  const timer = stepTimer();
  await useBulkMemory(db);
  await build.keysDrawn;
  await storeKeys(db, () => insertDrawnKeysStatement(build.drawn));
  timer.step('keys');
  const { caseRows, eventRows } = await build.built;
  timer.step('waiting');
  await swapInBuilt(db);
  timer.step('swap');
  return { caseRows, eventRows, mode: 'prebuilt', steps: { ...build.steps, ...timer.steps } };
}
