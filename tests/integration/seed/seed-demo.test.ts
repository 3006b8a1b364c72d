import { describe, expect, it } from "vitest";

import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { replaceCredentialKey } from "@/lib/credentials/manage-credentials";
import { openKey } from "@/lib/credentials/store-key";
import { db } from "@/lib/db/client";

import DEMO from "../../../prisma/demo.json" with { type: "json" };
import { unique } from "../../../prisma/factories";
import { seedDemo } from "../../../prisma/seed-demo";

async function demoKeys(orgId: string) {
  const credentials = await db.credential.findMany({ where: { orgId, agentId: null }, select: { id: true, name: true, keyCipher: true } });
  const keys = await Promise.all(credentials.map(async (c) => [c.name, await openKey({ orgId, credentialId: c.id, keyCipher: c.keyCipher })] as const));
  return Object.fromEntries(keys);
}

async function counts(orgId: string) {
  return {
    users: await db.user.count({ where: { email: DEMO.email } }),
    memberships: await db.membership.count({ where: { orgId } }),
    credentials: await db.credential.count({ where: { orgId } }),
    agents: await db.agent.count({ where: { orgId } }),
    links: await db.chainLink.count({ where: { orgId } }),
  };
}

describe("demo seed", () => {
  it("creates a working demo login, two simulated providers and a running agent, and a second run duplicates nothing", async () => {
    const { org } = await seedDemo();
    const first = await counts(org.id);
    expect(first).toEqual({ users: 1, memberships: 1, credentials: 2, agents: 1, links: 2 });
    await seedDemo();
    expect(await counts(org.id)).toEqual(first);
    expect(await verifyCredentials({ email: DEMO.email, password: DEMO.password }, unique("ip"))).toMatchObject({ ok: true });
    const agent = await db.agent.findFirstOrThrow({ where: { orgId: org.id } });
    expect(agent).toMatchObject({ status: "running", runningVersion: agent.configVersion });
  });

  it("gives each simulated provider a simulator key of its own, and a re-seed moves a demo whose providers share sim-ok onto them", async () => {
    const { org } = await seedDemo();
    const ownKeys = Object.fromEntries(DEMO.providers.map((p) => [p.name, p.apiKey]));
    expect(new Set(Object.values(ownKeys)).size).toBe(DEMO.providers.length);
    expect(await demoKeys(org.id)).toEqual(ownKeys);

    const credentials = await db.credential.findMany({ where: { orgId: org.id, agentId: null }, select: { id: true } });
    for (const c of credentials) await replaceCredentialKey({ orgId: org.id, credentialId: c.id, apiKey: "sim-ok" });
    await seedDemo();
    expect(await demoKeys(org.id)).toEqual(ownKeys);
  });
});
