import { describe, expect, it } from "vitest";

import { exportResponse } from "@/lib/activity/export-events";
import { feedResponse, type TFeedPage } from "@/lib/activity/feed-response";
import { listEvents } from "@/lib/activity/list-events";
import { db } from "@/lib/db/client";

import { createAgentWithProviders } from "../../fixtures/agents";
import { addMembership, createEvents, createTenant } from "../../fixtures/data";

const get = (userId: string | null, orgSlug: string, qs = "") => feedResponse({ userId, orgSlug, searchParams: new URLSearchParams(qs) });
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as TFeedPage });

async function tenantWithEvents() {
  const t = await createAgentWithProviders();
  const attempts = [
    { label: "OpenAI (simulated)", model: "gpt-4o-mini", outcome: "rate_limited", status: 429, latencyMs: 12, skipped: null },
    { label: "Anthropic (simulated)", model: "claude-3-5-haiku-latest", outcome: "ok", status: 200, latencyMs: 30, skipped: null },
  ];
  await createEvents({
    orgId: t.org.id,
    agentId: t.agent.id,
    type: "failover",
    severity: "warning",
    count: 60,
    credentialIds: [t.providers.openai.id, t.providers.anthropic.id],
    at: (i) => new Date(Date.now() - 120_000 - i * 1000),
    data: (i) => ({
      from: "OpenAI (simulated)",
      to: "Anthropic (simulated)",
      reason: "rate_limited",
      status: 429,
      lostMs: 12,
      totalMs: 42,
      conversationId: `conv-${i}`,
      turnId: `turn-${i}`,
      attempts,
    }),
  });
  return t;
}

describe("the activity JSON route", () => {
  it("gives a member the page as the feed shows it, and Load more continues where it stopped", async () => {
    const t = await tenantWithEvents();
    const first = await json(await get(t.user.id, t.org.slug, `agent=${t.agent.slug}&type=failover`));
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(50);
    expect(first.body.events[0]).toMatchObject({
      type: "failover",
      label: "Failover",
      severity: "warning",
      sentence: "Failed over from OpenAI (simulated) to Anthropic (simulated): rate limited (429), 12 ms lost; answered in 42 ms.",
      attempts: [
        { provider: "OpenAI (simulated)", model: "gpt-4o-mini", outcome: "Rate limited (429)", status: 429, latencyMs: 12 },
        { provider: "Anthropic (simulated)", model: "claude-3-5-haiku-latest", outcome: "OK (200)", status: 200, latencyMs: 30 },
      ],
      conversationHref: `/${t.org.slug}/agents/${t.agent.slug}/chat?c=conv-0`,
    });
    expect(first.body.events[0]!.atLabel).toMatch(/ UTC$/);
    const second = await json(await get(t.user.id, t.org.slug, `agent=${t.agent.slug}&type=failover&cursor=${first.body.nextCursor}`));
    expect(second.body.nextCursor).toBeNull();
    const all = await listEvents({ orgId: t.org.id, filter: { agentId: t.agent.id, type: "failover" }, take: 500 });
    expect([...first.body.events, ...second.body.events].map((e) => e.id)).toEqual(all.events.map((e) => e.id));
  });

  it("prefixes the agent's name on the organization's feed, not on the agent's own", async () => {
    const t = await tenantWithEvents();
    const org = await json(await get(t.user.id, t.org.slug, "type=failover"));
    const agent = await json(await get(t.user.id, t.org.slug, `type=failover&agent=${t.agent.slug}`));
    const { name } = await db.agent.findUniqueOrThrow({ where: { id: t.agent.id } });
    expect(org.body.events[0]!.sentence).toBe(`${name}: ${agent.body.events[0]!.sentence}`);
  });

  it("answers live polls with everything since an instant, with the page's filters", async () => {
    const t = await tenantWithEvents();
    const since = new Date(Date.now() - 130_000);
    const { body } = await json(await get(t.user.id, t.org.slug, `type=failover&since=${since.toISOString()}`));
    const expected = await db.activityEvent.findMany({
      where: { orgId: t.org.id, type: "failover", createdAt: { gte: since } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(expected.length).toBeGreaterThan(5);
    expect(body.events.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(body.nextCursor).toBeNull();
  });

  it("treats unreadable filters as no filter instead of failing", async () => {
    const t = await tenantWithEvents();
    const plain = await json(await get(t.user.id, t.org.slug));
    const bad = await json(await get(t.user.id, t.org.slug, "type=nope&severity=loud&range=forever&from=x&provider=%00&cursor=garbage&since=soon"));
    expect(bad.status).toBe(200);
    expect(bad.body.events.map((e) => e.id)).toEqual(plain.body.events.map((e) => e.id));
  });

  it("lets a viewer read, and answers 404 to the signed out and to members of other organizations", async () => {
    const a = await tenantWithEvents();
    const b = await createTenant();
    const viewer = await createTenant("viewer");
    await addMembership({ orgId: a.org.id, userId: viewer.user.id, role: "viewer" });
    expect((await get(viewer.user.id, a.org.slug)).status).toBe(200);
    for (const response of [
      await get(null, a.org.slug),
      await get(b.user.id, a.org.slug),
      await exportResponse({ userId: b.user.id, orgSlug: a.org.slug, searchParams: new URLSearchParams() }),
    ]) {
      expect(response.status).toBe(404);
      expect(JSON.stringify(await response.json())).not.toContain("Failed over");
    }
  });

  it("answers 404 when organization B asks its own feed for A's agent, and B's feed has none of A's events", async () => {
    const a = await tenantWithEvents();
    const b = await createAgentWithProviders();
    const response = await get(b.user.id, b.org.slug, `agent=${a.agent.slug}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: "Agent not found" } });
    const own = await json(await get(b.user.id, b.org.slug, `provider=${a.providers.openai.id}`));
    expect(own.body.events).toEqual([]);
    const ids = new Set((await db.activityEvent.findMany({ where: { orgId: a.org.id }, select: { id: true } })).map((e) => e.id));
    expect((await json(await get(b.user.id, b.org.slug))).body.events.filter((e) => ids.has(e.id))).toEqual([]);
  });
});
