import { db } from "../../lib/db/client";
import { createAgentWithProviders } from "../fixtures/agents";
import { addMembership, unique, upsertUser } from "../fixtures/data";
import { AgentPage, AuthPages } from "../fixtures/pages";
import { control, SIMULATOR_URL } from "../fixtures/simulator";
import { expect, type Page, test, watchCspViolations } from "../fixtures/test";
import { createRunningAgent, sendTurn, settledTurn } from "../fixtures/turns";

type TRunning = Awaited<ReturnType<typeof createRunningAgent>>;

// Sent at once and waited for together: each goes to the primary first.
async function turns(a: TRunning, count: number) {
  await Promise.all(
    Array.from({ length: count }, async (_, i) => settledTurn((await sendTurn({ orgId: a.org.id, agentId: a.agent.id, text: `Hello ${i}` })).id)),
  );
}

const healthCard = (page: Page, role: string) => page.getByRole("list", { name: "Provider health" }).getByRole("listitem", { name: role });

test("an agent with no turns shows readable empty states on its Overview", async ({ page }) => {
  const { org, user, password, agent } = await createAgentWithProviders({ simulatorUrl: SIMULATOR_URL });
  await new AuthPages(page).signIn({ email: user.email, password });
  await new AgentPage(page).goto(org.slug, agent.slug);

  await expect(page.getByRole("heading", { name: "No turns in the last 24 hours yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Chat tab" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Start the agent to see provider health" })).toBeVisible();
  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/\?range=7d$/);
  await expect(page.getByRole("heading", { name: "No turns in the last 7 days yet" })).toBeVisible();
});

test("after a few turns the Overview shows the totals, who answered, latency and each provider's health; a viewer gets no buttons", async ({
  page,
  browser,
}) => {
  // Four turns through the worker and two sign-ins.
  test.slow();
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-ok" });
  await turns(a, 2);
  await control(a.keys.primary, "sim-500");
  await turns(a, 1);
  await control(a.keys.backup, "sim-500");
  await turns(a, 1);
  await Promise.all([control(a.keys.primary, null), control(a.keys.backup, null)]);

  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  await new AgentPage(page).goto(a.org.slug, a.agent.slug);
  await expect(page.getByText("4 turns, 1 failover, 1 failed in the last 24 hours").first()).toBeVisible();
  await expect(page.getByRole("img", { name: "Turns per hour: 4 turns, 1 failover, 1 failed in the last 24 hours" })).toBeVisible();
  const answeredBy = page.getByRole("list", { name: "Answered by" });
  await expect(answeredBy.getByRole("listitem")).toHaveText(["OpenAI (simulated): 2 turns (66.7%)", "Anthropic (simulated): 1 turn (33.3%)"]);
  const latency = page.getByRole("table", { name: "Latency per provider" });
  await expect(latency.getByRole("row", { name: /^OpenAI \(simulated\) 2 \d+ ms \d+ ms$/ })).toBeVisible();
  await expect(latency.getByRole("row", { name: /^Anthropic \(simulated\) 1 \d+ ms \d+ ms$/ })).toBeVisible();

  const primary = healthCard(page, "Primary");
  await expect(primary.getByText("Degraded", { exact: true })).toBeVisible();
  await expect(primary).toContainText("Server error (500)");
  await expect(primary).toContainText("4 calls, 50% failed");
  await expect(healthCard(page, "Backup 1")).toContainText("2 calls, 50% failed");
  await expect(primary.getByRole("button", { name: "Probe now" })).toBeVisible();

  const viewer = await upsertUser({ email: `${unique("viewer")}@example.test`, name: "Viewer", password: a.password });
  await addMembership({ orgId: a.org.id, userId: viewer.id, role: "viewer" });
  const context = await browser.newContext();
  const viewerViolations = await watchCspViolations(context);
  const viewerPage = await context.newPage();
  await new AuthPages(viewerPage).signIn({ email: viewer.email, password: a.password });
  await new AgentPage(viewerPage).goto(a.org.slug, a.agent.slug);
  await expect(healthCard(viewerPage, "Primary").getByText("Degraded", { exact: true })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Probe now" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Reset health" })).toHaveCount(0);
  expect(viewerViolations).toEqual([]);
  await context.close();
});

