import OpenAI from "openai";

import { createApiKey } from "../../lib/api-keys/create-api-key";
import { ZCreateApiKey } from "../../lib/api-keys/schemas";
import { db } from "../../lib/db/client";
import { ActivityPage } from "../fixtures/activity-page";
import { createAgentWithProviders } from "../fixtures/agents";
import { createEvents } from "../fixtures/data";
import { AuthPages } from "../fixtures/pages";
import { control, SIMULATOR_URL } from "../fixtures/simulator";
import { expect, test } from "../fixtures/test";
import { createRunningAgent } from "../fixtures/turns";

// On the organization's page the sentence starts with the agent's name.
const FAILOVER = /^(?:[^:]+: )?Failed over from OpenAI \(simulated\) to Anthropic \(simulated\): rate limited \(429\), \d+ ms lost; answered in \d+ ms\.$/;

// Each test starts a running agent and sends real turns through the worker and
// the simulator; on a loaded 2-core machine the setup alone has taken 30 s.
test.describe.configure({ timeout: 120_000 });

// A demo-like running agent (OpenAI primary, Anthropic backup, both simulated)
// with 60 older "Agent restarted" events (more than a page), and an API key
// to send turns with from outside the browser.
async function demoLikeAgent() {
  // A key of the primary's own, so staging its outage leaves the backup's alone.
  const running = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-ok~primary" });
  const { org, agent } = running;
  await createEvents({
    orgId: org.id,
    agentId: agent.id,
    type: "agent_restarted",
    count: 60,
    at: (i) => new Date(Date.now() - 3_600_000 - i * 1000),
    data: (i) => ({ next: [`Old chain ${i}`] }),
  });
  const { key } = await createApiKey({ orgId: org.id, agentId: agent.id, userId: running.user.id }, ZCreateApiKey.parse({ name: "E2E" }));
  const send = (baseURL: string | undefined, text: string) =>
    new OpenAI({ apiKey: key, baseURL: `${baseURL}/api/v1`, maxRetries: 0 }).chat.completions.create({
      model: agent.slug,
      messages: [{ role: "user", content: text }],
    });
  return { ...running, send };
}

test("a failover appears live on the agent's Activity tab, names both providers and the reason, expands to its attempts, and survives the type filter", async ({
  page,
  baseURL,
}) => {
  const t = await demoLikeAgent();
  await new AuthPages(page).signIn({ email: t.user.email, password: "correct horse battery" });
  await page.goto(`/${t.org.slug}/agents/${t.agent.slug}/activity`);
  const activity = new ActivityPage(page);
  await expect(activity.event("Agent restarted: now answering with Old chain 0.")).toBeVisible();
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));

  // Outage staged on the primary's key; the turn arrives through the API, not this page.
  await control(t.keys.primary, "sim-429");
  const answer = await t.send(baseURL, "Where is my order?");
  expect(answer.choices[0]!.message.content).toMatch(/^\[anthropic:/);

  const failover = activity.event(FAILOVER);
  await expect(failover).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(activity.feed.getByRole("listitem").first().getByText(FAILOVER)).toBeVisible();
  await failover.getByText("Attempts (2)").click();
  const attempts = failover.getByRole("list", { name: "Attempts" });
  await expect(attempts.getByRole("listitem").nth(0)).toHaveText(/^OpenAI \(simulated\) · gpt-4o-mini · Rate limited \(429\) · \d+ ms$/);
  await expect(attempts.getByRole("listitem").nth(1)).toHaveText(/^Anthropic \(simulated\) · claude-3-5-haiku-latest · OK(?: \(200\))? · \d+ ms$/);
  const turn = await db.turn.findFirstOrThrow({ where: { agentId: t.agent.id }, select: { id: true, conversationId: true } });
  await expect(failover.getByRole("link", { name: "Open the conversation" })).toHaveAttribute(
    "href",
    `/${t.org.slug}/agents/${t.agent.slug}/chat?c=${turn.conversationId}`,
  );

  // The type filter hides everything else, lives in the URL, and the export follows it.
  await activity.filterByType("Failover");
  await expect(page).toHaveURL(/[?&]type=failover(&|$)/);
  await expect(activity.event(/^Agent restarted/)).toHaveCount(0);
  await expect(failover).toBeVisible();
  const { rows } = await activity.exportCsv();
  expect(rows.slice(1)).toEqual([
    [
      expect.any(String),
      expect.any(String),
      "failover",
      "warning",
      expect.stringMatching(FAILOVER),
      "OpenAI (simulated); Anthropic (simulated)",
      turn.conversationId,
      turn.id,
    ],
  ]);
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(activity.event("Agent restarted: now answering with Old chain 0.")).toBeVisible();
  await control(t.keys.primary, null);
});

