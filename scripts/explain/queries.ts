// The reads the Activity and Overview pages make. The feed's are written as
// Prisma writes them (see its query log): one SELECT ... ORDER BY created_at
// DESC, id DESC LIMIT 51, the keyset cursor an OR of (created_at, id). The
// Overview's are the very statements lib/stats builds.
import type pg from "pg";

import type { Prisma } from "../../lib/db/client";
import { answerShareSql } from "../../lib/stats/answer-share";
import { linkCallsSql } from "../../lib/stats/link-calls";
import { providerLatencySql } from "../../lib/stats/provider-latency";
import { providerTokensSql } from "../../lib/stats/provider-tokens";
import { lastHourWindow, rangeWindow } from "../../lib/stats/range";
import { turnsPerHourSql } from "../../lib/stats/turns-per-hour";

export type TQuery = { name: string; sql: string; params: unknown[] };
type TSubjects = Awaited<ReturnType<typeof findSubjects>>;

const FEED = `SELECT "id", "type", "severity", "data", "created_at", "actor_id", "agent_id" FROM "activity_events"`;
const PAGE = `ORDER BY "created_at" DESC, "id" DESC LIMIT 51 OFFSET 0`;
const CURSOR = `("created_at" < $2 OR ("created_at" = $2 AND "id" < $3))`;

// The organization's busiest and quietest agent, its most and least used
// provider, cursors 20 and 2,000 pages (of 50) deep, and the newest event: time ranges
// end there, so the figures do not drift as the seeded month ages.
export async function findSubjects(client: pg.Client, slug: string) {
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => {
    const row = (await client.query<T>(sql, params)).rows[0];
    if (!row) throw new Error(`Nothing found for /${slug}: run npm run seed:activity first.`);
    return row;
  };
  const { id: orgId } = await one<{ id: string }>("SELECT id FROM organizations WHERE slug = $1", [slug]);
  const agents = (
    await client.query<{ agent_id: string; n: number }>("SELECT agent_id, count(*)::int AS n FROM turns WHERE org_id = $1 GROUP BY 1 ORDER BY 2 DESC", [orgId])
  ).rows;
  const providers = (
    await client.query<{ id: string; n: number }>(
      "SELECT c.id, count(*)::int AS n FROM activity_events e, unnest(e.credential_ids) AS c(id) WHERE e.org_id = $1 GROUP BY 1 ORDER BY 2 DESC",
      [orgId],
    )
  ).rows;
  const { at: newest } = await one<{ at: Date }>("SELECT max(created_at) AS at FROM activity_events WHERE org_id = $1", [orgId]);
  const cursorAt = (offset: number) =>
    one<{ created_at: Date; id: string }>(
      `SELECT created_at, id FROM activity_events WHERE org_id = $1 ORDER BY created_at DESC, id DESC OFFSET ${offset} LIMIT 1`,
      [orgId],
    );
  const [cursor, deep] = [await cursorAt(999), await cursorAt(99_999)];
  return { orgId, busy: agents[0]!, quiet: agents.at(-1)!, common: providers[0]!, rare: providers.at(-1)!, newest, cursor, deep };
}

const hoursBefore = (at: Date, hours: number) => new Date(at.getTime() - hours * 3_600_000);