test("Reset health on an open circuit makes the primary Healthy and the next turn goes to it", async ({ page }) => {
  // Three turns through the worker, a sign-in, a probe and a message from the Chat tab.
  test.slow();
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-ok" });
  // Three failures in a row open the primary's circuit (the default threshold).
  await control(a.keys.primary, "sim-503");
  await turns(a, 3);

  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  const agentPage = new AgentPage(page);
  await agentPage.goto(a.org.slug, a.agent.slug);
  const primary = healthCard(page, "Primary");
  await expect(primary.getByText(/^Open until \d\d:\d\d:\d\d/)).toBeVisible();
  await primary.getByRole("button", { name: "Probe now" }).click();
  await expect(primary.getByRole("status")).toHaveText("Probe: Overloaded (503)");
  await expect(primary.getByText(/^Open until /)).toBeVisible();

  await control(a.keys.primary, null);
  await primary.getByRole("button", { name: "Reset health" }).click();
  await page.getByRole("dialog", { name: "Reset health of OpenAI (simulated)?" }).getByRole("button", { name: "Reset health" }).click();
  await expect(primary.getByText("Healthy", { exact: true })).toBeVisible();
  const reset = await db.activityEvent.findFirst({ where: { orgId: a.org.id, type: "health_reset" } });
  expect(reset).toMatchObject({ actorId: a.user.id, data: { provider: "OpenAI (simulated)" } });

  await agentPage.tab("Chat").click();
  await page.getByLabel("Message", { exact: true }).fill("Are you back?");
  await page.getByRole("button", { name: "Send" }).click();
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages).toContainText("[openai:gpt-4o-mini]");
  await expect(messages.getByText(/^Answered by/)).toHaveCount(0);
});

test("Tokens by provider counts every call's tokens, the empty answers failover spent included", async ({ page }) => {
  // Two turns through the worker, a sign-in and a reload.
  test.slow();
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-500", backupKey: "sim-500" });
  await turns(a, 1);
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  await new AgentPage(page).goto(a.org.slug, a.agent.slug);
  await expect(page.getByRole("region", { name: "Tokens by provider" }).getByText("No tokens recorded in this range.")).toBeVisible();

  // The primary answers empty twice (billed both times), then the backup
  // answers; a long message passes a thousand input tokens per call.
  await Promise.all([control(a.keys.primary, "sim-empty"), control(a.keys.backup, "sim-ok")]);
  await settledTurn((await sendTurn({ orgId: a.org.id, agentId: a.agent.id, text: "word ".repeat(1200) })).id);
  await Promise.all([control(a.keys.primary, null), control(a.keys.backup, null)]);
  const attempts = await db.attempt.findMany({ where: { orgId: a.org.id, agentId: a.agent.id } });
  const sum = (label: string, field: "inputTokens" | "outputTokens") => attempts.filter((x) => x.label === label).reduce((n, x) => n + (x[field] ?? 0), 0);
  const [openaiIn, anthropicIn, anthropicOut] = [
    sum("OpenAI (simulated)", "inputTokens"),
    sum("Anthropic (simulated)", "inputTokens"),
    sum("Anthropic (simulated)", "outputTokens"),
  ];
  expect(openaiIn).toBeGreaterThan(2400);
  const n = (value: number) => value.toLocaleString("en");

  await page.reload();
  const table = page.getByRole("table", { name: "Tokens by provider" });
  await expect(table.getByRole("row", { name: `OpenAI (simulated) 3 ${n(openaiIn)} 0`, exact: true })).toBeVisible();
  await expect(table.getByRole("row", { name: `Anthropic (simulated) 2 ${n(anthropicIn)} ${n(anthropicOut)}`, exact: true })).toBeVisible();
  await expect(table.getByRole("row", { name: `Total 5 ${n(openaiIn + anthropicIn)} ${n(anthropicOut)}`, exact: true })).toBeVisible();
});