test("Load more appends older events in place, and Export CSV downloads every event of the feed in its order", async ({ page }) => {
  const t = await createAgentWithProviders({ simulatorUrl: SIMULATOR_URL });
  await createEvents({
    orgId: t.org.id,
    agentId: t.agent.id,
    type: "agent_restarted",
    count: 60,
    at: (i) => new Date(Date.now() - 3_600_000 - i * 1000),
    data: (i) => ({ next: [`Old chain ${i}`] }),
  });
  await new AuthPages(page).signIn({ email: t.user.email, password: t.password });
  await page.goto(`/${t.org.slug}/agents/${t.agent.slug}/activity`);
  const activity = new ActivityPage(page);

  const events = await db.activityEvent.findMany({
    where: { agentId: t.agent.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { type: true, createdAt: true },
  });
  expect(events.length).toBeGreaterThan(50);
  await expect(activity.event("Agent restarted: now answering with Old chain 48.")).toBeVisible();
  await expect(activity.event("Agent restarted: now answering with Old chain 59.")).toHaveCount(0);
  await activity.loadMore();
  await expect(activity.event("Agent restarted: now answering with Old chain 59.")).toBeVisible();
  await expect(activity.feed.getByText(/^Agent restarted: now answering with Old chain \d+\.$/)).toHaveCount(60);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  const { download, rows } = await activity.exportCsv();
  expect(download.suggestedFilename()).toBe(`activity-${t.org.slug}-${t.agent.slug}-${new Date().toISOString().slice(0, 10)}.csv`);
  expect(rows[0]).toEqual(["time", "agent", "type", "severity", "sentence", "providers", "conversation_id", "turn_id"]);
  expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual(events.map((e) => [e.createdAt.toISOString(), e.type]));
  expect(rows.at(-1)![4]).toBe("Agent restarted: now answering with Old chain 59.");
});

test(
  "scrolled down the organization's feed, new events wait behind a button; " +
    "live updates pause and resume with the connection; the owner sets the retention",
  async ({ page, baseURL }) => {
    const t = await demoLikeAgent();
    await new AuthPages(page).signIn({ email: t.user.email, password: "correct horse battery" });
    await page.goto(`/${t.org.slug}/activity`);
    const activity = new ActivityPage(page);
    await page.getByRole("button", { name: "Load more" }).scrollIntoViewIfNeeded();
    await expect(activity.feed.getByRole("listitem").first()).not.toBeInViewport();

    await control(t.keys.primary, "sim-429");
    await t.send(baseURL, "Anyone there?");
    const pill = page.getByRole("button", { name: "1 new event" });
    await expect(pill).toBeVisible();
    await expect(activity.event(FAILOVER)).toHaveCount(0);
    await pill.click();
    await expect(activity.event(FAILOVER)).toBeInViewport();
    const { name } = await db.agent.findUniqueOrThrow({ where: { id: t.agent.id } });
    await expect(activity.event(FAILOVER)).toContainText(`${name}: Failed over from OpenAI (simulated)`);
    await expect(pill).toHaveCount(0);

    await page.context().setOffline(true);
    await expect(page.getByRole("status").filter({ hasText: "Live updates paused — retrying" })).toBeVisible();
    await page.context().setOffline(false);
    await expect(page.getByRole("status").filter({ hasText: "Live updates paused — retrying" })).toHaveCount(0);
    await control(t.keys.primary, null);

    // The owner sets how long the organization keeps its activity.
    await page.getByLabel("Keep activity for (days)").fill("30");
    await page.getByRole("button", { name: "Save retention" }).click();
    await expect(page.getByText("Activity is kept for 30 days")).toBeVisible();
    expect((await db.organization.findUniqueOrThrow({ where: { id: t.org.id } })).retentionDays).toBe(30);
  },
);
