import { db } from "../../lib/db/client";
import { ActivityPage } from "../fixtures/activity-page";
import { createAgentOnOpenAi } from "../fixtures/agents";
import { addMembership, createSavedProvider, createTenant, unique } from "../fixtures/data";
import { AuthPages, ProvidersPage } from "../fixtures/pages";
import { SIMULATOR_URL, simulatorBase } from "../fixtures/simulator";
import { expect, test } from "../fixtures/test";

test("an admin adds a provider, sees only its hint, and tests the connection", async ({ page }) => {
  const owner = await createTenant();
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  const providers = new ProvidersPage(page);
  await providers.goto(owner.org.slug);
  await expect(page.getByText("No saved providers yet")).toBeVisible();

  const okKey = `sim-ok~${unique("k")}`;
  await providers.add({ vendor: "OpenAI", name: "OpenAI main", apiKey: okKey, baseUrl: simulatorBase("openai") });
  const row = providers.provider("OpenAI main");
  await expect(row).toContainText(`…${okKey.slice(-4)}`);
  await expect(row).toContainText("gpt-4o-mini");
  await expect(row).toContainText("Used by 0 agents");
  await expect(page.getByText(okKey)).toHaveCount(0);
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByRole("status")).toHaveText(/^OK, \d+ ms$/);

  await providers.add({ vendor: "Anthropic", name: "Anthropic bad key", apiKey: `sim-401~${unique("k")}`, baseUrl: simulatorBase("anthropic") });
  const bad = providers.provider("Anthropic bad key");
  await bad.getByRole("button", { name: "Test connection" }).click();
  await expect(bad.getByRole("status")).toHaveText("Key rejected (401)");
});

test("bad input is explained at the field and nothing is saved", async ({ page }) => {
  const owner = await createTenant();
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  const providers = new ProvidersPage(page);
  await providers.goto(owner.org.slug);
  await providers.add({ vendor: "OpenAI-compatible", name: "Groq", apiKey: "gsk with space" });
  const dialog = page.getByRole("dialog", { name: "Add provider" });
  await expect(dialog.getByText("The key contains spaces or line breaks; paste it again without them")).toBeVisible();
  await expect(dialog.getByText(/needs its base URL/)).toBeVisible();
  expect(await db.credential.count({ where: { orgId: owner.org.id } })).toBe(0);
});

test("deleting a provider an agent uses is refused with the agent's name", async ({ page }) => {
  const owner = await createAgentOnOpenAi({ providerName: "In use", agentName: "Support bot", simulatorUrl: SIMULATOR_URL });

  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  const providers = new ProvidersPage(page);
  await providers.goto(owner.org.slug);
  const row = providers.provider("In use");
  await expect(row).toContainText("Used by 1 agent");
  await row.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete In use?" }).getByRole("button", { name: "Delete provider" }).click();
  await expect(row.getByRole("alert")).toHaveText("In use by Support bot. Change their provider chain before deleting it.");
  await page.reload();
  await expect(providers.provider("In use")).toBeVisible();
});

test("members and viewers see the list read-only", async ({ page }) => {
  const owner = await createTenant();
  const viewer = await createTenant();
  await addMembership({ orgId: owner.org.id, userId: viewer.user.id, role: "member" });
  await createSavedProvider({ orgId: owner.org.id, name: "Shared", vendor: "openai", apiKey: "sim-ok", defaultModel: "gpt-4o-mini" });
  await new AuthPages(page).signIn({ email: viewer.user.email, password: viewer.password });
  await new ProvidersPage(page).goto(owner.org.slug);
  await expect(page.getByRole("listitem", { name: "Shared" })).toBeVisible();
  for (const name of ["Add provider", "Test connection", "Edit", "Replace key", "Delete"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
});

test("a new base URL needs the key again, and the change shows in the activity feed", async ({ page }) => {
  const owner = await createTenant();
  const oldKey = `sim-ok~${unique("old")}`;
  await createSavedProvider({
    orgId: owner.org.id,
    name: "Moving",
    vendor: "openai",
    apiKey: oldKey,
    defaultModel: "gpt-4o-mini",
    baseUrl: simulatorBase("openai"),
  });
  await new AuthPages(page).signIn({ email: owner.user.email, password: owner.password });
  const providers = new ProvidersPage(page);
  await providers.goto(owner.org.slug);

  // The same simulator under another name: a new base URL all the same.
  const moved = simulatorBase("openai").replace("127.0.0.1", "localhost");
  const dialog = await providers.edit("Moving", { baseUrl: moved });
  await expect(dialog.getByRole("alert")).toHaveText("The saved key is only sent to the base URL it was saved with. Enter the key again to use the new one.");
  expect(await db.credential.findFirstOrThrow({ where: { orgId: owner.org.id } })).toMatchObject({
    baseUrl: simulatorBase("openai"),
    keyHint: `…${oldKey.slice(-4)}`,
  });

  const newKey = `sim-ok~${unique("new")}`;
  await dialog.getByLabel("Base URL").fill(moved);
  await dialog.getByLabel("API key").fill(newKey);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  const row = providers.provider("Moving");
  await expect(row).toContainText(moved);
  await expect(row).toContainText(`…${newKey.slice(-4)}`);
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByRole("status")).toHaveText(/^OK, \d+ ms$/);

  await page.goto(`/${owner.org.slug}/activity`);
  await expect(
    new ActivityPage(page).event(
      `Moving now calls ${moved} instead of ${simulatorBase("openai")}, changed by ${owner.user.name}; its key was entered again (…${newKey.slice(-4)}).`,
    ),
  ).toBeVisible();
});
