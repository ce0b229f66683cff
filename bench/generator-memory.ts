import { readFileSync, writeFileSync } from 'node:fs';

/** Samples this process's resident memory while a run lasts, for the generator bench. */
export interface MemorySampler {
  /** Highest process.memoryUsage().rss seen, in MiB. */
  stop(): number;
}

export function sampleMemory(intervalMs = 200): MemorySampler {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
    },
  };
}

/**
 * Resets the kernel's peak-RSS mark (VmHWM) so that each scale's peak is its own (Linux: write 5 to clear_refs).
 * process.resourceUsage().maxRSS cannot be reset: it stays the process's lifetime peak.
 */
export function resetKernelPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** VmHWM of this process in MiB (peak since start or the last reset), or NaN off Linux. */
export function kernelPeakMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
