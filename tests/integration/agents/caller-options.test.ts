import { describe, expect, it } from "vitest";

import { describeEvent } from "@/lib/activity/describe-event";
import { applyControl } from "@/lib/agents/apply-control";
import { getAgent } from "@/lib/agents/get-agent";
import { ZSetCallerOptions } from "@/lib/agents/schemas";
import { setCallerOptions } from "@/lib/agents/set-caller-options";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";
import { runAgentAction } from "@/lib/auth/agent-action";
import { db } from "@/lib/db/client";

import { addMembership, createTenant } from "../../../prisma/factories";
import { createAgentWithProviders } from "../../fixtures/agents";

type TAgentFixture = Awaited<ReturnType<typeof createAgentWithProviders>>;
type TSubmitter = { userId: string; orgSlug: string; agentSlug: string };

// The path setCallerOptionsAction takes: membership, role, the form's schema, then one lib call.
function submitCallerOptions(who: TSubmitter, input: Record<string, unknown>) {
  return runAgentAction({ ...who, permission: "agent:manage", schema: ZSetCallerOptions, input, run: (scope, data) => setCallerOptions(scope, data) });
}
const asOwner = (a: TAgentFixture) => ({ userId: a.user.id, orgSlug: a.org.slug, agentSlug: a.agent.slug });
const callerOptions = (agentId: string) =>
  db.agent.findUniqueOrThrow({ where: { id: agentId }, select: { callerParams: true, callerSystem: true, configVersion: true } });
const changes = (agentId: string) => db.activityEvent.findMany({ where: { agentId, type: "chain_changed" }, orderBy: { createdAt: "asc" } });

async function asRole(a: TAgentFixture, role: "viewer" | "member" | "admin"): Promise<TSubmitter> {
  const other = await createTenant();
  await addMembership({ orgId: a.org.id, userId: other.user.id, role });
  return { userId: other.user.id, orgSlug: a.org.slug, agentSlug: a.agent.slug };
}

describe("what callers may send (tools and parameters, system messages)", () => {
  it("a new agent accepts callers' tools and parameters and drops their system messages", async () => {
    const { agent } = await createAgentWithProviders();
    expect(await callerOptions(agent.id)).toEqual({ callerParams: true, callerSystem: "drop", configVersion: 1 });
  });

  it("changing both is read by the next API authentication, asks for no restart, and is described in the feed", async () => {
    const a = await createAgentWithProviders();
    const { key } = await createApiKey(a.chain, ZCreateApiKey.parse({ name: "CI" }));
    await applyControl({ orgId: a.org.id, agentId: a.agent.id, action: "start", requestedById: a.user.id });
    expect(await authenticateApiKey(key)).toMatchObject({ callerParams: true, callerSystem: "drop" });

    expect(await submitCallerOptions(asOwner(a), { callerParams: false, callerSystem: "append" })).toEqual({ ok: true, data: undefined });
    expect(await callerOptions(a.agent.id)).toEqual({ callerParams: false, callerSystem: "append", configVersion: 1 });
    expect(await authenticateApiKey(key)).toMatchObject({ agentId: a.agent.id, callerParams: false, callerSystem: "append" });
    expect((await getAgent({ orgId: a.org.id, slug: a.agent.slug }))!.displayStatus).toBe("running");

    const [, event] = await changes(a.agent.id);
    expect(event).toMatchObject({
      actorId: a.user.id,
      data: { change: "Callers may no longer send tools and parameters; Callers' system messages are now added after the instructions" },
    });
    expect(describeEvent({ type: event!.type, data: event!.data, actorName: "Ann", agentName: null })).toBe(
      "Callers may no longer send tools and parameters; Callers' system messages are now added after the instructions (by Ann).",
    );

    await submitCallerOptions(asOwner(a), { callerParams: true, callerSystem: "drop" });
    expect(await authenticateApiKey(key)).toMatchObject({ callerParams: true, callerSystem: "drop" });
    expect((await changes(a.agent.id)).at(-1)?.data).toEqual({ change: "Callers may now send tools and parameters; Callers' system messages are now dropped" });
  });

  it("changing one setting names only that one", async () => {
    const a = await createAgentWithProviders();
    await setCallerOptions(a.chain, { callerParams: true, callerSystem: "append" });
    expect((await changes(a.agent.id)).at(-1)?.data).toEqual({ change: "Callers' system messages are now added after the instructions" });
  });

  it("saving the values already set records nothing", async () => {
    const a = await createAgentWithProviders();
    const events = await db.activityEvent.count({ where: { agentId: a.agent.id } });
    expect(await submitCallerOptions(asOwner(a), { callerParams: true, callerSystem: "drop" })).toMatchObject({ ok: true });
    expect(await db.activityEvent.count({ where: { agentId: a.agent.id } })).toBe(events);
  });

  it("refuses an unknown system message policy at the field, and writes nothing", async () => {
    const a = await createAgentWithProviders();
    for (const callerSystem of ["", "replace"]) {
      const result = await submitCallerOptions(asOwner(a), { callerParams: false, callerSystem });
      expect(result).toMatchObject({
        ok: false,
        error: "Check the highlighted fields.",
        fields: { callerSystem: "Choose what happens to callers' system messages" },
      });
    }
    expect(await callerOptions(a.agent.id)).toEqual({ callerParams: true, callerSystem: "drop", configVersion: 1 });
  });

  it("another organization's agent is not found, and is left as it was", async () => {
    const a = await createAgentWithProviders();
    const b = await createAgentWithProviders();
    const result = await submitCallerOptions(
      { userId: b.user.id, orgSlug: b.org.slug, agentSlug: a.agent.slug },
      { callerParams: false, callerSystem: "append" },
    );
    expect(result).toMatchObject({ ok: false, error: "Agent not found" });
    await expect(
      setCallerOptions({ orgId: b.org.id, userId: b.user.id, agentId: a.agent.id }, { callerParams: false, callerSystem: "append" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await callerOptions(a.agent.id)).toEqual({ callerParams: true, callerSystem: "drop", configVersion: 1 });
    expect(await changes(a.agent.id)).toHaveLength(1);
  });

  it("a viewer and a member are refused on the server; an admin may change them", async () => {
    const a = await createAgentWithProviders();
    for (const role of ["viewer", "member"] as const) {
      const result = await submitCallerOptions(await asRole(a, role), { callerParams: false, callerSystem: "append" });
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/role does not allow/) });
    }
    expect(await callerOptions(a.agent.id)).toEqual({ callerParams: true, callerSystem: "drop", configVersion: 1 });
    expect(await submitCallerOptions(await asRole(a, "admin"), { callerParams: false, callerSystem: "drop" })).toMatchObject({ ok: true });
    expect((await callerOptions(a.agent.id)).callerParams).toBe(false);
  });
});
