import { hashApiKey } from "../../lib/api-keys/key-material";
import { db } from "../../lib/db/client";
import { addMembership, createTenant } from "../../prisma/factories";
import { createAgentWithProviders } from "../fixtures/agents";
import { AuthPages } from "../fixtures/pages";
import { SIMULATOR_URL } from "../fixtures/simulator";
import { expect, test } from "../fixtures/test";

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

test(
  "an owner refuses callers' tools and parameters and adds their system messages, by keyboard; " + "it holds after reload, and a viewer sees it read-only",
  async ({ page }) => {
    const { user, password, org, agent } = await createAgentWithProviders({ simulatorUrl: SIMULATOR_URL });
    const auth = new AuthPages(page);
    await auth.signIn({ email: user.email, password });
    await page.goto(`/${org.slug}/agents/${agent.slug}/api`);
    const section = page.getByRole("region", { name: "What callers may send" });
    const params = section.getByRole("checkbox", { name: "Callers may send tools and parameters" });
    const system = section.getByRole("group", { name: "Callers' system messages" });
    const appended = system.getByRole("radio", { name: "Added after the agent's instructions" });
    await expect(params).toBeChecked();
    await expect(params).toHaveAccessibleDescription(
      "Off: a request with tools, tool_choice, response_format or sampling parameters is refused with a 400 naming the parameter.",
    );
    await expect(system).toHaveAccessibleDescription("Dropped keeps callers from replacing your instructions.");
    await expect(system.getByRole("radio", { name: "Dropped: only the agent's instructions apply" })).toBeChecked();

    await params.focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await expect(section.getByRole("button", { name: "Save caller settings" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(section.getByRole("status")).toHaveText("Saved. The next API request follows these settings; no restart needed.");
    expect(await db.agent.findUniqueOrThrow({ where: { id: agent.id }, select: { callerParams: true, callerSystem: true } })).toEqual({
      callerParams: false,
      callerSystem: "append",
    });

    await page.reload();
    await expect(params).not.toBeChecked();
    await expect(appended).toBeChecked();
    await page.goto(`/${org.slug}/agents/${agent.slug}/activity`);
    await expect(page.getByRole("list", { name: "Activity" })).toContainText(
      `Callers may no longer send tools and parameters; Callers' system messages are now added after the instructions (by ${user.name})`,
    );

    await auth.signOut();
    const viewer = await createTenant();
    await addMembership({ orgId: org.id, userId: viewer.user.id, role: "viewer" });
    await auth.signIn({ email: viewer.user.email, password: viewer.password });
    await page.goto(`/${org.slug}/agents/${agent.slug}/api`);
    await expect(section).toContainText("Callers may send tools and parametersNo");
    await expect(section).toContainText("Callers' system messagesAdded after the agent's instructions");
    await expect(section.getByRole("checkbox")).toHaveCount(0);
    await expect(section.getByRole("radio")).toHaveCount(0);
    await expect(section.getByRole("button")).toHaveCount(0);
  },
);