export function feedQueries(s: TSubjects): TQuery[] {
  const org = s.orgId;
  const hourAgo = hoursBefore(s.newest, 1);
  const weekAgo = hoursBefore(s.newest, 24 * 7);
  return [
    { name: "feed, first page", sql: `${FEED} WHERE ("org_id" = $1) ${PAGE}`, params: [org] },
    { name: "type = failover", sql: `${FEED} WHERE ("org_id" = $1 AND "type" IN ($2)) ${PAGE}`, params: [org, "failover"] },
    { name: "type = needs_attention (rare)", sql: `${FEED} WHERE ("org_id" = $1 AND "type" IN ($2)) ${PAGE}`, params: [org, "needs_attention"] },
    { name: "severity = error (rare)", sql: `${FEED} WHERE ("org_id" = $1 AND "severity" = $2) ${PAGE}`, params: [org, "error"] },
    { name: `agent (busiest, ${s.busy.n} turns)`, sql: `${FEED} WHERE ("org_id" = $1 AND "agent_id" = $2) ${PAGE}`, params: [org, s.busy.agent_id] },
    { name: `agent (quietest, ${s.quiet.n} turns)`, sql: `${FEED} WHERE ("org_id" = $1 AND "agent_id" = $2) ${PAGE}`, params: [org, s.quiet.agent_id] },
    { name: `provider (most events, ${s.common.n})`, sql: `${FEED} WHERE ("org_id" = $1 AND "credential_ids" @> $2) ${PAGE}`, params: [org, [s.common.id]] },
    { name: `provider (fewest events, ${s.rare.n})`, sql: `${FEED} WHERE ("org_id" = $1 AND "credential_ids" @> $2) ${PAGE}`, params: [org, [s.rare.id]] },
    { name: "last hour", sql: `${FEED} WHERE ("org_id" = $1 AND "created_at" >= $2 AND "created_at" < $3) ${PAGE}`, params: [org, hourAgo, s.newest] },
    { name: "last 7 days", sql: `${FEED} WHERE ("org_id" = $1 AND "created_at" >= $2 AND "created_at" < $3) ${PAGE}`, params: [org, weekAgo, s.newest] },
    { name: "page 21 (keyset cursor)", sql: `${FEED} WHERE ("org_id" = $1 AND ${CURSOR}) ${PAGE}`, params: [org, s.cursor.created_at, s.cursor.id] },
    { name: "page 2,001 (keyset cursor)", sql: `${FEED} WHERE ("org_id" = $1 AND ${CURSOR}) ${PAGE}`, params: [org, s.deep.created_at, s.deep.id] },
    // The same with the cursor's time also as a bound the index can start from.
    {
      name: "page 2,001, cursor also as created_at <=",
      sql: `${FEED} WHERE ("org_id" = $1 AND "created_at" <= $2 AND ${CURSOR}) ${PAGE}`,
      params: [org, s.deep.created_at, s.deep.id],
    },
    {
      name: "page 21, needs_attention",
      sql: `${FEED} WHERE ("org_id" = $1 AND "type" IN ($4) AND ${CURSOR}) ${PAGE}`,
      params: [org, s.cursor.created_at, s.cursor.id, "needs_attention"],
    },
    {
      name: "quietest agent + needs_attention",
      sql: `${FEED} WHERE ("org_id" = $1 AND "agent_id" = $2 AND "type" IN ($3)) ${PAGE}`,
      params: [org, s.quiet.agent_id, "needs_attention"],
    },
    {
      name: "rarest provider + error",
      sql: `${FEED} WHERE ("org_id" = $1 AND "severity" = $2 AND "credential_ids" @> $3) ${PAGE}`,
      params: [org, "error", [s.rare.id]],
    },
    {
      name: "most used provider + last 7 days",
      sql: `${FEED} WHERE ("org_id" = $1 AND "credential_ids" @> $2 AND "created_at" >= $3 AND "created_at" < $4) ${PAGE}`,
      params: [org, [s.common.id], weekAgo, s.newest],
    },
  ];
}

// The Overview's reads, built by lib/stats itself, for the busiest and the
// quietest agent over 24 h and 7 d, and the health cards' last hour of calls.
export function chartQueries(s: TSubjects): TQuery[] {
  const query = (name: string, sql: Prisma.Sql): TQuery => ({ name, sql: sql.text, params: sql.values });
  const queries: TQuery[] = [];
  for (const [who, agentId] of [
    ["busiest agent", s.busy.agent_id],
    ["quietest agent", s.quiet.agent_id],
  ] as const) {
    for (const range of ["24h", "7d"] as const) {
      const scope = { orgId: s.orgId, agentId, window: rangeWindow(range, s.newest) };
      queries.push(
        query(`turns per hour, ${who}, ${range}`, turnsPerHourSql(scope)),
        query(`answer share, ${who}, ${range}`, answerShareSql(scope)),
        query(`p50/p95 latency, ${who}, ${range}`, providerLatencySql(scope)),
        query(`tokens by provider, ${who}, ${range}`, providerTokensSql(scope)),
      );
    }
    queries.push(query(`calls per link, last hour, ${who}`, linkCallsSql({ orgId: s.orgId, agentId, window: lastHourWindow(s.newest) })));
  }
  return queries;
}
