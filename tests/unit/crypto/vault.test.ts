import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { keyHint } from "@/lib/crypto/key-hint";
import { keyringFrom, open, seal, sealedVersion, VaultError } from "@/lib/crypto/vault";

const newKey = () => randomBytes(32).toString("base64");
const ctx = { orgId: "org_a", credentialId: "cred_1" };

describe("vault", () => {
  it("opens what it sealed, and the sealed text does not contain the key", async () => {
    const ring = keyringFrom({ key: newKey(), version: 1 });
    const { sealed, version } = await seal(ring, ctx, "sk-live-abcdef123456");
    expect(version).toBe(1);
    expect(sealed).not.toContain("sk-live");
    expect(sealedVersion(sealed)).toBe(1);
    expect(await open(ring, ctx, sealed)).toBe("sk-live-abcdef123456");
  });

  it("refuses to open a ciphertext moved to another credential or organization", async () => {
    const ring = keyringFrom({ key: newKey(), version: 1 });
    const { sealed } = await seal(ring, ctx, "sk-secret");
    await expect(open(ring, { ...ctx, credentialId: "cred_2" }, sealed)).rejects.toBeInstanceOf(VaultError);
    await expect(open(ring, { ...ctx, orgId: "org_b" }, sealed)).rejects.toBeInstanceOf(VaultError);
  });

  it("opens older versions while they are listed as previous keys, and not after", async () => {
    const oldKey = newKey();
    const before = keyringFrom({ key: oldKey, version: 1 });
    const { sealed } = await seal(before, ctx, "sk-rotating");
    const during = keyringFrom({ key: newKey(), version: 2, previous: `1:${oldKey}` });
    expect(await open(during, ctx, sealed)).toBe("sk-rotating");
    const after = keyringFrom({ key: newKey(), version: 2 });
    await expect(open(after, ctx, sealed)).rejects.toThrow(/No master key of version 1/);
  });

  it("rejects malformed master keys with a message naming the variable", () => {
    expect(() => keyringFrom({ key: "short", version: 1 })).toThrow(/MASTER_KEY must be 32 bytes/);
    expect(() => keyringFrom({ key: newKey(), version: 2, previous: "x" })).toThrow(/MASTER_KEY_PREVIOUS/);
  });

  it("shows only the last four characters as a hint", () => {
    expect(keyHint("sk-abcdefghijklmnop")).toBe("…mnop");
  });
});
