import { db } from "../../lib/db/client";
import { createAgentOnOpenAi, createTenantWithProviders } from "../fixtures/agents";
import { createTenant, setBackup, unique } from "../fixtures/data";
import { AgentPage, AuthPages } from "../fixtures/pages";
import { SIMULATOR_URL } from "../fixtures/simulator";
import { expect, test } from "../fixtures/test";

test("an admin creates an agent through New agent and lands on its AI Provider tab", async ({ page }) => {
  const owner = await createTenantWithProviders({ simulatorUrl: SIMULATOR_URL });
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  await expect(page.getByRole("heading", { name: "No agents yet" })).toBeVisible();

  await page.getByRole("button", { name: "New agent" }).click();
  const dialog = page.getByRole("dialog", { name: "New agent" });
  await dialog.getByRole("button", { name: "Create agent" }).click();
  await expect(dialog.getByText("Enter a name")).toBeVisible();
  await dialog.getByLabel("Name").fill("Billing helper");
  await dialog.getByLabel("Instructions").fill("Answer billing questions in two sentences.");
  await expect(dialog.getByLabel("Model")).toHaveValue("gpt-4o-mini");
  await dialog.getByLabel("Primary provider").selectOption({ label: "Anthropic (simulated) · Anthropic" });
  await expect(dialog.getByLabel("Model")).toHaveValue("claude-3-5-haiku-latest");
  await dialog.getByRole("button", { name: "Create agent" }).click();

  await expect(page).toHaveURL(new RegExp(`/${owner.org.slug}/agents/billing-helper/provider$`));
  await expect(page.getByRole("heading", { level: 1, name: "Billing helper" })).toBeVisible();
  const agentPage = new AgentPage(page);
  await expect(agentPage.tab("AI Provider")).toHaveAttribute("aria-current", "page");
  await expect(agentPage.status).toHaveText("Stopped");
  await expect(agentPage.primarySection).toContainText("Anthropic (simulated)");
  await expect(page.getByRole("status").filter({ hasText: "Start the agent" }).getByRole("button", { name: "Start agent" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agents" }).click();
  const row = page.getByRole("listitem", { name: "Billing helper" });
  await expect(row).toContainText("Stopped");
  await expect(row).toContainText("Anthropic (simulated)");
  await expect(row).toContainText("None");
  await expect(row).toContainText("—");
});

test("the agents list shows status, primary and backups, and links to each agent", async ({ page }) => {
  const { agent, ...owner } = await createAgentOnOpenAi({ providerName: "OpenAI main", agentName: "Front desk", simulatorUrl: SIMULATOR_URL });
  await setBackup(
    { orgId: owner.org.id, agentId: agent.id, userId: owner.user.id },
    {
      mode: "api_key",
      vendor: "anthropic",
      apiKey: `sim-ok~${unique("a")}ant1`,
      model: "claude-3-5-haiku-latest",
      baseUrl: null,
      firstTokenTimeoutSeconds: 30,
      stallTimeoutSeconds: 30,
    },
  );
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });

  const row = page.getByRole("listitem", { name: "Front desk" });
  await expect(row).toContainText("Stopped");
  await expect(row).toContainText("OpenAI main");
  await expect(row).toContainText("API key …ant1");
  await row.getByRole("link", { name: "Front desk" }).click();
  const agentPage = new AgentPage(page);
  await expect(agentPage.tab("Overview")).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Never started")).toBeVisible();
});

test("an organization without saved providers is sent to the Providers page first", async ({ page }) => {
  const owner = await createTenant();
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  await expect(page.getByText("this organization has none yet")).toBeVisible();
  await expect(page.getByRole("button", { name: "New agent" })).toHaveCount(0);
  await page.getByRole("link", { name: "Go to Providers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Providers" })).toBeVisible();
});

test("each agent tab is a page of its own with the current tab marked", async ({ page }) => {
  const { agent, ...owner } = await createAgentOnOpenAi({ providerName: "OpenAI main", agentName: "Tabs bot", simulatorUrl: SIMULATOR_URL });
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  const agentPage = new AgentPage(page);
  await agentPage.goto(owner.org.slug, agent.slug);

  const expected = { Chat: "No conversations yet", API: "No API keys yet", "AI Provider": "Primary Provider" } as const;
  for (const [tab, heading] of Object.entries(expected) as Array<[keyof typeof expected, string]>) {
    await agentPage.tab(tab).click();
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    await expect(agentPage.tab(tab)).toHaveAttribute("aria-current", "page");
    await expect(agentPage.tab("Overview")).not.toHaveAttribute("aria-current", "page");
  }
  await agentPage.tab("Activity").click();
  await expect(agentPage.tab("Activity")).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Agent created with primary OpenAI main (gpt-4o-mini)");
});

test("an admin stops an agent and deletes it after confirming", async ({ page }) => {
  const { agent, ...owner } = await createAgentOnOpenAi({ providerName: "OpenAI main", agentName: "Short-lived", simulatorUrl: SIMULATOR_URL });
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  const agentPage = new AgentPage(page);
  await agentPage.goto(owner.org.slug, agent.slug);
  await agentPage.start();

  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(agentPage.status).toHaveText("Stopped");
  await expect(page.getByRole("button", { name: "Start", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Delete agent" }).click();
  await page.getByRole("dialog", { name: "Delete Short-lived?" }).getByRole("button", { name: "Delete agent" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner.org.slug}/agents$`));
  await expect(page.getByRole("heading", { name: "No agents yet" })).toBeVisible();
  expect(await db.agent.count({ where: { orgId: owner.org.id } })).toBe(0);
});

test("an agent of another organization, or one that does not exist, is a 404", async ({ page }) => {
  const a = await createTenant();
  const { agent, ...b } = await createAgentOnOpenAi({ providerName: "B key", agentName: unique("Secret bot"), simulatorUrl: SIMULATOR_URL });
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });

  for (const path of [`/${b.org.slug}/agents/${agent.slug}/provider`, `/${a.org.slug}/agents/${agent.slug}`, `/${a.org.slug}/agents/${agent.slug}/provider`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});
