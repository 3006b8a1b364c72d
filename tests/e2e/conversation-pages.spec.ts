import { createAgentWithProviders } from "../fixtures/agents";
import { addMembership, unique, upsertUser } from "../fixtures/data";
import { insertLongConversation } from "../fixtures/long-conversation";
import { AuthPages } from "../fixtures/pages";
import { SIMULATOR_URL } from "../fixtures/simulator";
import { expect, test } from "../fixtures/test";

test("a long conversation opens on its latest messages, and Earlier messages loads older ones from the keyboard", async ({ page }) => {
  const t = await createAgentWithProviders({ simulatorUrl: SIMULATOR_URL });
  const credentials = { email: `${unique("reader")}@example.com`, password: "correct horse battery" };
  const reader = await upsertUser({ ...credentials, name: "Reader" });
  await addMembership({ orgId: t.org.id, userId: reader.id, role: "member" });
  const conversation = await insertLongConversation({ orgId: t.org.id, agentId: t.agent.id, turns: 200 });

  await new AuthPages(page).signIn(credentials);
  await page.goto(`/${t.org.slug}/agents/${t.agent.slug}/chat?c=${conversation.id}`);
  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByText("Agent: Answer 200", { exact: true })).toBeVisible();
  await expect(messages.getByRole("listitem")).toHaveCount(50);
  await expect(messages.getByText("Agent: Answer 175", { exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: "Earlier messages" }).focus();
  await page.keyboard.press("Enter");
  await expect(messages.getByText("Agent: Answer 175", { exact: true })).toBeVisible();
  await expect(messages.getByText("You: Question 151", { exact: true })).toBeVisible();
  await expect(messages.getByText("Agent: Answer 200", { exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: "Latest messages" }).click();
  await expect(messages.getByText("Agent: Answer 200", { exact: true })).toBeVisible();
});
