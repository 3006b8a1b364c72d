// Closed-loop load: `clients` callers each run `call` back to back until the
// count or the deadline is reached; every latency is kept for percentiles.
export type TSample = { ms: number; ok: boolean };

export async function runClients({
  clients,
  total,
  durationMs,
  call,
}: {
  clients: number;
  total?: number;
  durationMs?: number;
  call: (i: number) => Promise<boolean>;
}) {
  const samples: TSample[] = [];
  let next = 0;
  const deadline = durationMs ? Date.now() + durationMs : Infinity;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while ((total === undefined || next < total) && Date.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        const ok = await call(i).catch(() => false);
        samples.push({ ms: performance.now() - t0, ok });
      }
    }),
  );
  return { samples, elapsedMs: performance.now() - started };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : "n/a");

export function table(rows: Array<Record<string, string | number>>) {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(headers.map((h) => String(r[h]))))].join("\n");
}
