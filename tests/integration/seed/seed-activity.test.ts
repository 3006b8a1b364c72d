import { beforeAll, describe, expect, it } from "vitest";

import { describeEvent } from "@/lib/activity/describe-event";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { db } from "@/lib/db/client";
import { OUTCOME_CLASSES } from "@/lib/providers/types";

import { unique } from "../../../prisma/factories";
import { seedActivity } from "../../../prisma/seed-activity";

const SIZE = { events: 2_000, turns: 2_000, agents: 3, days: 7 };
// As the real writers set it (lib/turns/turn-events.ts, lib/agents, probe-circuits).
const SEVERITY: Record<string, string> = {
  failover: "warning",
  provider_degraded: "warning",
  all_failed: "error",
  needs_attention: "error",
  provider_recovered: "info",
  agent_started: "info",
  agent_restarted: "info",
  chain_changed: "info",
  key_added: "info",
};
const BY_PEOPLE = new Set(["agent_started", "agent_restarted", "chain_changed", "key_added"]);
const count = async (sql: TemplateStringsArray, ...values: unknown[]) => Number((await db.$queryRaw<Array<{ n: bigint }>>(sql, ...values))[0]?.n);

async function counts(orgId: string) {
  const where = { where: { orgId } };
  return {
    events: await db.activityEvent.count(where),
    turns: await db.turn.count(where),
    conversations: await db.conversation.count(where),
    attempts: await db.attempt.count(where),
    agents: await db.agent.count(where),
    messages: await db.message.count(where),
  };
}

