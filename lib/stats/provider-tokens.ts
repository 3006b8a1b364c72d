import { db, Prisma } from "../db/client";
import { timed } from "../db/timed";
import type { TChartScope } from "./range";

export type TProviderTokens = { label: string; calls: number; inputTokens: number; outputTokens: number };

// Tokens each provider reported for this agent's calls in the window, over
// every call, not only the answering ones: an unusable answer, its corrective
// retry and a call whose stream broke off were billed too, and that is what
// failover cost. A skipped link made no call; a call that errored reported
// no tokens and counts as a call with none.
export function providerTokensSql({ orgId, agentId, window: { from, to } }: TChartScope): Prisma.Sql {
  return Prisma.sql`
      SELECT a.label, count(*)::int AS calls,
             coalesce(sum(a.input_tokens), 0)::bigint AS "inputTokens",
             coalesce(sum(a.output_tokens), 0)::bigint AS "outputTokens"
      FROM attempts a
      WHERE a.org_id = ${orgId} AND a.agent_id = ${agentId} AND a.created_at >= ${from}::timestamp AND a.created_at < ${to}::timestamp
        AND a.skipped IS NULL
      GROUP BY a.label
      ORDER BY coalesce(sum(a.input_tokens), 0) + coalesce(sum(a.output_tokens), 0) DESC, a.label`;
}

type TRow = { label: string; calls: number; inputTokens: bigint | number; outputTokens: bigint | number };

// Sums are bigint in SQL (a busy week passes 2^31 tokens); well within a
// JavaScript number's exact range.
export async function providerTokens(scope: TChartScope): Promise<TProviderTokens[]> {
  const rows = await timed("overview.providerTokens", () => db.$queryRaw<TRow[]>(providerTokensSql(scope)));
  return rows.map((r) => ({ label: r.label, calls: r.calls, inputTokens: Number(r.inputTokens), outputTokens: Number(r.outputTokens) }));
}

// True when some call in the window reported tokens.
export function anyTokens(tokens: TProviderTokens[]): boolean {
  return tokens.some((t) => t.inputTokens + t.outputTokens > 0);
}
