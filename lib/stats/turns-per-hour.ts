import { db, Prisma } from "../db/client";
import { timed } from "../db/timed";
import type { TChartScope } from "./range";

type THourBucket = { hour: Date; turns: number; failovers: number; failed: number };

// Every hour of the window, the empty ones included: the series comes from
// generate_series, the counts from the (org_id, agent_id, created_at) index.
export function turnsPerHourSql({ orgId, agentId, window: { from, to } }: TChartScope): Prisma.Sql {
  return Prisma.sql`
      SELECT s.hour, coalesce(c.turns, 0)::int AS turns, coalesce(c.failovers, 0)::int AS failovers, coalesce(c.failed, 0)::int AS failed
      FROM generate_series(${from}::timestamp, ${to}::timestamp - interval '1 hour', interval '1 hour') AS s(hour)
      LEFT JOIN (
        SELECT date_trunc('hour', created_at) AS hour,
               count(*) AS turns,
               count(*) FILTER (WHERE failed_over) AS failovers,
               count(*) FILTER (WHERE state = 'failed') AS failed
        FROM turns
        WHERE org_id = ${orgId} AND agent_id = ${agentId} AND created_at >= ${from}::timestamp AND created_at < ${to}::timestamp
        GROUP BY 1
      ) c ON c.hour = s.hour
      ORDER BY s.hour`;
}

export function turnsPerHour(scope: TChartScope): Promise<THourBucket[]> {
  return timed("overview.turnsPerHour", () => db.$queryRaw<THourBucket[]>(turnsPerHourSql(scope)));
}
