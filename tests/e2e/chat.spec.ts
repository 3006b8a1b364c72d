import { expect, test } from "@playwright/test";
import { AuthPages } from "../fixtures/pages";
import { SIMULATOR_URL, simulatorBase } from "../fixtures/simulator";
import { unique } from "../fixtures/data";
import { createAgentWithProviders } from "../fixtures/agents";
import { db } from "../../lib/db/client";
import { replaceCredentialKey } from "../../lib/credentials/manage-credentials";
import { seedDemo } from "../../prisma/seed-demo";
import { applyControl } from "../../lib/agents/apply-control";
import DEMO from "../../prisma/demo.json" with { type: "json" };

// Both tests share the demo organization, which seedDemo creates on first use.
test.describe.configure({ mode: "serial" });

async function control(key: string, behaviour: string | null) {
  const res = await fetch(`${SIMULATOR_URL}/_control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key, behaviour }) });
  expect(res.ok).toBe(true);
}

test("in the demo agent's Chat tab, a rate-limited primary is answered by the backup and the answer says so", async ({ page }) => {
  const { org } = await seedDemo();
  // Point the demo's providers at this run's simulator, and give the primary a
  // key of its own so staging its outage touches nothing else.
  for (const vendor of ["openai", "anthropic"] as const) {
    await db.credential.updateMany({ where: { orgId: org.id, vendor, agentId: null }, data: { baseUrl: simulatorBase(vendor) } });
  }
  const primary = await db.credential.findFirstOrThrow({ where: { orgId: org.id, name: "OpenAI (simulated)" } });
  const primaryKey = `sim-ok~${unique("demo")}`;
  await replaceCredentialKey({ orgId: org.id, credentialId: primary.id, apiKey: primaryKey });
  await control(primaryKey, "sim-429");
  const agent = await db.agent.findFirstOrThrow({ where: { orgId: org.id, name: DEMO.agent.name } });
  // A running agent keeps the base URLs it was started with: restart it.
  await applyControl({ orgId: org.id, agentId: agent.id, action: "restart", requestedById: null });

  await new AuthPages(page).signIn({ email: DEMO.email, password: DEMO.password });
  await page.goto(`/${org.slug}/agents/${agent.slug}/chat`);
  await page.getByLabel("Message", { exact: true }).fill("Where is my order?");
  await page.getByRole("button", { name: "Send" }).click();

  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages).toContainText("Where is my order?");
  await expect(messages).toContainText("[anthropic:claude-3-5-haiku-latest]");
  await expect(messages.getByText("Answered by Anthropic (simulated) after OpenAI (simulated) was rate-limited (429)")).toBeVisible();

  await page.goto(`/${org.slug}/agents/${agent.slug}/activity?type=failover`);
  const feed = page.getByRole("list", { name: "Activity" });
  await expect(feed.getByText(/^Failed over from OpenAI \(simulated\) to Anthropic \(simulated\): rate limited \(429\), \d+ ms lost; answered in \d+ ms\.$/).first()).toBeVisible();
  await feed.getByText(/^Attempts/).first().click();
  await expect(feed.getByRole("list", { name: "Attempts" }).first()).toContainText("OpenAI (simulated) · gpt-4o-mini · Rate limited (429)");
  await page.goto(`/${org.slug}/agents/${agent.slug}/chat`);
  await page.getByRole("link", { name: /Where is my order\?/ }).click();

  await control(primaryKey, null);
  await page.getByLabel("Message", { exact: true }).fill("And now?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(messages).toContainText("[openai:gpt-4o-mini]");
});

test("a message to a stopped agent shows a clear error in the chat, and nothing is queued", async ({ page }) => {
  await seedDemo();
  const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO.email } });
  const stopped = await createAgentWithProviders({ simulatorUrl: SIMULATOR_URL });
  await db.membership.upsert({ where: { orgId_userId: { orgId: stopped.org.id, userId: owner.id } }, update: {}, create: { orgId: stopped.org.id, userId: owner.id, role: "member" } });

  await new AuthPages(page).signIn({ email: DEMO.email, password: DEMO.password });
  await page.goto(`/${stopped.org.slug}/agents/${stopped.agent.slug}/chat`);
  await page.getByLabel("Message", { exact: true }).fill("Hello?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Agent is stopped" })).toBeVisible();
  expect(await db.turn.count({ where: { agentId: stopped.agent.id } })).toBe(0);
});
