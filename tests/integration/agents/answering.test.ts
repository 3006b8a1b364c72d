import { describe, expect, it } from "vitest";

import { applyControl } from "@/lib/agents/apply-control";
import { getAgent } from "@/lib/agents/get-agent";
import { buildRuntime, parseRuntime, ZRuntime } from "@/lib/agents/runtime";
import { ZSetAnswering } from "@/lib/agents/schemas";
import { setAnswering } from "@/lib/agents/set-answering";
import { setBackup } from "@/lib/agents/set-backup";
import { runAgentAction } from "@/lib/auth/agent-action";
import { db } from "@/lib/db/client";

import { addMembership, createTenant } from "../../../prisma/factories";
import { anthropicBackup, createAgentWithProviders } from "../../fixtures/agents";

type TAgentFixture = Awaited<ReturnType<typeof createAgentWithProviders>>;

// The path setAnsweringAction takes: membership, role, the form's schema, then one lib call.
function submitAnswering({ userId, orgSlug, agentSlug }: { userId: string; orgSlug: string; agentSlug: string }, input: Record<string, string>) {
  return runAgentAction({
    userId,
    orgSlug,
    agentSlug,
    permission: "agent:manage",
    schema: ZSetAnswering,
    input,
    run: (scope, data) => setAnswering(scope, data),
  });
}
const asOwner = (a: TAgentFixture) => ({ userId: a.user.id, orgSlug: a.org.slug, agentSlug: a.agent.slug });
const answering = (agentId: string) =>
  db.agent.findUniqueOrThrow({ where: { id: agentId }, select: { turnBudgetMs: true, onBreak: true, configVersion: true } });

describe("answering settings (turn budget, what happens when an answer breaks off)", () => {
  it("a new agent has a ten-minute budget and continues on the backup", async () => {
    const { agent } = await createAgentWithProviders();
    expect(await answering(agent.id)).toEqual({ turnBudgetMs: 600_000, onBreak: "continue_on_backup", configVersion: 1 });
  });

  it("changing the budget and the policy bumps the config version and records a chain change in plain words", async () => {
    const a = await createAgentWithProviders();
    await applyControl({ orgId: a.org.id, agentId: a.agent.id, action: "start", requestedById: a.user.id });
    const result = await submitAnswering(asOwner(a), { turnBudgetMinutes: "5", onBreak: "end_with_error" });
    expect(result).toEqual({ ok: true, data: undefined });
    expect(await answering(a.agent.id)).toEqual({ turnBudgetMs: 300_000, onBreak: "end_with_error", configVersion: 2 });
    expect((await getAgent({ orgId: a.org.id, slug: a.agent.slug }))!.displayStatus).toBe("restart_required");
    const event = await db.activityEvent.findFirstOrThrow({ where: { agentId: a.agent.id, type: "chain_changed" }, orderBy: { createdAt: "desc" } });
    expect(event).toMatchObject({
      actorId: a.user.id,
      data: { change: "Turn budget set to 5 minutes (was 10 minutes); When an answer breaks off: End with an error (was Continue on the backup)" },
    });
  });

  it("saving the values already set asks for no restart and records nothing", async () => {
    const a = await createAgentWithProviders();
    const events = await db.activityEvent.count({ where: { agentId: a.agent.id } });
    expect(await submitAnswering(asOwner(a), { turnBudgetMinutes: "10", onBreak: "continue_on_backup" })).toMatchObject({ ok: true });
    expect((await answering(a.agent.id)).configVersion).toBe(1);
    expect(await db.activityEvent.count({ where: { agentId: a.agent.id } })).toBe(events);
  });

  it("refuses a budget outside 1 to 30 minutes at the field, and writes nothing", async () => {
    const a = await createAgentWithProviders();
    for (const turnBudgetMinutes of ["0", "31", "", "2.5"]) {
      const result = await submitAnswering(asOwner(a), { turnBudgetMinutes, onBreak: "end_with_error" });
      expect(result).toMatchObject({ ok: false, error: "Check the highlighted fields." });
      expect(result.ok ? "" : result.fields?.turnBudgetMinutes).toMatch(/^(The turn budget must be between 1 and 30 minutes|Use whole minutes)$/);
    }
    const missing = await submitAnswering(asOwner(a), { turnBudgetMinutes: "5", onBreak: "" });
    expect(missing).toMatchObject({ ok: false, fields: { onBreak: "Choose what happens when an answer breaks off" } });
    expect(await answering(a.agent.id)).toEqual({ turnBudgetMs: 600_000, onBreak: "continue_on_backup", configVersion: 1 });
    expect(await db.activityEvent.count({ where: { agentId: a.agent.id, type: "chain_changed" } })).toBe(1);
  });

  it("another organization's agent is not found, and is left as it was", async () => {
    const a = await createAgentWithProviders();
    const b = await createAgentWithProviders();
    const result = await submitAnswering(
      { userId: b.user.id, orgSlug: b.org.slug, agentSlug: a.agent.slug },
      { turnBudgetMinutes: "2", onBreak: "end_with_error" },
    );
    expect(result).toMatchObject({ ok: false, error: "Agent not found" });
    await expect(
      setAnswering({ orgId: b.org.id, userId: b.user.id, agentId: a.agent.id }, { turnBudgetMinutes: 2, onBreak: "end_with_error" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await answering(a.agent.id)).toEqual({ turnBudgetMs: 600_000, onBreak: "continue_on_backup", configVersion: 1 });
  });

  it("a viewer is refused on the server", async () => {
    const a = await createAgentWithProviders();
    const viewer = await createTenant();
    await addMembership({ orgId: a.org.id, userId: viewer.user.id, role: "viewer" });
    const result = await submitAnswering(
      { userId: viewer.user.id, orgSlug: a.org.slug, agentSlug: a.agent.slug },
      { turnBudgetMinutes: "2", onBreak: "end_with_error" },
    );
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/role does not allow/) });
    expect((await answering(a.agent.id)).configVersion).toBe(1);
  });
});

