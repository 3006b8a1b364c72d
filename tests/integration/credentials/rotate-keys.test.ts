import { randomBytes, randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { keyHint } from "@/lib/crypto/key-hint";
import { rotateKeys } from "@/lib/crypto/rotate-keys";
import { keyringFrom, open, seal, type TKeyring } from "@/lib/crypto/vault";
import { db } from "@/lib/db/client";

import { createTenant, unique } from "../../../prisma/factories";

const newKey = () => randomBytes(32).toString("base64");

// A saved provider whose key was sealed under `keyring`; returns its id.
async function insertSealed({ keyring, orgId, name, apiKey }: { keyring: TKeyring; orgId: string; name: string; apiKey: string }) {
  const id = randomUUID();
  const { sealed, version } = await seal(keyring, { orgId, credentialId: id }, apiKey);
  await db.credential.create({
    data: { id, orgId, vendor: "openai", name, defaultModel: "gpt-4o-mini", keyCipher: sealed, keyVersion: version, keyHint: keyHint(apiKey) },
  });
  return id;
}

describe("master key rotation", () => {
  it("re-seals every key under the new master key; the old key no longer opens them; a second run does nothing", async () => {
    const oldVersion = 9000 + Math.floor(Math.random() * 900);
    const oldKey = newKey();
    const before = keyringFrom({ key: oldKey, version: oldVersion });
    const { org } = await createTenant();
    const plain = [`sk-${unique("a")}`, `sk-${unique("b")}`, `sk-${unique("c")}`];
    const ids: string[] = [];
    for (const [i, apiKey] of plain.entries()) ids.push(await insertSealed({ keyring: before, orgId: org.id, name: `p${i}`, apiKey }));

    const nextKey = newKey();
    const during = keyringFrom({ key: nextKey, version: oldVersion + 1, previous: `${oldVersion}:${oldKey}` });
    const first = await rotateKeys({ keyring: during, batchSize: 2, orgIds: [org.id] });
    expect(first.rotated).toBe(3);

    const after = keyringFrom({ key: nextKey, version: oldVersion + 1 });
    const rows = await db.credential.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } });
    for (const [i, row] of rows.entries()) {
      expect(row.keyVersion).toBe(oldVersion + 1);
      expect(await open(after, { orgId: org.id, credentialId: row.id }, row.keyCipher)).toBe(plain[i]);
      await expect(open(before, { orgId: org.id, credentialId: row.id }, row.keyCipher)).rejects.toThrow();
    }
    const ciphers = rows.map((r) => r.keyCipher);
    const second = await rotateKeys({ keyring: during, orgIds: [org.id] });
    expect(second.rotated).toBe(0);
    const again = await db.credential.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } });
    expect(again.map((r) => r.keyCipher)).toEqual(ciphers);
  });

  it("skips and lists a row no configured key opens, and re-seals every other row", async () => {
    const oldVersion = 9000 + Math.floor(Math.random() * 900);
    const oldKey = newKey();
    const before = keyringFrom({ key: oldKey, version: oldVersion });
    const { org } = await createTenant();
    const rows: Array<{ id: string; apiKey: string }> = [];
    for (const name of ["a", "b", "c"]) {
      const apiKey = `sk-${unique(name)}`;
      // The middle one was sealed under a key this deployment no longer has.
      const keyring = name === "b" ? keyringFrom({ key: newKey(), version: oldVersion }) : before;
      rows.push({ id: await insertSealed({ keyring, orgId: org.id, name: `p-${name}`, apiKey }), apiKey });
    }
    const [a, b, c] = rows as [(typeof rows)[number], (typeof rows)[number], (typeof rows)[number]];

    const during = keyringFrom({ key: newKey(), version: oldVersion + 1, previous: `${oldVersion}:${oldKey}` });
    const result = await rotateKeys({ keyring: during, batchSize: 1, orgIds: [org.id] });

    expect(result.rotated).toBe(2);
    expect(result.unopened).toEqual([{ id: b.id, orgId: org.id, name: "p-b", keyVersion: oldVersion, reason: expect.stringMatching(/could not be opened/) }]);
    const stored = new Map((await db.credential.findMany({ where: { orgId: org.id } })).map((row) => [row.id, row]));
    for (const { id, apiKey } of [a, c]) {
      expect(stored.get(id)?.keyVersion).toBe(oldVersion + 1);
      expect(await open(during, { orgId: org.id, credentialId: id }, stored.get(id)!.keyCipher)).toBe(apiKey);
    }
    expect(stored.get(b.id)?.keyVersion).toBe(oldVersion);
  });
});