describe("seed:activity", () => {
  const slug = unique("scale");
  let run: Awaited<ReturnType<typeof seedActivity>>;
  let started: Date;

  beforeAll(async () => {
    started = new Date();
    // Small batches, so several slices of the window are written.
    run = await seedActivity({ slug, ...SIZE, batchSize: 800 });
  }, 120_000);

  it("writes exactly the events, turns and agents asked for, all in the seeded organization", async () => {
    const orgId = run.orgId;
    const made = await counts(orgId);
    expect(made).toMatchObject({ events: 2_000, turns: 2_000, agents: 3, conversations: 500 });
    // What it prints is what it wrote.
    expect(run.made).toEqual({ events: made.events, turns: made.turns, conversations: made.conversations, attempts: made.attempts, messages: made.messages });
    expect(made.attempts).toBeGreaterThan(2_000);
    // Nothing the seed wrote points across organizations.
    expect(
      await count`SELECT count(*) AS n FROM turns t JOIN conversations c ON c.id = t.conversation_id JOIN agents a ON a.id = t.agent_id
                        WHERE (t.org_id = ${orgId}) <> (c.org_id = ${orgId}) OR (t.org_id = ${orgId}) <> (a.org_id = ${orgId})`,
    ).toBe(0);
    expect(await count`SELECT count(*) AS n FROM attempts x JOIN turns t ON t.id = x.turn_id WHERE (x.org_id = ${orgId}) <> (t.org_id = ${orgId})`).toBe(0);
    expect(
      await count`SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE (m.org_id = ${orgId}) <> (c.org_id = ${orgId})`,
    ).toBe(0);
    expect(
      await count`SELECT count(*) AS n FROM activity_events e JOIN agents a ON a.id = e.agent_id WHERE (e.org_id = ${orgId}) <> (a.org_id = ${orgId})`,
    ).toBe(0);
    expect(
      await count`SELECT count(*) AS n FROM activity_events e WHERE e.org_id = ${orgId}
                        AND (e.data ? 'turnId')
                        AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.id = e.data->>'turnId' AND t.org_id = ${orgId} AND t.agent_id = e.agent_id)`,
    ).toBe(0);
  });

  it("gives every event a readable sentence, the severity its writer gives, and providers of this organization", async () => {
    const [events, credentials, members] = await Promise.all([
      db.activityEvent.findMany({
        where: { orgId: run.orgId },
        select: { type: true, severity: true, data: true, actorId: true, credentialIds: true, agent: { select: { name: true } } },
      }),
      db.credential.findMany({ where: { orgId: run.orgId }, select: { id: true } }),
      db.membership.findMany({ where: { orgId: run.orgId }, select: { userId: true, user: { select: { name: true } } } }),
    ]);
    const ours = new Set(credentials.map((c) => c.id));
    const names = new Map(members.map((m) => [m.userId, m.user.name]));
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(Object.keys(SEVERITY)));
    for (const e of events) {
      const data = e.data as Record<string, unknown> & { cause?: { outcome?: string } | null };
      const sentence = describeEvent({ type: e.type, data, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, agentName: e.agent?.name ?? null });
      // No "?" for a missing field, no raw type name where a sentence is missing.
      expect(sentence, e.type).not.toContain("?");
      expect(sentence, e.type).not.toContain(e.type);
      expect(sentence.endsWith(e.type.replaceAll("_", " ")), e.type).toBe(false);
      expect(e.severity, e.type).toBe(SEVERITY[e.type]);
      expect(e.actorId !== null && names.has(e.actorId), e.type).toBe(BY_PEOPLE.has(e.type));
      expect(
        e.credentialIds.every((id) => ours.has(id)),
        e.type,
      ).toBe(true);
      if (e.type !== "chain_changed" && e.type !== "agent_started" && e.type !== "agent_restarted") expect(e.credentialIds.length, e.type).toBeGreaterThan(0);
      // describeEvent reads an unknown outcome as a server error: each must be a real class.
      for (const outcome of [data.outcome, data.cause?.outcome, data.reason === "circuit_open" ? undefined : data.reason]) {
        if (outcome !== undefined) expect(OUTCOME_CLASSES, e.type).toContain(outcome);
      }
    }
  });

  it("backs every failover with a turn of two or three attempts ending in an answer, and the charts with turns", async () => {
    const orgId = run.orgId;
    const turns = await db.turn.findMany({
      where: { orgId },
      select: { state: true, failedOver: true, answeredBy: true, attempts: { orderBy: { index: "asc" }, select: { label: true, outcome: true } } },
    });
    const failovers = turns.filter((t) => t.failedOver);
    expect(failovers.length).toBeGreaterThan(1_000);
    for (const t of failovers) {
      expect(t.attempts.length).toBeGreaterThanOrEqual(2);
      expect(t.attempts.length).toBeLessThanOrEqual(3);
      expect(t.attempts.at(-1)).toEqual({ label: t.answeredBy, outcome: "ok" });
      expect(t.attempts.slice(0, -1).every((a) => a.outcome !== "ok")).toBe(true);
    }
    for (const t of turns.filter((x) => !x.failedOver)) {
      if (t.state === "answered") expect(t.attempts).toEqual([{ label: t.answeredBy, outcome: "ok" }]);
      else expect(t.attempts.every((a) => a.outcome !== "ok")).toBe(true);
    }
    expect(await db.activityEvent.count({ where: { orgId, type: "failover" } })).toBe(failovers.length);
    // An event's attempts are its turn's attempts.
    expect(
      await count`SELECT count(*) AS n FROM activity_events e JOIN turns t ON t.id = e.data->>'turnId'
                        WHERE e.org_id = ${orgId} AND e.type IN ('failover', 'all_failed')
                        AND e.data->'attempts' <> (
                          SELECT jsonb_agg(jsonb_build_object('label', a.label, 'model', a.model, 'outcome', a.outcome, 'status', a.status,
                                                              'latencyMs', a.latency_ms, 'skipped', a.skipped, 'corrective', a.corrective)
                                           ORDER BY a.index)
                          FROM attempts a WHERE a.turn_id = t.id)`,
    ).toBe(0);
  });

  it("puts every event and turn inside the requested window", async () => {
    const from = new Date(started.getTime() - SIZE.days * 86_400_000);
    const to = new Date();
    const range = { gte: from, lte: to };
    const outside = { orgId: run.orgId, NOT: { createdAt: range } };
    expect(await db.activityEvent.count({ where: outside })).toBe(0);
    expect(await db.turn.count({ where: outside })).toBe(0);
    expect(await db.turn.count({ where: { orgId: run.orgId, NOT: { completedAt: range } } })).toBe(0);
  });

  it("prints a login that works, and a second run replaces the organization instead of adding to it", async () => {
    expect(await verifyCredentials(run.login, unique("ip"))).toMatchObject({ ok: true });
    const again = await seedActivity({ slug, ...SIZE });
    expect(again.orgId).not.toBe(run.orgId);
    expect(await counts(run.orgId)).toEqual({ events: 0, turns: 0, conversations: 0, attempts: 0, agents: 0, messages: 0 });
    expect(await counts(again.orgId)).toMatchObject({ events: 2_000, turns: 2_000, agents: 3, conversations: 500 });
    expect(await db.organization.count({ where: { slug } })).toBe(1);
  }, 120_000);
});
