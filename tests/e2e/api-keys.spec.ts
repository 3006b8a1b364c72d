import { expect, test } from "@playwright/test";
import { AuthPages } from "../fixtures/pages";
import { createAgentWithProviders } from "../fixtures/agents";
import { SIMULATOR_URL } from "../fixtures/simulator";
import { db } from "../../lib/db/client";
import { hashApiKey } from "../../lib/api-keys/key-material";

test("an admin creates an agent API key that is shown once, then revokes it", async ({ page }) => {
  const { user, password, org, agent } = await createAgentWithProviders({ simulatorUrl: SIMULATOR_URL });
  await new AuthPages(page).signIn({ email: user.email, password });
  await page.goto(`/${org.slug}/agents/${agent.slug}/api`);
  await expect(page.getByText("No API keys yet")).toBeVisible();

  await page.getByLabel("Key name").fill("Website widget");
  await page.getByRole("button", { name: "Create API key" }).click();
  const shown = page.getByLabel("New API key");
  await expect(shown).toHaveValue(/^us_/);
  const key = await shown.inputValue();
  const row = page.getByRole("listitem", { name: "Website widget" });
  await expect(row).toContainText(`…${key.slice(-4)}`);
  expect(await db.agentApiKey.count({ where: { agentId: agent.id, keyHash: hashApiKey(key) } })).toBe(1);

  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(page.getByLabel("New API key")).toHaveCount(0);

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke Website widget?" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  const response = await page.request.post("/api/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}` },
    data: { model: agent.slug, messages: [{ role: "user", content: "hi" }] },
  });
  expect(response.status()).toBe(401);
});
