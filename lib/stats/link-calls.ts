import { db, Prisma } from "../db/client";
import { timed } from "../db/timed";
import type { TChartScope } from "./range";

type TLinkCalls = { label: string; model: string; calls: number; failures: number };

// Calls each link made for this agent's turns in the window, and how many
// failed. A link skipped while its circuit was open made no call.
export function linkCallsSql({ orgId, agentId, window: { from, to } }: TChartScope): Prisma.Sql {
  return Prisma.sql`
      SELECT a.label, a.model, count(*)::int AS calls, count(*) FILTER (WHERE a.outcome <> 'ok')::int AS failures
      FROM attempts a
      WHERE a.org_id = ${orgId} AND a.agent_id = ${agentId} AND a.created_at >= ${from}::timestamp AND a.created_at <= ${to}::timestamp
        AND a.skipped IS NULL
      GROUP BY a.label, a.model`;
}

export function linkCalls(scope: TChartScope): Promise<TLinkCalls[]> {
  return timed("overview.linkCalls", () => db.$queryRaw<TLinkCalls[]>(linkCallsSql(scope)));
}
