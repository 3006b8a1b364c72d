import { readFileSync } from "node:fs";

import type { TSetBackup } from "../../lib/agents/schemas";
import { db } from "../../lib/db/client";
import { anthropicBackup, createAgentWithProviders } from "../fixtures/agents";
import { addMembership, createTenant, setBackup, unique } from "../fixtures/data";
import { AgentPage, AuthPages, ProvidersPage } from "../fixtures/pages";
import { SIMULATOR_URL, simulatorBase } from "../fixtures/simulator";
import { expect, type Page, test } from "../fixtures/test";

type TAgentFixture = Awaited<ReturnType<typeof createAgentWithProviders>>;

// An organization with two simulated saved providers and an agent whose primary is OpenAI.
const agentWithOpenAiPrimary = () => createAgentWithProviders({ simulatorUrl: SIMULATOR_URL });

async function openProviderTab(page: Page, { org, user, password, agent }: TAgentFixture) {
  await new AuthPages(page).signIn({ email: user.email, password });
  const agentPage = new AgentPage(page);
  await agentPage.goto(org.slug, agent.slug, "AI Provider");
  return agentPage;
}

// A pasted Google Gemini key as the backup, with both deadlines 30 seconds.
const pastedGeminiBackup = (baseUrl: string | null): TSetBackup => ({
  mode: "api_key",
  vendor: "google",
  apiKey: `sim-ok~${unique("g")}`,
  model: "gemini-2.0-flash",
  baseUrl,
  firstTokenTimeoutSeconds: 30,
  stallTimeoutSeconds: 30,
});

const links = (agentId: string) =>
  db.chainLink.findMany({
    where: { agentId },
    orderBy: { position: "asc" },
    select: { position: true, model: true, credential: { select: { vendor: true } } },
  });

test("an admin sets a saved Anthropic provider as the backup of an OpenAI agent", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  const agentPage = await openProviderTab(page, data);
  await expect(agentPage.primarySection).toContainText("OpenAI (simulated)");
  await expect(agentPage.primarySection).toContainText("First token timeout30 seconds");
  await expect(agentPage.primarySection).toContainText("Stall timeout30 seconds");

  await agentPage.backupSection.getByRole("combobox", { name: "Provider", exact: true }).selectOption({ label: "Anthropic" });
  await agentPage.backupSection.getByRole("radio", { name: "Saved provider" }).check();
  await expect(agentPage.backupSection.getByRole("combobox", { name: "Saved provider" })).toHaveValue(data.providers.anthropic.id);
  await expect(agentPage.backupSection.getByLabel("Model", { exact: true })).toHaveValue("claude-3-5-haiku-latest");
  await agentPage.setBackup({ vendor: "Anthropic", source: "Saved provider", savedProvider: "Anthropic (simulated)" });

  const backup = agentPage.backup(1);
  await expect(backup).toContainText("Anthropic (simulated)");
  await expect(backup).toContainText("claude-3-5-haiku-latest");
  await expect(backup.getByRole("button", { name: "Remove" })).toBeVisible();
  await expect(agentPage.backupSection.getByRole("button", { name: "Set Backup Provider" })).toHaveCount(0);
  expect(await links(data.agent.id)).toEqual([
    { position: 0, model: "gpt-4o-mini", credential: { vendor: "openai" } },
    { position: 1, model: "claude-3-5-haiku-latest", credential: { vendor: "anthropic" } },
  ]);
});

