import { randomBytes, randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { rotateChannelSecrets } from "@/lib/alerts/rotate-channel-secrets";
import { keyringFrom, openChannelValue, sealChannelValue, type TKeyring } from "@/lib/crypto/vault";
import { db } from "@/lib/db/client";

import { createTenant } from "../../fixtures/data";

const newKey = () => randomBytes(32).toString("base64");

// A webhook channel sealed under `keyring`, as createChannel seals one.
async function insertWebhook({ keyring, orgId, url, secret }: { keyring: TKeyring; orgId: string; url: string; secret: string }) {
  const id = randomUUID();
  const sealedUrl = await sealChannelValue(keyring, { orgId, channelId: id, field: "url" }, url);
  const sealedSecret = await sealChannelValue(keyring, { orgId, channelId: id, field: "secret" }, secret);
  await db.alertChannel.create({
    data: {
      id,
      orgId,
      kind: "webhook",
      name: `Hook ${id}`,
      urlCipher: sealedUrl.sealed,
      urlHint: "…",
      secretCipher: sealedSecret.sealed,
      keyVersion: sealedUrl.version,
    },
  });
  return id;
}

describe("master key rotation of alert channels", () => {
  it("re-seals a webhook's URL and secret under the new key; the old key no longer opens them; a channel no key opens is listed", async () => {
    const oldVersion = 9000 + Math.floor(Math.random() * 900);
    const oldKey = newKey();
    const before = keyringFrom({ key: oldKey, version: oldVersion });
    const { org } = await createTenant();
    const id = await insertWebhook({ keyring: before, orgId: org.id, url: "https://hooks.example.com/a", secret: "whsec_a" });
    const lost = await insertWebhook({
      keyring: keyringFrom({ key: newKey(), version: oldVersion }),
      orgId: org.id,
      url: "https://x.test/",
      secret: "whsec_b",
    });

    const nextKey = newKey();
    const during = keyringFrom({ key: nextKey, version: oldVersion + 1, previous: `${oldVersion}:${oldKey}` });
    const first = await rotateChannelSecrets({ keyring: during, orgIds: [org.id] });
    expect(first.rotated).toBe(1);
    expect(first.unopened).toEqual([expect.objectContaining({ id: lost, keyVersion: oldVersion })]);

    const after = keyringFrom({ key: nextKey, version: oldVersion + 1 });
    const row = await db.alertChannel.findUniqueOrThrow({ where: { id } });
    expect(row.keyVersion).toBe(oldVersion + 1);
    expect(await openChannelValue(after, { orgId: org.id, channelId: id, field: "url" }, row.urlCipher!)).toBe("https://hooks.example.com/a");
    expect(await openChannelValue(after, { orgId: org.id, channelId: id, field: "secret" }, row.secretCipher!)).toBe("whsec_a");
    await expect(openChannelValue(before, { orgId: org.id, channelId: id, field: "url" }, row.urlCipher!)).rejects.toThrow();
    // The URL's ciphertext does not open as the secret: each is bound to its field.
    await expect(openChannelValue(after, { orgId: org.id, channelId: id, field: "secret" }, row.urlCipher!)).rejects.toThrow();
    expect((await rotateChannelSecrets({ keyring: during, orgIds: [org.id] })).rotated).toBe(0);
  });
});
