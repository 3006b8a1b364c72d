import { applyControl } from "../../lib/agents/apply-control";
import { consumeOrgRateLimit } from "../../lib/api-keys/consume-rate-limit";
import { replaceCredentialKey } from "../../lib/credentials/manage-credentials";
import { db } from "../../lib/db/client";
import { ZEnv } from "../../lib/env";
import { takeStreamLease } from "../../lib/turns/stream-leases";
import DEMO from "../../prisma/demo.json" with { type: "json" };
import { seedDemo } from "../../prisma/seed-demo";
import { createAgentWithProviders } from "../fixtures/agents";
import { addMembership, unique, upsertUser } from "../fixtures/data";
import { AuthPages, ChatPage } from "../fixtures/pages";
import { controlSimulator, SIMULATOR_URL, simulatorBase } from "../fixtures/simulator";
import { expect, test } from "../fixtures/test";
import { createRunningAgent, sendTurn, settledTurn } from "../fixtures/turns";

test.describe("the demo organization", () => {
  // Both tests share the demo organization, which seedDemo creates on first use.
  test.describe.configure({ mode: "serial" });

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
    await controlSimulator(primaryKey, "sim-429");
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
    await expect(
      feed.getByText(/^Failed over from OpenAI \(simulated\) to Anthropic \(simulated\): rate limited \(429\), \d+ ms lost; answered in \d+ ms\.$/).first(),
    ).toBeVisible();
    await feed
      .getByText(/^Attempts/)
      .first()
      .click();
    await expect(feed.getByRole("list", { name: "Attempts" }).first()).toContainText("OpenAI (simulated) · gpt-4o-mini · Rate limited (429)");
    await page.goto(`/${org.slug}/agents/${agent.slug}/chat`);
    await page.getByRole("link", { name: /Where is my order\?/ }).click();

    await controlSimulator(primaryKey, null);
    await page.getByLabel("Message", { exact: true }).fill("And now?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(messages).toContainText("[openai:gpt-4o-mini]");
  });

  test("a message to a stopped agent shows a clear error in the chat, and nothing is queued", async ({ page }) => {
    await seedDemo();
    const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO.email } });
    const stopped = await createAgentWithProviders({ simulatorUrl: SIMULATOR_URL });
    await db.membership.upsert({
      where: { orgId_userId: { orgId: stopped.org.id, userId: owner.id } },
      update: {},
      create: { orgId: stopped.org.id, userId: owner.id, role: "member" },
    });

    await new AuthPages(page).signIn({ email: DEMO.email, password: DEMO.password });
    await page.goto(`/${stopped.org.slug}/agents/${stopped.agent.slug}/chat`);
    await page.getByLabel("Message", { exact: true }).fill("Hello?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Agent is stopped" })).toBeVisible();
    expect(await db.turn.count({ where: { agentId: stopped.agent.id } })).toBe(0);
  });
});

test("past the organization's requests a minute, the Chat tab says when to send again, and nothing is sent", async ({ page }) => {
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-ok" });
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  const chat = new ChatPage(page);
  await chat.goto(a.org.slug, a.agent.slug);
  // The server's limit comes from the same variable; use it up as API requests would.
  const orgLimit = ZEnv.shape.ORG_API_RATE_LIMIT_PER_MINUTE.parse(process.env.ORG_API_RATE_LIMIT_PER_MINUTE);
  for (let i = 0; i < orgLimit; i++) await consumeOrgRateLimit({ orgId: a.org.id, orgLimit });
  await chat.send("Anyone there?");
  await expect(
    page.getByRole("alert").filter({
      hasText: new RegExp(
        `^Your organization has sent ${orgLimit} messages in the last minute \\(the Chat tab and its API keys together\\), the most it may\\. Send this one again in `,
      ),
    }),
  ).toBeVisible();
  expect(await db.turn.count({ where: { agentId: a.agent.id } })).toBe(0);
});

const words = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `c${from + i}`).join(" ");
const streamUrl = ({ org, agent, turn }: { org: string; agent: string; turn: string }) => `/api/orgs/${org}/agents/${agent}/turns/${turn}/stream`;

test("shows the first words of a slow answer before it is complete", async ({ page }) => {
  // 20 chunks 100 ms apart: about two seconds from the first word to the last.
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-chunks-20-100" });
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  const chat = new ChatPage(page);
  await chat.goto(a.org.slug, a.agent.slug);
  await chat.send("Tell me slowly.");

  await expect(chat.messages).toContainText("Tell me slowly.");
  // One look at the bubble: the first words are there and the last are not.
  await expect(chat.answers).toHaveText(/^Agent: \[openai:gpt-4o-mini\] c1\b(?!.*c20\.)/);
  const whole = `Agent: [openai:gpt-4o-mini] ${words(1, 20)}.`;
  await expect(chat.answers).toHaveText(whole);
  await expect(chat.lostConnection).toHaveCount(0);

  // Stored: a fresh load reads it from PostgreSQL, once.
  await page.reload();
  await expect(chat.answers).toHaveText(whole);
});

