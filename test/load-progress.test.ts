import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadProgress, LOG_INTERVAL_MS } from '../warehouse/cases/load-progress.js';

/** A non-terminal stderr (a log file, a pipe, CI), holding what is written. */
function logSink() {
  const lines: string[] = [];
  return { lines, stream: { isTTY: false, write: (text: string | Uint8Array) => lines.push(String(text)) > 0 } };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('case load progress without a terminal', () => {
  it('writes a JSON line every few seconds with rows/s and the time left, and names the later steps', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const { lines, stream } = logSink();
    const progress = loadProgress(1000, false, stream);
    progress.update(100, 300);
    expect(lines).toEqual([]); // nothing before the first interval
    vi.advanceTimersByTime(LOG_INTERVAL_MS);
    progress.update(250, 750);
    vi.advanceTimersByTime(1000);
    progress.update(300, 900); // within the interval: no line
    vi.advanceTimersByTime(LOG_INTERVAL_MS);
    progress.update(500, 1500);
    progress.stop();
    progress.step('indexing and building rollups');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    expect(parsed.map((p) => p.msg)).toEqual(['generating case facts', 'generating case facts', 'case facts: indexing and building rollups']);
    expect(parsed[0]).toMatchObject({ level: 30, cases: 250, plannedCases: 1000, rows: 750, rowsPerSecond: 150, percent: 25, etaSeconds: 15 });
    expect(parsed[1]).toMatchObject({ cases: 500, rows: 1500, rowsPerSecond: 136, percent: 50, etaSeconds: 11 });
  });

  it('stays silent for a load shorter than the interval, and when asked for quiet', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const short = logSink();
    const progress = loadProgress(10, false, short.stream);
    progress.update(10, 30);
    progress.step('indexing and building rollups');
    progress.stop();
    expect(short.lines).toEqual([]);
    const quiet = logSink();
    const silent = loadProgress(10, true, quiet.stream);
    vi.advanceTimersByTime(LOG_INTERVAL_MS * 3);
    silent.update(10, 30);
    expect(quiet.lines).toEqual([]);
  });
});
