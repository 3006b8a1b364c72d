// The wrong master key is caught at start: a worker started with it exits
// with one line, and each version's check (or, before one exists, the keys
// stored under that version) decides. Real PostgreSQL and worker processes.
import { randomBytes, randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { keyHint } from "@/lib/crypto/key-hint";
import { keyring } from "@/lib/crypto/keyring";
import { checkMasterKey } from "@/lib/crypto/master-key-check";
import { keyringFrom, seal } from "@/lib/crypto/vault";
import { db } from "@/lib/db/client";
import { createTenant } from "@/prisma/factories";

import { isolateQueues } from "../../fixtures/isolated-queues";
import { startWorker } from "../../fixtures/worker-process";

isolateQueues("masterkey");
const newKey = () => randomBytes(32).toString("base64");
// Versions of this file's own, away from the rotation tests' 9000s.
const freshVersion = () => 5000 + Math.floor(Math.random() * 4000);

describe("master key check", () => {
  it("a worker started with another MASTER_KEY for the same version exits non-zero with one line", async () => {
    expect(await checkMasterKey(keyring())).toEqual({ ok: true });

    // What the worker printed before it exited; one that starts anyway is stopped.
    const output = await startWorker({ MASTER_KEY: newKey() }).then(
      async (worker) => (await worker.stop(), `started:\n${worker.output()}`),
      (error: Error) => error.message,
    );

    expect(output).toMatch(/^worker exited with 1/);
    const lines = output.split("\n").filter((line) => line.includes("MASTER_KEY"));
    expect(lines).toEqual([
      `Configuration error: MASTER_KEY is not the master key of version ${process.env.MASTER_KEY_VERSION ?? 1}: it does not open its key check. ` +
        "Set the key this database was set up with (see the master key rows of the configuration table in README.md).",
    ]);
    expect(output).not.toContain("worker ready");
  });

  it("writes a new version's check on first start, then refuses another key for it, and a wrong MASTER_KEY_PREVIOUS", async () => {
    const version = freshVersion();
    const key = newKey();

    expect(await checkMasterKey(keyringFrom({ key, version }))).toEqual({ ok: true });
    expect(await db.masterKeyCheck.findUnique({ where: { version } })).toMatchObject({ checkCipher: expect.stringMatching(new RegExp(`^v${version}:`)) });
    expect(await checkMasterKey(keyringFrom({ key, version }))).toEqual({ ok: true });
    expect(await checkMasterKey(keyringFrom({ key: newKey(), version }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Configuration error: MASTER_KEY is not the master key of version/),
    });
    const rotating = keyringFrom({ key: newKey(), version: version + 1, previous: `${version}:${newKey()}` });
    expect(await checkMasterKey(rotating)).toMatchObject({
      ok: false,
      message: expect.stringMatching(new RegExp(`^Configuration error: MASTER_KEY_PREVIOUS version ${version} is not`)),
    });
  });

  it("before a version has a check, refuses a key that opens none of the keys stored under that version", async () => {
    const version = freshVersion();
    const key = newKey();
    const { org } = await createTenant();
    const id = randomUUID();
    const { sealed } = await seal(keyringFrom({ key, version }), { orgId: org.id, credentialId: id }, "sk-stored");
    await db.credential.create({
      data: {
        id,
        orgId: org.id,
        vendor: "openai",
        name: "Stored",
        defaultModel: "gpt-4o-mini",
        keyCipher: sealed,
        keyVersion: version,
        keyHint: keyHint("sk-stored"),
      },
    });

    expect(await checkMasterKey(keyringFrom({ key: newKey(), version }))).toMatchObject({
      ok: false,
      message: expect.stringContaining("it does not open the API keys stored under that version"),
    });
    expect(await db.masterKeyCheck.findUnique({ where: { version } })).toBeNull();
    expect(await checkMasterKey(keyringFrom({ key, version }))).toEqual({ ok: true });
  });
});
