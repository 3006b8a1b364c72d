import { createHmac } from "node:crypto";

import { db } from "../../lib/db/client";
import { addMembership, createTenant, unique, upsertUser } from "../../prisma/factories";
import { addWaitingEmailChannel } from "../fixtures/alerts";
import { startReceiver } from "../fixtures/http-receiver";
import { AuthPages, ShellPage } from "../fixtures/pages";
import { expect, test } from "../fixtures/test";

test("an owner adds a webhook channel, sees its secret once, sends a test alert and sees it delivered in the log", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    const { user, password, org } = await createTenant();
    await new AuthPages(page).signIn({ email: user.email, password });
    await new ShellPage(page).open("Settings");
    await expect(page.getByText("No alert channels yet")).toBeVisible();
    await expect(page.getByText("No deliveries yet")).toBeVisible();

    const form = page.getByRole("form", { name: "Add alert channel" });
    await expect(form.getByLabel("Kind")).toHaveValue("webhook");
    await form.getByLabel("Channel name").fill("On-call hook");
    await form.getByLabel("Webhook URL").fill(receiver.url("/alerts"));
    await form.getByRole("button", { name: "Add channel" }).click();
    const shown = page.getByLabel("Signing secret");
    await expect(shown).toHaveValue(/^whsec_/);
    const secret = await shown.inputValue();
    const row = page.getByRole("listitem", { name: "On-call hook" });
    await expect(row).toContainText("Webhook");
    await expect(row).toContainText(/http:\/\/127\.0\.0\.1:\d+\/…erts/);

    await page.reload();
    await expect(page.getByLabel("Signing secret")).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    await row.getByRole("button", { name: "Send test alert" }).click();
    await expect(row.getByText("Test alert queued")).toBeVisible();
    const log = page.getByRole("table", { name: "Delivery log, latest first" });
    const entry = log.getByRole("row", { name: /On-call hook/ });
    await expect(entry).toContainText("Delivered");
    await expect(entry.getByRole("cell", { name: "200" })).toBeVisible();

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const [t, v1] = request!.headers["x-understudy-signature"]!.split(",").map((part) => part.split("=")[1]);
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${request!.body}`).digest("hex"));
    expect(JSON.parse(request!.body)).toMatchObject({ type: "test", organization: { slug: org.slug } });
  } finally {
    await receiver.close();
  }
});

test("a member sees the channels, rules and delivery log read-only", async ({ page }) => {
  const { org } = await createTenant();
  const member = await upsertUser({ email: `${unique("m")}@example.test`, name: "Member", password: "correct horse battery" });
  await addMembership({ orgId: org.id, userId: member.id, role: "member" });
  await new AuthPages(page).signIn({ email: member.email, password: "correct horse battery" });
  await page.goto(`/${org.slug}/settings`);
  await expect(page.getByText("No alert channels yet")).toBeVisible();
  await expect(page.getByText("Ask an admin to add one.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Add alert channel" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save rules" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Alert rules" })).toContainText("Failover rate above the threshold (threshold 20 %)");
  await expect(page.getByText("No deliveries yet")).toBeVisible();
});

test("an admin switches a rule off and sets the threshold by keyboard; a bad threshold gets a message", async ({ page }) => {
  const { user, password, org } = await createTenant();
  await new AuthPages(page).signIn({ email: user.email, password });
  await page.goto(`/${org.slug}/settings`);
  const rules = page.getByRole("form", { name: "Alert rules" });
  const drill = rules.getByRole("checkbox", { name: "A failover drill failed" });
  await expect(drill).toBeChecked();
  await drill.focus();
  await page.keyboard.press("Space");
  await rules.getByLabel("Failover-rate threshold (%)").fill("0");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(rules.getByText("At least 1 %")).toBeVisible();
  await rules.getByRole("checkbox", { name: "A failover drill failed" }).uncheck();
  await rules.getByLabel("Failover-rate threshold (%)").fill("35");
  await rules.getByLabel("Failover-rate threshold (%)").press("Enter");
  await expect(rules.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "A failover drill failed" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "All providers failed" })).toBeChecked();
  await expect(page.getByLabel("Failover-rate threshold (%)")).toHaveValue("35");
});

test("an email channel waits for its recipient, who confirms with the button on the link's page; a test alert is refused until then", async ({ page }) => {
  const { user, password, org } = await createTenant();
  const email = `${unique("oncall")}@example.test`;
  const { links } = await addWaitingEmailChannel({ orgId: org.id, userId: user.id, name: "On call", emails: [email] });
  await new AuthPages(page).signIn({ email: user.email, password });
  await page.goto(`/${org.slug}/settings`);
  const row = page.getByRole("listitem", { name: "On call" });
  const recipient = row.getByRole("list", { name: "Recipients of On call" }).getByRole("listitem", { name: email });
  await expect(recipient).toContainText("Waiting for confirmation");
  await row.getByRole("button", { name: "Send test alert" }).click();
  await expect(row.getByRole("alert")).toHaveText(
    "Nobody on this channel has confirmed their address yet. Each was emailed a link; alerts, tests included, go only to confirmed addresses.",
  );

  // Opening the link confirms nothing (mail scanners open links too): the button does.
  await page.goto(`/confirm-alerts/${links[0]!.token}`);
  await expect(page.getByRole("heading", { name: `Receive alerts from ${org.name}?` })).toBeVisible();
  expect(await db.alertRecipient.findUniqueOrThrow({ where: { id: links[0]!.recipientId } })).toMatchObject({ confirmedAt: null });
  await page.getByRole("button", { name: "Confirm alerts to this address" }).click();
  await expect(page.getByRole("heading", { name: "Alerts confirmed" })).toBeVisible();
  await expect(page.getByText(`${email} receives the alerts of "On call", an alert channel of ${org.name}. You can close this page.`)).toBeVisible();

  await page.goto(`/${org.slug}/settings`);
  await expect(recipient).toContainText("Confirmed");
  await expect(row.getByText("Waiting for confirmation")).toHaveCount(0);
});
