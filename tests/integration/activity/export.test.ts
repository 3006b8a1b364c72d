import { describe, expect, it } from "vitest";

import { CSV_HEADER } from "@/lib/activity/csv";
import { eventsCsv, exportResponse } from "@/lib/activity/export-events";
import { listEvents, type TEventFilter } from "@/lib/activity/list-events";
import { db } from "@/lib/db/client";

import { createAgentWithProviders } from "../../fixtures/agents";
import { parseCsv } from "../../fixtures/csv";
import { createAgent, createEvents, unique } from "../../fixtures/data";

async function allListed(orgId: string, filter: TEventFilter) {
  return (await listEvents({ orgId, filter, take: 10_000 })).events;
}

describe("activity CSV export", () => {
  it("streams every event of the filter in feed order, in batches, quoted and formula-safe", async () => {
    const t = await createAgentWithProviders();
    const other = await createAgent({
      orgId: t.org.id,
      userId: t.user.id,
      input: { name: unique("Other"), instructions: "x", credentialId: t.providers.openai.id, model: "m" },
    });
    // The agent's name is a formula; the data holds quotes, commas and a line break.
    await db.agent.update({ where: { id: t.agent.id }, data: { name: '=HYPERLINK("http://x","Support")' } });
    const start = Date.now() - 3_600_000;
    await createEvents({
      orgId: t.org.id,
      agentId: t.agent.id,
      type: "all_failed",
      severity: "error",
      count: 2500,
      credentialIds: [t.providers.openai.id, t.providers.anthropic.id],
      at: (i) => new Date(start + Math.floor(i / 3) * 1000),
      data: (i) => ({ outcome: "server_error", status: 500, conversationId: `conv-${i}`, turnId: `turn-${i}` }),
    });
    await createEvents({ orgId: t.org.id, agentId: other.id, type: "all_failed", severity: "error", count: 40 });
    await createEvents({ orgId: t.org.id, agentId: t.agent.id, type: "chain_changed", count: 3, data: () => ({ change: '-Backup "B", then\nC' }) });

    const searchParams = new URLSearchParams({ agent: t.agent.slug, type: "all_failed" });
    const now = new Date("2026-11-23T12:00:00Z");
    const response = await exportResponse({ userId: t.user.id, orgSlug: t.org.slug, searchParams, now });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="activity-${t.org.slug}-${t.agent.slug}-2026-11-23.csv"`);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual([...CSV_HEADER]);

    const expected = await allListed(t.org.id, { agentId: t.agent.id, type: "all_failed" });
    expect(expected).toHaveLength(2500);
    expect(rows.map((r) => r[7])).toEqual(expected.map((e) => (e.data as { turnId: string }).turnId));
    expect(rows.map((r) => r[0])).toEqual(expected.map((e) => e.createdAt.toISOString()));
    expect(rows[0]).toEqual([
      expected[0]!.createdAt.toISOString(),
      `'=HYPERLINK("http://x","Support")`,
      "all_failed",
      "error",
      "All providers failed; the caller got the primary's error: server error (500).",
      "OpenAI (simulated); Anthropic (simulated)",
      (expected[0]!.data as { conversationId: string }).conversationId,
      (expected[0]!.data as { turnId: string }).turnId,
    ]);
  });

  it("quotes a sentence with quotes, commas and line breaks, and neutralises one that starts like a formula", async () => {
    const t = await createAgentWithProviders();
    await createEvents({ orgId: t.org.id, type: "chain_changed", count: 1, data: () => ({ change: '-Backup "B", then\nC' }) });
    const response = await exportResponse({ userId: t.user.id, orgSlug: t.org.slug, searchParams: new URLSearchParams("type=chain_changed") });
    const text = await response.text();
    expect(text).toContain(`,chain_changed,info,"'-Backup ""B"", then\nC.",,,\r\n`);
    const rows = parseCsv(text).slice(1);
    expect(rows.map((r) => r[4])).toContain(`'-Backup "B", then\nC.`);
  });

  it("reads the table one batch at a time", async () => {
    const t = await createAgentWithProviders();
    await createEvents({ orgId: t.org.id, type: "failover", count: 2500, at: (i) => new Date(Date.now() - 10_000 - i) });
    const reader = eventsCsv({ orgId: t.org.id, filter: { type: "failover" }, batchSize: 1000 }).getReader();
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(decoder.decode(r.value));
    // The header, then three batches of at most 1000 rows.
    expect(chunks.map((c) => parseCsv(c).length)).toEqual([1, 1000, 1000, 500]);
  });
});