describe("the runtime frozen at restart", () => {
  it("carries each link's two deadlines, the turn budget and the break policy", async () => {
    const a = await createAgentWithProviders();
    await setBackup(a.chain, anthropicBackup(a.providers.anthropic.id, { firstTokenTimeoutSeconds: 12, stallTimeoutSeconds: 7 }));
    await setAnswering(a.chain, { turnBudgetMinutes: 3, onBreak: "end_with_error" });
    const runtime = await db.$transaction((tx) => buildRuntime(tx, { orgId: a.org.id, agentId: a.agent.id, version: 3 }));
    expect(runtime).toMatchObject({
      version: 3,
      turnBudgetMs: 180_000,
      onBreak: "end_with_error",
      links: [
        { label: "OpenAI (simulated)", firstTokenTimeoutMs: 30_000, stallTimeoutMs: 30_000 },
        { label: "Anthropic (simulated)", firstTokenTimeoutMs: 12_000, stallTimeoutMs: 7_000 },
      ],
    });
    expect(ZRuntime.parse(JSON.parse(JSON.stringify(runtime)))).toEqual(runtime);

    await applyControl({ orgId: a.org.id, agentId: a.agent.id, action: "start", requestedById: a.user.id });
    const running = (await getAgent({ orgId: a.org.id, slug: a.agent.slug }))!.running;
    expect(running).toMatchObject({ turnBudgetMs: 180_000, onBreak: "end_with_error", links: [{ stallTimeoutMs: 30_000 }, { stallTimeoutMs: 7_000 }] });
  });

  it("reads a runtime stored before answers streamed: its timeout becomes the first token timeout", async () => {
    // Exactly what the previous version wrote into agents.runtime.
    const legacy = {
      links: [
        { label: "OpenAI", model: "gpt-4o-mini", vendor: "openai", baseUrl: null, timeoutMs: 12_000, credentialId: "c1" },
        { label: "Anthropic", model: "claude", vendor: "anthropic", baseUrl: null, timeoutMs: 45_000, credentialId: "c2" },
      ],
      builtAt: "2026-11-29T20:57:16.175Z",
      version: 2,
    };
    expect(parseRuntime(legacy)).toEqual({
      version: 2,
      builtAt: "2026-11-29T20:57:16.175Z",
      turnBudgetMs: 600_000,
      onBreak: "continue_on_backup",
      links: [
        { label: "OpenAI", model: "gpt-4o-mini", vendor: "openai", baseUrl: null, firstTokenTimeoutMs: 12_000, stallTimeoutMs: 30_000, credentialId: "c1" },
        { label: "Anthropic", model: "claude", vendor: "anthropic", baseUrl: null, firstTokenTimeoutMs: 45_000, stallTimeoutMs: 30_000, credentialId: "c2" },
      ],
    });
  });

  it("a legacy runtime stored on an agent is read by getAgent in the new shape", async () => {
    const a = await createAgentWithProviders();
    const legacy = {
      version: 1,
      builtAt: new Date().toISOString(),
      links: [{ credentialId: a.providers.openai.id, label: "OpenAI (simulated)", vendor: "openai", model: "gpt-4o-mini", timeoutMs: 20_000, baseUrl: null }],
    };
    await db.agent.update({ where: { id: a.agent.id }, data: { status: "running", runningVersion: 1, runtime: legacy } });
    const running = (await getAgent({ orgId: a.org.id, slug: a.agent.slug }))!.running;
    expect(running).toMatchObject({ turnBudgetMs: 600_000, onBreak: "continue_on_backup", links: [{ firstTokenTimeoutMs: 20_000, stallTimeoutMs: 30_000 }] });
    expect(running?.links[0]).not.toHaveProperty("timeoutMs");
  });

  it("refuses a runtime whose link has neither timeout, or a non-positive one", () => {
    const link = { credentialId: "c", label: "L", vendor: "openai", model: "m", baseUrl: null };
    expect(parseRuntime({ version: 1, builtAt: "x", links: [link] })).toBeNull();
    expect(parseRuntime({ version: 1, builtAt: "x", links: [{ ...link, firstTokenTimeoutMs: 0, stallTimeoutMs: 1 }] })).toBeNull();
    expect(parseRuntime({ version: 1, builtAt: "x", links: [{ ...link, firstTokenTimeoutMs: 5, stallTimeoutMs: 1 }], onBreak: "shrug" })).toBeNull();
  });
});
