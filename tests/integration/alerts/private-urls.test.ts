// Channel URLs pass the same private-address rule as provider URLs: refused
// when saved, and refused again where the connection is made, for a URL
// saved while the rule allowed it. The receivers are real servers on
// loopback that must receive nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { sendTestAlert } from "@/lib/alerts/deliveries";
import { ZCreateChannel } from "@/lib/alerts/schemas";
import { db } from "@/lib/db/client";

import { addChannel, settledDelivery } from "../../fixtures/alerts";
import { createTenant } from "../../fixtures/data";
import { startReceiver } from "../../fixtures/http-receiver";
import { isolateQueues } from "../../fixtures/isolated-queues";
import { startWorker, type TWorkerProcess } from "../../fixtures/worker-process";

isolateQueues("alert-private-urls");
const receiver = await startReceiver();

// This file's worker runs as a hosted instance does; the test process, which
// saves the channels, allows private URLs as every other test does.
let worker: TWorkerProcess;
beforeAll(async () => {
  worker = await startWorker({ ALLOW_PRIVATE_PROVIDER_URLS: "false" });
});
afterAll(async () => {
  await worker.stop();
  await receiver.close();
});

describe("a channel URL on a private address", () => {
  it("is refused when saved by an instance that does not allow private URLs, and nothing is stored", async () => {
    const { org, user } = await createTenant();
    // The settings are read once per process: a fresh copy of the modules reads them as a hosted instance sets them.
    vi.stubEnv("ALLOW_PRIVATE_PROVIDER_URLS", "false");
    vi.resetModules();
    try {
      const { createChannel } = await import("@/lib/alerts/channels");
      for (const [kind, url] of [
        ["webhook", receiver.url()],
        ["slack", "http://[::1]:9/services/T0"],
        ["webhook", "http://10.0.0.7/hooks/a"],
      ] as const) {
        const error: unknown = await createChannel({ orgId: org.id, userId: user.id, input: ZCreateChannel.parse({ kind, name: "Internal", url }) }).catch(
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ code: "INVALID_INPUT", fields: { url: expect.stringMatching(/^Channel URL points at a private or local address/) } });
      }
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
    expect(await db.alertChannel.count({ where: { orgId: org.id } })).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });

  it("is refused on a cloud metadata address even where private URLs are allowed, and nothing is stored", async () => {
    const { org, user } = await createTenant();
    const { createChannel } = await import("@/lib/alerts/channels");
    for (const [kind, url, host] of [
      ["webhook", "http://169.254.169.254/latest/meta-data", "169.254.169.254"],
      ["slack", "http://[fd00:ec2::254]/services/T0", "fd00:ec2::254"],
    ] as const) {
      const error: unknown = await createChannel({ orgId: org.id, userId: user.id, input: ZCreateChannel.parse({ kind, name: "Metadata", url }) }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        code: "INVALID_INPUT",
        fields: { url: `Channel URL points at a cloud metadata service (host "${host}"), which is never allowed.` },
      });
    }
    expect(await db.alertChannel.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("saved while allowed, is refused where the worker connects: the delivery fails and the receiver gets nothing", async () => {
    const { org, user } = await createTenant();
    const { id } = await addChannel(org.id, user.id, { kind: "webhook", name: "Saved earlier", url: receiver.url() });
    const { deliveryId } = await sendTestAlert({ orgId: org.id, channelId: id });
    // Refused by rule, it would be refused again: one attempt, no retries.
    expect(await settledDelivery(deliveryId)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastStatusCode: null,
      lastError: "The channel's host resolves to a private or local address, which alerts may not reach.",
    });
    expect(receiver.received).toHaveLength(0);
  });
});
