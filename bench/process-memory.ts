import { readFileSync, writeFileSync } from 'node:fs';

/** Resident memory of a process, from Linux's /proc/<pid>/status, in MiB. */
export interface ProcessMemory {
  /** Resident set size now. */
  rssMb: number;
  /** Peak resident set size since the process started or since the last `resetPeak`. */
  peakMb: number;
}

function kibibytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMb: kibibytes(status, 'VmRSS') / 1024, peakMb: kibibytes(status, 'VmHWM') / 1024 };
}

/**
 * Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so the peak of one measured run is its own and not
 * the start-up's or an earlier query's. Writing 5 to clear_refs does this (Linux ≥ 4.0; needs the process's owner
 * or root). Returns false where the kernel refuses: the peak then covers the process's whole life.
 */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
