import { describe, expect, it } from "vitest";

import { decodeCursor, listEvents, type TEventFilter } from "@/lib/activity/list-events";
import { recordEvent } from "@/lib/activity/record-event";
import { db } from "@/lib/db/client";

import { createAgentWithProviders } from "../../fixtures/agents";
import { createAgent, createEvents, unique } from "../../fixtures/data";

const MIN = 60_000;
const TYPES = ["failover", "agent_restarted", "key_added"] as const;
const SEVERITIES = ["info", "warning", "error"] as const;
const AGES = [5 * MIN, 3 * 60 * MIN, 2 * 24 * 60 * MIN, 10 * 24 * 60 * MIN];

// An organization with two agents, two saved providers and 72 events that
// cover every combination the filters tell apart, each at its own instant.
async function feedFixture() {
  const base = await createAgentWithProviders();
  const second = await createAgent({
    orgId: base.org.id,
    userId: base.user.id,
    input: { name: unique("Sales bot"), instructions: "Sell.", credentialId: base.providers.anthropic.id, model: "m" },
  });
  await db.activityEvent.deleteMany({ where: { orgId: base.org.id } });
  const { openai, anthropic } = base.providers;
  const agents = [base.agent.id, second.id, null];
  const providerSets = [[openai.id], [anthropic.id], [openai.id, anthropic.id], []];
  const now = Date.now();
  const rows = Array.from({ length: 72 }, (_, i) => ({
    orgId: base.org.id,
    agentId: agents[i % 3]!,
    type: TYPES[i % 3 === 2 ? 0 : Math.floor(i / 3) % 3]!,
    severity: SEVERITIES[Math.floor(i / 2) % 3]!,
    credentialIds: providerSets[i % 4]!,
    createdAt: new Date(now - AGES[Math.floor(i / 7) % 4]! - i * 1000),
    data: { change: `#${i}` },
  }));
  await db.activityEvent.createMany({ data: rows });
  const all = await db.activityEvent.findMany({ where: { orgId: base.org.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return { ...base, second, all, now: new Date(now) };
}

async function everything(orgId: string, filter: TEventFilter, take = 7) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await listEvents({ orgId, filter, cursor: decodeCursor(cursor), take });
    ids.push(...page.events.map((e) => e.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe("activity feed listing", () => {
  it("pages newest first without skipping or repeating an event while new ones arrive, with filters", async () => {
    const { org, agent } = await createAgentWithProviders();
    const at = new Date(Date.now() - 60_000);
    // Same timestamp for many rows: the id breaks ties, so the cursor stays exact.
    await createEvents({ orgId: org.id, agentId: agent.id, type: "failover", severity: "warning", count: 25, at: () => at });
    await createEvents({ orgId: org.id, agentId: agent.id, type: "chain_changed", count: 10, at: () => at });
    await createEvents({ orgId: org.id, agentId: agent.id, type: "failover", severity: "warning", count: 12 });
    const expected = (await db.activityEvent.findMany({ where: { orgId: org.id, type: "failover" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })).map(
      (e) => e.id,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listEvents({
        orgId: org.id,
        filter: { agentId: agent.id, type: "failover", severity: "warning" },
        cursor: decodeCursor(cursor),
        take: 10,
      });
      seen.push(...page.events.map((e) => e.id));
      await recordEvent(db, { orgId: org.id, agentId: agent.id, type: "failover", severity: "warning", data: { change: "arrived meanwhile" } });
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(seen).toHaveLength(37);
  });

  it("returns exactly the events each filter matches, alone and combined, newest first", async () => {
    const f = await feedFixture();
    const { openai, anthropic } = f.providers;
    const hour = new Date(f.now.getTime() - 60 * MIN);
    const day = new Date(f.now.getTime() - 24 * 60 * MIN);
    const week = new Date(f.now.getTime() - 7 * 24 * 60 * MIN);
    const customFrom = new Date(f.now.getTime() - 4 * 60 * MIN);
    const customTo = new Date(f.now.getTime() - 2 * 60 * MIN);
    const cases: Array<[TEventFilter, (e: (typeof f.all)[number]) => boolean]> = [
      [{ type: "failover" }, (e) => e.type === "failover"],
      [{ type: "key_added" }, (e) => e.type === "key_added"],
      [{ severity: "error" }, (e) => e.severity === "error"],
      [{ agentId: f.agent.id }, (e) => e.agentId === f.agent.id],
      [{ agentId: f.second.id }, (e) => e.agentId === f.second.id],
      [{ credentialId: openai.id }, (e) => e.credentialIds.includes(openai.id)],
      [{ credentialId: anthropic.id }, (e) => e.credentialIds.includes(anthropic.id)],
      [{ from: hour }, (e) => e.createdAt >= hour],
      [{ from: day }, (e) => e.createdAt >= day],
      [{ from: week }, (e) => e.createdAt >= week],
      [{ from: customFrom, to: customTo }, (e) => e.createdAt >= customFrom && e.createdAt <= customTo],
      [{ to: week }, (e) => e.createdAt <= week],
      [
        { agentId: f.agent.id, type: "failover", severity: "warning", credentialId: anthropic.id, from: week },
        (e) => e.agentId === f.agent.id && e.type === "failover" && e.severity === "warning" && e.credentialIds.includes(anthropic.id) && e.createdAt >= week,
      ],
    ];
    for (const [filter, matches] of cases) {
      const expected = f.all.filter(matches).map((e) => e.id);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(expected.length, JSON.stringify(filter)).toBeLessThan(f.all.length);
      expect(await everything(f.org.id, filter), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it("returns the events since an instant, the way live updates ask, with the same filters", async () => {
    const f = await feedFixture();
    const since = new Date(f.now.getTime() - 24 * 60 * MIN);
    const expected = f.all.filter((e) => e.createdAt >= since && e.type === "failover").map((e) => e.id);
    const page = await listEvents({ orgId: f.org.id, filter: { type: "failover", from: new Date(f.now.getTime() - 7 * 24 * 60 * MIN) }, since, take: 200 });
    expect(page.events.map((e) => e.id)).toEqual(expected);
    expect(page.nextCursor).toBeNull();
  });

  it("shows organization B none of A's events, even when B's filter names A's agent or provider", async () => {
    const a = await feedFixture();
    const b = await createAgentWithProviders();
    expect(await everything(b.org.id, {})).toEqual((await db.activityEvent.findMany({ where: { orgId: b.org.id }, select: { id: true } })).map((e) => e.id));
    expect(await everything(b.org.id, { agentId: a.agent.id })).toEqual([]);
    expect(await everything(b.org.id, { credentialId: a.providers.openai.id })).toEqual([]);
  });
});