test("a mid-stream break reads as one continuous answer", async ({ page }) => {
  // The OpenAI primary sends five chunks and resets the connection; the Anthropic backup finishes the answer.
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-cut-after-5-100", backupKey: "sim-ok" });
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  const chat = new ChatPage(page);
  await chat.goto(a.org.slug, a.agent.slug);
  await chat.send("Tell me everything.");

  const continuous = new RegExp(`^Agent: \\[openai:gpt-4o-mini\\] ${words(1, 5)}\\s*\\[anthropic:claude-3-5-haiku-latest\\] continues the answer\\.`);
  await expect(chat.answers).toHaveText(continuous);
  await expect(chat.answers.getByText(/^Answered by /)).toBeVisible();

  await page.reload();
  await expect(chat.answers).toHaveCount(1);
  await expect(chat.answers).toHaveText(continuous);
  await expect(chat.answers.getByText(/^Answered by /)).toBeVisible();
});

test("an agent set to end broken answers with an error keeps the words that arrived, then says why it stopped", async ({ page }) => {
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-cut-after-3-100" });
  await db.agent.update({ where: { id: a.agent.id }, data: { onBreak: "end_with_error" } });
  await applyControl({ orgId: a.org.id, agentId: a.agent.id, action: "restart", requestedById: a.user.id });
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  const chat = new ChatPage(page);
  await chat.goto(a.org.slug, a.agent.slug);
  await chat.send("Tell me everything.");

  await expect(page.getByRole("alert").filter({ hasText: "The agent could not answer" })).toContainText("The agent could not answer: The answer broke off");
  await expect(page.getByText(`[openai:gpt-4o-mini] ${words(1, 3)}`)).toBeVisible();
});

test("when the live connection is lost, the tab says so and the answer still appears", async ({ page }) => {
  // Five chunks a second apart: the turn is still running when the tab opens its stream.
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-chunks-5-1000" });
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  const chat = new ChatPage(page);
  await chat.goto(a.org.slug, a.agent.slug);
  await page.route("**/turns/*/stream", (route) => route.abort("connectionreset"));
  await chat.send("Are you there?");

  await expect(chat.lostConnection).toBeVisible();
  await expect(chat.answers).toHaveText(`Agent: [openai:gpt-4o-mini] ${words(1, 5)}.`);
  await expect(chat.lostConnection).toHaveCount(0);
});

test("a person who follows too many answers live is told why this one is not live, and it appears once stored", async ({ page }) => {
  // Five chunks a second apart: the turn is still running when the tab asks to follow it.
  const a = await createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-chunks-5-1000" });
  // Other tabs of this person hold every place they have (STREAMS_PER_USER, 10 by default).
  const held = await Promise.all(Array.from({ length: 10 }, () => takeStreamLease({ orgId: a.org.id, owner: { userId: a.user.id } })));
  expect(held.every((taken) => taken.ok)).toBe(true);
  await new AuthPages(page).signIn({ email: a.user.email, password: a.password });
  const chat = new ChatPage(page);
  await chat.goto(a.org.slug, a.agent.slug);
  await chat.send("Are you there?");

  await expect(
    page.getByText(
      "You are following 10 answers live already, the most allowed at once. This answer will appear here when it is ready; close other Chat tabs to follow it live.",
    ),
  ).toBeVisible();
  await expect(chat.answers).toHaveText(`Agent: [openai:gpt-4o-mini] ${words(1, 5)}.`);
  for (const taken of held) if (taken.ok) taken.lease.release();
});

test("a viewer follows their organization's turns live; another organization's turn is not found", async ({ page, request }) => {
  const [a, b] = await Promise.all([
    createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-ok" }),
    createRunningAgent({ simulatorUrl: SIMULATOR_URL, primaryKey: "sim-ok" }),
  ]);
  const [mine, theirs] = await Promise.all([
    sendTurn({ orgId: a.org.id, agentId: a.agent.id, text: "Hello" }),
    sendTurn({ orgId: b.org.id, agentId: b.agent.id, text: "Hello" }),
  ]);
  await Promise.all([settledTurn(mine.id), settledTurn(theirs.id)]);
  const viewer = await upsertUser({ email: `${unique("viewer")}@example.test`, name: "Viewer", password: "correct horse battery" });
  await addMembership({ orgId: a.org.id, userId: viewer.id, role: "viewer" });
  await new AuthPages(page).signIn({ email: viewer.email, password: "correct horse battery" });

  // Settled already: the end at once, from PostgreSQL.
  const settled = await page.request.get(streamUrl({ org: a.org.slug, agent: a.agent.slug, turn: mine.id }));
  expect(settled.status()).toBe(200);
  expect(settled.headers()["content-type"]).toContain("text/event-stream");
  expect(settled.headers()["cache-control"]).toBe("no-cache, no-transform");
  const [event, data] = (await settled.text()).trim().split("\n");
  expect(event).toBe("event: end");
  expect(JSON.parse(data!.replace(/^data: /, ""))).toMatchObject({ ok: true, providers: ["OpenAI (simulated)"], failedOver: false, error: null });

  for (const url of [
    streamUrl({ org: a.org.slug, agent: a.agent.slug, turn: theirs.id }),
    streamUrl({ org: b.org.slug, agent: b.agent.slug, turn: theirs.id }),
    streamUrl({ org: a.org.slug, agent: b.agent.slug, turn: mine.id }),
  ]) {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(404);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  }
  // Signed out: not found either.
  const signedOut = await request.get(streamUrl({ org: a.org.slug, agent: a.agent.slug, turn: mine.id }));
  expect(signedOut.status()).toBe(404);
});