test("a pasted Google Gemini key becomes the backup, shown only by its last 4 characters and never on the Providers page", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  // Ends in letters no saved key's hint can have, so its hint is recognisable.
  const key = `sim-ok~${unique("gem")}zqxw`;
  const bodies: string[] = [];
  page.on("response", async (response) => bodies.push(await response.text().catch(() => "")));
  const agentPage = await openProviderTab(page, data);

  await agentPage.backupSection.getByRole("combobox", { name: "Provider", exact: true }).selectOption({ label: "Google Gemini" });
  await agentPage.backupSection.getByRole("radio", { name: "API key" }).check();
  await expect(agentPage.backupSection.getByLabel("Model", { exact: true })).toHaveValue("gemini-2.0-flash");
  await agentPage.setBackup({ vendor: "Google Gemini", source: "API key", apiKey: key, baseUrl: simulatorBase("google") });

  const backup = agentPage.backup(1);
  await expect(backup).toContainText("API key …zqxw");
  await expect(backup).toContainText("Google Gemini");
  await expect(backup).toContainText("gemini-2.0-flash");
  expect(await page.content()).not.toContain(key);

  const providers = new ProvidersPage(page);
  await providers.goto(data.org.slug);
  await expect(page.getByRole("list", { name: "Saved providers" }).getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("…zqxw")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  expect(bodies.filter((body) => body.includes(key))).toEqual([]);
  for (const file of [process.env.E2E_WEB_LOG!, process.env.E2E_WORKER_LOG!]) expect(readFileSync(file, "utf8"), file).not.toContain(key);
  const events = await db.activityEvent.findMany({ where: { orgId: data.org.id } });
  expect(events.length).toBeGreaterThan(0);
  expect(JSON.stringify(events)).not.toContain(key);
});

test("every chain change asks for a restart, and the prompt goes once the restarted agent runs it", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  const agentPage = await openProviderTab(page, data);
  await agentPage.start();
  await expect(agentPage.restartNotice).toHaveCount(0);

  await agentPage.changePrimary({ model: "gpt-4o", firstTokenTimeoutSeconds: "20", stallTimeoutSeconds: "8" });
  await expect(agentPage.primarySection).toContainText("gpt-4o");
  await expect(agentPage.primarySection).toContainText("First token timeout20 seconds");
  await expect(agentPage.primarySection).toContainText("Stall timeout8 seconds");
  await expect(agentPage.restartNotice).toBeVisible();
  await expect(agentPage.status).toHaveText("Restart required");
  await agentPage.restartFromNotice();

  await agentPage.setBackup({ vendor: "Anthropic", source: "Saved provider", savedProvider: "Anthropic (simulated)" });
  await expect(agentPage.restartNotice).toBeVisible();
  await agentPage.restartFromNotice();

  await agentPage.tab("Overview").click();
  const running = page.getByRole("list", { name: "Running chain" });
  await expect(running.getByRole("listitem", { name: "Primary" })).toContainText("gpt-4o");
  await expect(running.getByRole("listitem", { name: "Backup 1" })).toContainText("Anthropic (simulated)");
  await agentPage.tab("AI Provider").click();

  await agentPage.removeBackup(1);
  await expect(agentPage.restartNotice).toBeVisible();
  await agentPage.restartFromNotice();

  const agent = await db.agent.findUniqueOrThrow({ where: { id: data.agent.id }, select: { status: true, configVersion: true, runningVersion: true } });
  expect(agent.status).toBe("running");
  expect(agent.runningVersion).toBe(agent.configVersion);
});

test("removing a pasted-key backup asks first, brings the form back and deletes the key", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  await setBackup(data.chain, pastedGeminiBackup(simulatorBase("google")));
  const agentPage = await openProviderTab(page, data);

  await agentPage.backup(1).getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove backup 1?" });
  await expect(dialog).toContainText("The API key pasted for it is deleted.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(agentPage.backup(1)).toBeVisible();

  await agentPage.removeBackup(1);
  await expect(agentPage.backupSection.getByRole("button", { name: "Set Backup Provider" })).toBeVisible();
  await expect(agentPage.backup(1)).toHaveCount(0);
  expect(await links(data.agent.id)).toHaveLength(1);
  expect(await db.credential.count({ where: { agentId: data.agent.id } })).toBe(0);
});

