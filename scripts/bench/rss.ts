// Resident set sizes read from /proc (Linux), to show what a run cost each
// process in memory: before it, at its peak, and after it.
import { readFileSync } from "node:fs";

// VmRSS in MiB; NaN once the process is gone.
function rssMib(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export function readRss(pids: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMib(pid)]));
}

// Peaks of every process, sampled every `everyMs` until stop().
export function samplePeakRss(pids: Record<string, number>, everyMs = 200) {
  const peaks: Record<string, number> = readRss(pids);
  const take = () => {
    for (const [name, mib] of Object.entries(readRss(pids))) peaks[name] = Math.max(peaks[name] ?? 0, mib);
  };
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peaks;
    },
  };
}
