/**
 * `npm run ingest -- DIR [DIR…] [--reports DIR] [--accept-swing]`: loads agencies' deliveries in order
 * (docs/ingest.md). Uses DATABASE_URL, else the embedded PostgreSQL of the default data directory (the running
 * server's, which then answers from the new warehouse at once). Progress by phase on a terminal, JSON lines
 * otherwise; a summary at the end; a reject report (JSON and CSV) per delivery. Exits 1 when any delivery is refused
 * or the load fails, 0 when every delivery was published or was a replay.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { runCommand, withLoadSession } from '../database/load-session.js';
import { ingestDeliveries, type IngestSummary, type PhaseEvent } from './ingest-deliveries.js';
import { writeReportFiles } from './report-files.js';

const log = (line: string) => console.error(`[ingest] ${line}`);
const tty = process.stderr.isTTY === true;

function phaseLine(event: PhaseEvent): void {
  if (tty) log(`${event.delivery}: ${event.phase} ${event.seconds.toFixed(1)} s${event.rows !== undefined ? `, ${event.rows} rows` : ''}`);
  else console.error(JSON.stringify({ level: 'info', msg: 'ingest phase', ...event }));
}

/** One line per delivery, then the totals; true when nothing was refused. */
function printSummary(summary: IngestSummary): boolean {
  let ok = true;
  for (const outcome of summary.deliveries) {
    const r = outcome.report;
    if (!r) {
      ok = false;
      console.log(`REFUSED  ${outcome.directory}: [${outcome.error?.code}] ${outcome.error?.message}`);
      continue;
    }
    const label = `${r.agency} extract ${r.extractId} (${r.kind})`;
    if (r.status === 'refused') {
      ok = false;
      console.log(`REFUSED  ${label}: [${r.refusal?.code}] ${r.message}`);
    } else if (r.status === 'replayed') console.log(`REPLAY   ${label}: ${r.message}`);
    else {
      const kinds = Object.entries(r.rejectsByKind).map(([k, n]) => `${k} ${n}`);
      console.log(
        `LOADED   ${label}: ${r.rowsTotal} rows, ${r.rowsApplied} applied, ${r.rowsRejected} rejected${kinds.length ? ` (${kinds.join(', ')})` : ''}, ${r.rowsHeld} held for a later delivery`,
      );
    }
    for (const u of r.unmappedCodes.slice(0, 5))
      console.log(`         unmapped ${u.resource}.${u.field} "${u.code}": ${u.count} rows (add it to the code map?)`);
  }
  if (summary.published)
    console.log(
      `published generation ${summary.generation}: ${summary.published.caseRows} cases, ${summary.published.eventRows} events in ${summary.seconds.toFixed(1)} s ` +
        `(${Object.entries(summary.phaseSeconds)
          .map(([p, s]) => `${p} ${s.toFixed(1)} s`)
          .join(', ')}; publish: ${Object.entries(summary.published.steps)
          .map(([p, s]) => `${p} ${s.toFixed(1)} s`)
          .join(', ')}), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
  else console.log(`nothing published (${summary.seconds.toFixed(1)} s), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  return ok;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { reports: { type: 'string', default: 'ingest-reports' }, 'accept-swing': { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new Error('name at least one delivery folder: npm run ingest -- DIR [DIR…]');
  return withLoadSession('ingest', log, async (db) => {
    const summary = await ingestDeliveries(db, positionals, { allowSwing: values['accept-swing'], onPhase: phaseLine });
    for (const outcome of summary.deliveries) {
      if (outcome.report) log(`report: ${await writeReportFiles(path.resolve(values.reports), outcome.report)}`);
    }
    return printSummary(summary) ? 0 : 1;
  });
}

runCommand(main, (message) => log(`ingest failed, the warehouse is unchanged: ${message}`));
