import { db, Prisma } from "../db/client";
import { timed } from "../db/timed";
import type { TChartScope } from "./range";

export type TShare = { label: string; turns: number; percent: number };

// Which provider answered the agent's answered turns (turns.answered_by is
// the label of the link that answered).
export function answerShareSql({ orgId, agentId, window: { from, to } }: TChartScope): Prisma.Sql {
  return Prisma.sql`
      SELECT answered_by AS label, count(*)::int AS turns
      FROM turns
      WHERE org_id = ${orgId} AND agent_id = ${agentId} AND created_at >= ${from}::timestamp AND created_at < ${to}::timestamp
        AND state = 'answered' AND answered_by IS NOT NULL
      GROUP BY answered_by
      ORDER BY turns DESC, label`;
}

export async function answerShare(scope: TChartScope): Promise<TShare[]> {
  const rows = await timed("overview.answerShare", () => db.$queryRaw<Array<{ label: string; turns: number }>>(answerShareSql(scope)));
  const total = rows.reduce((sum, r) => sum + r.turns, 0);
  return rows.map((r) => ({ ...r, percent: total ? Math.round((r.turns / total) * 1000) / 10 : 0 }));
}
