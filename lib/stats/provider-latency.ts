import { db, Prisma } from "../db/client";
import { timed } from "../db/timed";
import type { TChartScope } from "./range";

export type TLatency = { label: string; calls: number; p50: number; p95: number };

// Latency per provider from the attempts that succeeded, per link label, not
// from turns by answered_by: a turn's latency includes the time lost on the
// links that failed before, which says nothing about the provider that
// answered. Skipped links made no call and have no latency to count.
export function providerLatencySql({ orgId, agentId, window: { from, to } }: TChartScope): Prisma.Sql {
  return Prisma.sql`
      SELECT a.label, count(*)::int AS calls,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY a.latency_ms) AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY a.latency_ms) AS p95
      FROM attempts a
      WHERE a.org_id = ${orgId} AND a.agent_id = ${agentId} AND a.created_at >= ${from}::timestamp AND a.created_at < ${to}::timestamp
        AND a.outcome = 'ok' AND a.skipped IS NULL
      GROUP BY a.label
      ORDER BY calls DESC, a.label`;
}

export async function providerLatency(scope: TChartScope): Promise<TLatency[]> {
  const rows = await timed("overview.providerLatency", () => db.$queryRaw<TLatency[]>(providerLatencySql(scope)));
  return rows.map((r) => ({ label: r.label, calls: r.calls, p50: Math.round(r.p50), p95: Math.round(r.p95) }));
}