test("Change replaces a backup in place, switching it from a saved provider to a pasted key", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  await setBackup(data.chain, anthropicBackup(data.providers.anthropic.id, { firstTokenTimeoutSeconds: 45, stallTimeoutSeconds: 30 }));
  const agentPage = await openProviderTab(page, data);

  await agentPage.backup(1).getByRole("button", { name: "Change" }).click();
  const dialog = page.getByRole("dialog", { name: "Change backup 1" });
  await expect(dialog.getByRole("combobox", { name: "Provider", exact: true })).toHaveValue("anthropic");
  await expect(dialog.getByRole("radio", { name: "Saved provider" })).toBeChecked();
  await expect(dialog.getByLabel("First token timeout (seconds)")).toHaveValue("45");
  await expect(dialog.getByLabel("Stall timeout (seconds)")).toHaveValue("30");
  await agentPage.setBackup({ vendor: "Google Gemini", source: "API key", apiKey: `sim-ok~${unique("g")}chg1` }, dialog);
  await expect(dialog).toBeHidden();

  await expect(agentPage.backup(1)).toContainText("API key …chg1");
  await expect(agentPage.backup(2)).toHaveCount(0);
  expect((await links(data.agent.id)).map((l) => l.credential.vendor)).toEqual(["openai", "google"]);
});

test("the primary's own saved provider is refused as backup at the Provider field, and nothing is saved", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  const agentPage = await openProviderTab(page, data);

  await agentPage.setBackup({ vendor: "OpenAI", source: "Saved provider", savedProvider: "OpenAI (simulated)" });
  const vendor = agentPage.backupSection.getByRole("combobox", { name: "Provider", exact: true });
  await expect(vendor).toHaveAccessibleDescription("Backup must be a different provider than the primary");
  await expect(vendor).toHaveValue("openai");
  await expect(agentPage.backupSection.getByText("Backup must be a different provider than the primary")).toBeVisible();
  expect(await links(data.agent.id)).toHaveLength(1);
});

test("a malformed pasted key is explained at the field, the form keeps its choices and the key is not echoed", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  const agentPage = await openProviderTab(page, data);
  const section = agentPage.backupSection;
  const keyField = section.getByLabel("API key", { exact: true }).and(page.locator("input[type=password]"));

  for (let attempt = 0; attempt < 2; attempt += 1) {
    await agentPage.setBackup({ vendor: "Google Gemini", source: "API key", apiKey: "not a key", model: "gemini-2.5-pro" });
    await expect(keyField).toHaveAccessibleDescription("The key contains spaces or line breaks; paste it again without them");
    await expect(keyField).toHaveValue("");
    await expect(section.getByRole("radio", { name: "API key" })).toBeChecked();
    await expect(section.getByRole("combobox", { name: "Provider", exact: true })).toHaveValue("google");
    await expect(section.getByLabel("Model", { exact: true })).toHaveValue("gemini-2.5-pro");
  }
  expect(await page.content()).not.toContain("not a key");
  expect(await links(data.agent.id)).toHaveLength(1);
});

test("members and viewers see the AI Provider tab read-only", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  await setBackup(data.chain, anthropicBackup(data.providers.anthropic.id));
  await setBackup(data.chain, pastedGeminiBackup(null));
  const auth = new AuthPages(page);

  for (const role of ["member", "viewer"] as const) {
    const reader = await createTenant();
    await addMembership({ orgId: data.org.id, userId: reader.user.id, role });
    await auth.signIn({ email: reader.user.email, password: reader.password });
    const agentPage = new AgentPage(page);
    await agentPage.goto(data.org.slug, data.agent.slug, "AI Provider");
    await expect(agentPage.primarySection).toContainText("OpenAI (simulated)");
    await expect(agentPage.backup(1)).toContainText("Anthropic (simulated)");
    await expect(agentPage.backup(2)).toContainText("API key …");
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("combobox")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("textbox")).toHaveCount(0);
    await auth.signOut();
  }
});

