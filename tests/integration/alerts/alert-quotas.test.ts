// An organization's alert channels (ALERT_CHANNELS_PER_ORG) and test alerts
// an hour (ALERT_TESTS_PER_HOUR), each refused past its limit with a message
// the Settings page shows. Small limits here, set before the settings are read.
import { describe, expect, it } from "vitest";

import { createChannel, listChannels } from "@/lib/alerts/channels";
import { sendTestAlert } from "@/lib/alerts/deliveries";
import { ZCreateChannel } from "@/lib/alerts/schemas";
import { runOrgAction } from "@/lib/auth/org-action";
import { db } from "@/lib/db/client";

import { addChannel } from "../../fixtures/alerts";
import { createTenant } from "../../fixtures/data";
import { isolateQueues } from "../../fixtures/isolated-queues";
import { raceAtInsert } from "../../fixtures/race";

process.env.ALERT_CHANNELS_PER_ORG = "3";
process.env.ALERT_TESTS_PER_HOUR = "2";
// No worker takes this file's deliveries: they stay queued under a prefix of their own.
isolateQueues("alert-quotas");

const hook = (name: string) => ({ kind: "webhook", name, url: "http://127.0.0.1:9/hook" });

describe("alert channels per organization", () => {
  it("adds channels up to the limit, then the form says to delete one first; another organization is not affected", async () => {
    const { org, user } = await createTenant();
    for (const name of ["One", "Two", "Three"]) await addChannel(org.id, user.id, hook(name));
    const refused = await runOrgAction({
      userId: user.id,
      orgSlug: org.slug,
      permission: "alerts:manage",
      schema: ZCreateChannel,
      input: hook("Four"),
      run: (ctx, input) => createChannel({ orgId: ctx.orgId, userId: ctx.userId, input }),
    });
    expect(refused).toEqual({
      ok: false,
      error: "This organization already has 3 alert channels, the most it may have. Delete one it no longer needs, then add this one.",
      fields: undefined,
    });
    expect((await listChannels({ orgId: org.id })).map((c) => c.name)).toEqual(["One", "Two", "Three"]);
    const other = await createTenant();
    await expect(addChannel(other.org.id, other.user.id, hook("Four"))).resolves.toMatchObject({ secret: expect.stringMatching(/^whsec_/) });
  });

  it("lets only one of several additions at once take the last place", async () => {
    const { org, user } = await createTenant();
    for (const name of ["One", "Two"]) await addChannel(org.id, user.id, hook(name));
    const results = await raceAtInsert({
      table: "alert_channels",
      waiters: 4,
      start: () => ["A", "B", "C", "D"].map((name) => addChannel(org.id, user.id, hook(`Parallel ${name}`))),
    });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.alertChannel.count({ where: { orgId: org.id } })).toBe(3);
  });
});

describe("test alerts per organization and hour", () => {
  it("sends the hour's test alerts, then says when the next may go; nothing is queued for the refused one", async () => {
    const { org, user } = await createTenant();
    const { id } = await addChannel(org.id, user.id, hook("Hook"));
    await sendTestAlert({ orgId: org.id, channelId: id });
    await sendTestAlert({ orgId: org.id, channelId: id });
    await expect(sendTestAlert({ orgId: org.id, channelId: id })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^This organization has sent 2 test alerts in the last hour, the most it may\. Send the next one in (59|60) minutes\.$/),
    });
    expect(await db.alertDelivery.count({ where: { channelId: id } })).toBe(2);
    const other = await createTenant();
    const theirs = await addChannel(other.org.id, other.user.id, hook("Hook"));
    await expect(sendTestAlert({ orgId: other.org.id, channelId: theirs.id })).resolves.toMatchObject({ deliveryId: expect.any(String) });
  });
});
