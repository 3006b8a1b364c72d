import { applyControl } from "../../lib/agents/apply-control";
import { db } from "../../lib/db/client";
import DEMO from "../../prisma/demo.json" with { type: "json" };
import { seedDemo } from "../../prisma/seed-demo";
import { addMembership, unique, upsertUser } from "../fixtures/data";
import { AgentPage, AuthPages } from "../fixtures/pages";
import { controlSimulator, SIMULATOR_URL, simulatorBase } from "../fixtures/simulator";
import { expect, type Page, test } from "../fixtures/test";
import { createRunningAgent } from "../fixtures/turns";

const drillSection = (page: Page) => page.getByRole("region", { name: "Failover drill" });

// Presses the button, reads what the dialog says it will spend, confirms.
async function runDrill(page: Page) {
  await drillSection(page).getByRole("button", { name: "Run failover drill" }).click();
  const dialog = page.getByRole("dialog", { name: "Run a failover drill?" });
  await expect(dialog).toContainText("one real call to each backup provider (1 call), which may cost tokens");
  await dialog.getByRole("button", { name: "Run drill" }).click();
}

const drillResult = (page: Page) => drillSection(page).getByRole("list", { name: "Drill result" });

test("a drill on the demo agent shows each backup answering, in the card and in the activity feed with its attempts", async ({ page }) => {
  const { org } = await seedDemo();
  // The demo's providers on this run's simulator; a running agent keeps the
  // base URLs it was started with, so it is restarted.
  for (const vendor of ["openai", "anthropic"] as const) {
    await db.credential.updateMany({ where: { orgId: org.id, vendor, agentId: null }, data: { baseUrl: simulatorBase(vendor) } });
  }
  const agent = await db.agent.findFirstOrThrow({ where: { orgId: org.id, name: DEMO.agent.name } });
  await applyControl({ orgId: org.id, agentId: agent.id, action: "restart", requestedById: null });

  await new AuthPages(page).signIn({ email: DEMO.email, password: DEMO.password });
  await new AgentPage(page).goto(org.slug, agent.slug);
  await runDrill(page);

  await expect(drillResult(page).getByRole("listitem")).toHaveText([/^Backup 1 \(Anthropic \(simulated\)\) answered in \d+ ms\.$/]);
  await expect(drillSection(page).getByText("Every backup answered")).toBeVisible();

  await page.goto(`/${org.slug}/agents/${agent.slug}/activity?type=drill`);
  const feed = page.getByRole("list", { name: "Activity" });
  const sentence = /^Failover drill by Demo User: Backup 1 \(Anthropic \(simulated\)\) answered in \d+ ms\.$/;
  await expect(feed.getByText(sentence).first()).toBeVisible();
  await feed
    .getByText(/^Attempts/)
    .first()
    .click();
  const attempts = feed.getByRole("list", { name: "Attempts" }).first();
  await expect(attempts).toContainText("OpenAI (simulated) · gpt-4o-mini · Made to fail by the drill (not called)");
  await expect(attempts).toContainText("Anthropic (simulated) · claude-3-5-haiku-latest · OK");
});

test("a backup made to fail through the simulator shows as failed in the card, which a reload still shows; the daily drill is switched on; a member gets no button", async ({
  page,
  browser,
}) => {
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-ok" });
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  const agentPage = new AgentPage(page);
  await agentPage.goto(a.org.slug, a.agent.slug);
  await expect(drillSection(page).getByText("No drill has run on this agent yet.")).toBeVisible();

  await runDrill(page);
  await expect(drillResult(page).getByRole("listitem")).toHaveText([/^Backup 1 \(Anthropic \(simulated\)\) answered in \d+ ms\.$/]);

  await controlSimulator(a.keys.backup, "sim-401");
  await runDrill(page);
  await expect(drillResult(page).getByRole("listitem")).toHaveText(["Backup 1 (Anthropic (simulated)) failed: key rejected (401)."]);
  await expect(drillSection(page).getByText("A backup failed")).toBeVisible();
  await page.reload();
  await expect(drillResult(page).getByRole("listitem")).toHaveText(["Backup 1 (Anthropic (simulated)) failed: key rejected (401)."]);

  await drillSection(page).getByRole("button", { name: "Turn daily drill on" }).click();
  await expect(drillSection(page).getByRole("button", { name: "Turn daily drill off" })).toBeVisible();
  await expect(drillSection(page)).toContainText("Daily drill: on.");

  const member = await upsertUser({ email: `${unique("member")}@example.test`, name: "Member", password: a.password });
  await addMembership({ orgId: a.org.id, userId: member.id, role: "member" });
  const context = await browser.newContext();
  const memberPage = await context.newPage();
  await new AuthPages(memberPage).signIn({ email: member.email, password: a.password });
  await new AgentPage(memberPage).goto(a.org.slug, a.agent.slug);
  await expect(drillResult(memberPage).getByRole("listitem")).toHaveText(["Backup 1 (Anthropic (simulated)) failed: key rejected (401)."]);
  await expect(drillSection(memberPage).getByRole("button", { name: "Run failover drill" })).toHaveCount(0);
  await expect(drillSection(memberPage)).toContainText("Daily drill: on.");
  await expect(drillSection(memberPage).getByRole("button", { name: "Turn daily drill off" })).toHaveCount(0);
  await context.close();
});

test("the button says why it is disabled on an agent that is not running", async ({ page }) => {
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-ok" });
  await applyControl({ orgId: a.org.id, agentId: a.agent.id, action: "stop", requestedById: a.user.id });
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  await new AgentPage(page).goto(a.org.slug, a.agent.slug);

  await expect(drillSection(page).getByRole("button", { name: "Run failover drill" })).toBeDisabled();
  await expect(drillSection(page)).toContainText("Start the agent first: a drill runs through the running chain.");
});