test("another backup is added at the end, moved up, and the chain stops at three backups", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  await setBackup(data.chain, anthropicBackup(data.providers.anthropic.id));
  const agentPage = await openProviderTab(page, data);
  await expect(agentPage.backup(1).getByRole("button", { name: /^Move backup/ })).toHaveCount(0);

  await agentPage.addAnotherBackup({ vendor: "Google Gemini", source: "API key", apiKey: `sim-ok~${unique("g")}gemk` });
  await expect(agentPage.backup(2)).toContainText("API key …gemk");
  await expect(agentPage.backup(1).getByRole("button", { name: "Move backup 1 up" })).toHaveCount(0);

  await agentPage.backup(2).getByRole("button", { name: "Move backup 2 up" }).click();
  await expect(agentPage.backup(1)).toContainText("API key …gemk");
  await expect(agentPage.backup(2)).toContainText("Anthropic (simulated)");
  expect((await links(data.agent.id)).map((l) => l.credential.vendor)).toEqual(["openai", "google", "anthropic"]);

  await agentPage.addAnotherBackup({ vendor: "OpenRouter", source: "API key", apiKey: `sim-ok~${unique("r")}rtrk` });
  await expect(agentPage.backup(3)).toContainText("API key …rtrk");
  await expect(agentPage.backupSection.getByRole("button", { name: "Add another backup" })).toHaveCount(0);
  await agentPage.backup(1).getByRole("button", { name: "Move backup 1 down" }).click();
  await expect(agentPage.backup(2)).toContainText("API key …gemk");
  expect((await links(data.agent.id)).map((l) => l.credential.vendor)).toEqual(["openai", "anthropic", "google", "openrouter"]);
});

test("an admin sets the turn budget and ends broken answers with an error; the agent asks for a restart, and a viewer cannot edit", async ({ page }) => {
  const data = await agentWithOpenAiPrimary();
  const agentPage = await openProviderTab(page, data);
  await agentPage.start();
  const section = agentPage.answeringSection;
  await expect(section.getByLabel("Turn budget (minutes)")).toHaveValue("10");
  await expect(section.getByLabel("Turn budget (minutes)")).toHaveAccessibleDescription(
    "The longest one turn may take across all providers, streaming included.",
  );
  await expect(section.getByRole("radio", { name: "Continue on the backup" })).toBeChecked();

  await agentPage.setAnswering({ turnBudgetMinutes: "31" });
  await expect(section.getByLabel("Turn budget (minutes)")).toHaveAccessibleDescription("The turn budget must be between 1 and 30 minutes");
  await expect(section.getByLabel("Turn budget (minutes)")).toHaveValue("31");
  await expect(agentPage.restartNotice).toHaveCount(0);

  await agentPage.setAnswering({ turnBudgetMinutes: "4", onBreak: "End with an error" });
  await expect(section.getByText("Saved.")).toBeVisible();
  await expect(agentPage.restartNotice).toBeVisible();
  await expect(agentPage.status).toHaveText("Restart required");
  await expect(section.getByLabel("Turn budget (minutes)")).toHaveValue("4");
  await expect(section.getByRole("radio", { name: "End with an error" })).toBeChecked();
  expect(await db.agent.findUniqueOrThrow({ where: { id: data.agent.id }, select: { turnBudgetMs: true, onBreak: true } })).toEqual({
    turnBudgetMs: 240_000,
    onBreak: "end_with_error",
  });

  await agentPage.restartFromNotice();
  const running = await db.agent.findUniqueOrThrow({ where: { id: data.agent.id }, select: { runtime: true } });
  expect(running.runtime).toMatchObject({ turnBudgetMs: 240_000, onBreak: "end_with_error" });

  const auth = new AuthPages(page);
  await auth.signOut();
  const viewer = await createTenant();
  await addMembership({ orgId: data.org.id, userId: viewer.user.id, role: "viewer" });
  await auth.signIn({ email: viewer.user.email, password: viewer.password });
  const viewerPage = new AgentPage(page);
  await viewerPage.goto(data.org.slug, data.agent.slug, "AI Provider");
  await expect(viewerPage.answeringSection).toContainText("Turn budget4 minutes");
  await expect(viewerPage.answeringSection).toContainText("When an answer breaks offEnd with an error");
  await expect(viewerPage.answeringSection.getByRole("spinbutton")).toHaveCount(0);
  await expect(viewerPage.answeringSection.getByRole("radio")).toHaveCount(0);
  await expect(viewerPage.answeringSection.getByRole("button")).toHaveCount(0);
});
