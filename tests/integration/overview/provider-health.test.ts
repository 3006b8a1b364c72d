import { afterAll, describe, expect, it } from "vitest";

import { parseRuntime } from "@/lib/agents/runtime";
import { runAgentAction } from "@/lib/auth/agent-action";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createEnvCircuitStore } from "@/lib/provider-health/env-circuit-store";
import { healthActionSpecs } from "@/lib/provider-health/health-actions";
import { healthWords } from "@/lib/provider-health/health-status";
import { agentHealth, readProviderHealth } from "@/lib/provider-health/read-provider-health";
import { circuitKeyOf } from "@/lib/turns/circuit-key";
import { probeCircuit } from "@/lib/turns/probe-circuits";

import { addMembership, createAgent, createSavedProvider, createTenant, unique, upsertUser } from "../../fixtures/data";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { insertTurns } from "../../fixtures/turn-rows";
import { createRunningAgent } from "../../fixtures/turns";
import { callsOf } from "../simulator/sim-client";

const harness = useTurnHarness("health", { workers: 0 });
const { store, redis } = createEnvCircuitStore();
afterAll(() => redis.quit());

const iso = (at: number) => new Date(at).toISOString();
const PRIMARY = { label: "OpenAI (simulated)", model: "gpt-4o-mini" };
const BACKUP = { label: "Anthropic (simulated)", model: "claude-3-5-haiku-latest" };

async function runningAgent(primaryKey = "sim-ok") {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey });
  const agent = await db.agent.findUniqueOrThrow({ where: { id: running.agent.id }, select: { slug: true, runtime: true } });
  const target = { credentialId: running.providers.primary.id, model: PRIMARY.model };
  return { ...running, slug: agent.slug, runtime: parseRuntime(agent.runtime)!, target, key: circuitKeyOf(target) };
}

async function openCircuit(key: string, now = Date.now()) {
  for (let i = 0; i < 3; i += 1) await store.recordFailure({ key, outcome: "overloaded", status: 503, now });
  return store.get(key);
}

const caller = (a: Awaited<ReturnType<typeof runningAgent>>, userId: string, input: unknown = a.target) => ({
  userId,
  orgSlug: a.org.slug,
  agentSlug: a.slug,
  input,
});

// The server actions' own specs, run as the web's action factory runs them.
const health = healthActionSpecs(async () => store);
const resetHealthAs = (call: ReturnType<typeof caller>) => runAgentAction({ ...call, ...health.reset });
const probeNowAs = (call: ReturnType<typeof caller>) => runAgentAction({ ...call, ...health.probe });

async function simulatorCalls(key: string) {
  return Object.values(await callsOf(harness.simulatorUrl, key)).reduce((sum, n) => sum + n, 0);
}

describe("provider health on the Overview", () => {
  it("says each link's circuit state in words, from the real state in Redis", async () => {
    const a = await runningAgent();
    const backupKey = circuitKeyOf({ credentialId: a.providers.backup.id, model: BACKUP.model });
    const read = async (now = Date.now()) => {
      const links = await readProviderHealth({ orgId: a.org.id, agentId: a.agent.id, runtime: a.runtime, store, now: new Date(now) });
      return links.map((l) => `${l.role}: ${healthWords(l.status, iso)}`);
    };
    expect(await read()).toEqual(["Primary: Healthy", "Backup 1: Healthy"]);

    await store.recordFailure({ key: backupKey, outcome: "timeout", now: Date.now() });
    const open = await openCircuit(a.key);
    expect(await read()).toEqual([`Primary: Open until ${iso(open.openUntil!)}`, "Backup 1: Degraded"]);
    // The cooldown has passed: nobody has to wait for anything.
    expect((await read(open.openUntil! + 1))[0]).toBe("Primary: Probe due");
    expect(await store.acquireProbe(a.key, open.openUntil! + 1)).toBe(true);
    expect((await read(open.openUntil! + 2))[0]).toBe("Primary: Degraded");

    await store.recordFailure({ key: backupKey, outcome: "auth", status: 401, now: Date.now() });
    const [, backup] = await readProviderHealth({ orgId: a.org.id, agentId: a.agent.id, runtime: a.runtime, store });
    expect(backup).toMatchObject({
      role: "Backup 1",
      label: BACKUP.label,
      model: BACKUP.model,
      status: { kind: "needs_attention" },
      lastError: { words: "Key rejected (401)" },
    });
    await Promise.all([store.reset(a.key), store.reset(backupKey)]);
  });

  it("counts this agent's calls to each link in the last hour, and the share that failed", async () => {
    const a = await runningAgent();
    const now = Date.now();
    const minutesAgo = (m: number) => new Date(now - m * 60_000);
    await insertTurns({
      orgId: a.org.id,
      agentId: a.agent.id,
      turns: [
        { at: minutesAgo(5), answeredBy: PRIMARY.label, attempts: [{ ...PRIMARY, outcome: "ok", latencyMs: 90 }] },
        {
          at: minutesAgo(20),
          answeredBy: BACKUP.label,
          failedOver: true,
          attempts: [
            { ...PRIMARY, outcome: "rate_limited", status: 429, latencyMs: 30 },
            { ...BACKUP, outcome: "ok", latencyMs: 200 },
          ],
        },
        {
          at: minutesAgo(30),
          answeredBy: BACKUP.label,
          failedOver: true,
          attempts: [
            { ...PRIMARY, outcome: "rate_limited", latencyMs: 0, skipped: "circuit_open" },
            { ...BACKUP, outcome: "ok", latencyMs: 210 },
          ],
        },
        { at: minutesAgo(40), answeredBy: PRIMARY.label, attempts: [{ ...PRIMARY, outcome: "ok", latencyMs: 80 }] },
        {
          at: minutesAgo(90),
          answeredBy: PRIMARY.label,
          attempts: [
            { ...PRIMARY, outcome: "server_error", latencyMs: 10 },
            { ...PRIMARY, outcome: "ok", latencyMs: 80 },
          ],
        },
      ],
    });
    const links = await readProviderHealth({ orgId: a.org.id, agentId: a.agent.id, runtime: a.runtime, store, now: new Date(now) });
    expect(links.map((l) => ({ role: l.role, calls: l.calls, failures: l.failures }))).toEqual([
      { role: "Primary", calls: 3, failures: 1 },
      { role: "Backup 1", calls: 2, failures: 0 },
    ]);
  });

  it("asks to start the agent when it has no running chain", async () => {
    const { org, user } = await createTenant();
    const provider = await createSavedProvider({ orgId: org.id, name: "OpenAI", vendor: "openai", apiKey: "sim-ok", defaultModel: "gpt-4o-mini" });
    const agent = await createAgent({
      orgId: org.id,
      userId: user.id,
      input: { name: "Idle", instructions: "Hi.", credentialId: provider.id, model: "gpt-4o-mini" },
    });
    expect(await agentHealth({ orgId: org.id, agentId: agent.id, runtime: null, store: async () => store })).toEqual({ kind: "not_started" });
  });

  it("says provider health is unavailable, rather than failing the page, when Redis cannot be reached", async () => {
    const a = await runningAgent();
    const unreachable = createEnvCircuitStore({ ...env(), REDIS_URL: "redis://127.0.0.1:1" });
    const health = await agentHealth({ orgId: a.org.id, agentId: a.agent.id, runtime: a.runtime, store: async () => unreachable.store });
    unreachable.redis.disconnect();
    expect(health).toEqual({ kind: "unavailable", message: "Provider health is unavailable right now. Try again in a moment." });
  });

  it("Reset health closes an open circuit and records who reset it", async () => {
    const a = await runningAgent();
    expect((await openCircuit(a.key)).state).toBe("open");
    expect(await resetHealthAs(caller(a, a.user.id))).toEqual({ ok: true, data: undefined });
    expect(await store.get(a.key)).toMatchObject({ state: "closed", consecutiveFailures: 0 });
    const events = await db.activityEvent.findMany({ where: { orgId: a.org.id, type: "health_reset" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      agentId: a.agent.id,
      actorId: a.user.id,
      credentialIds: [a.target.credentialId],
      data: { provider: PRIMARY.label, circuitKey: a.key },
    });
  });

  it("Probe now with a healthy key closes an open circuit before its cooldown ends, and says so in the feed", async () => {
    const a = await runningAgent("sim-ok");
    const open = await openCircuit(a.key);
    expect(open.openUntil!).toBeGreaterThan(Date.now());
    const result = await probeNowAs(caller(a, a.user.id));
    expect(result).toMatchObject({ ok: true, data: { ok: true, message: expect.stringMatching(/^OK, \d+ ms$/) } });
    expect(await store.get(a.key)).toMatchObject({ state: "closed" });
    const recovered = await db.activityEvent.findFirst({ where: { orgId: a.org.id, type: "provider_recovered" } });
    expect(recovered).toMatchObject({
      agentId: a.agent.id,
      actorId: a.user.id,
      credentialIds: [a.target.credentialId],
      data: { provider: PRIMARY.label, by: "manual" },
    });
    expect(await simulatorCalls(a.keys.primary)).toBe(1);
  });

  it("Probe now with a rate-limited key reports it and leaves the circuit open", async () => {
    const a = await runningAgent("sim-429");
    const open = await openCircuit(a.key);
    expect(await probeNowAs(caller(a, a.user.id))).toEqual({ ok: true, data: { ok: false, message: "Rate limited (429)" } });
    expect(await store.get(a.key)).toMatchObject({
      state: "open",
      openUntil: open.openUntil,
      consecutiveFailures: 4,
      lastError: { outcome: "rate_limited", status: 429 },
    });
    expect(await db.activityEvent.count({ where: { orgId: a.org.id, type: "provider_recovered" } })).toBe(0);
    await store.reset(a.key);
  });

  it("refuses a viewer's and a member's Reset health and Probe now on the server, touching nothing", async () => {
    const a = await runningAgent();
    await openCircuit(a.key);
    for (const role of ["viewer", "member"] as const) {
      const person = await upsertUser({ email: `${unique(role)}@example.test`, name: role, password: "correct horse battery" });
      await addMembership({ orgId: a.org.id, userId: person.id, role });
      for (const act of [resetHealthAs, probeNowAs]) {
        expect(await act(caller(a, person.id))).toMatchObject({ ok: false, error: expect.stringMatching(/role does not allow/) });
      }
    }
    expect(await store.get(a.key)).toMatchObject({ state: "open" });
    expect(await simulatorCalls(a.keys.primary)).toBe(0);
    expect(await db.activityEvent.count({ where: { orgId: a.org.id, type: { in: ["health_reset", "provider_recovered"] } } })).toBe(0);
    await store.reset(a.key);
  });

  it("accepts only links of this agent's running chain: another organization's credential is not found", async () => {
    const a = await runningAgent();
    const b = await runningAgent();
    const spare = await createSavedProvider({ orgId: a.org.id, name: "Spare", vendor: "openai", apiKey: "sim-ok", defaultModel: "gpt-4o-mini" });
    const notInChain = { ok: false, error: "That provider is not in this agent's running chain" };
    expect(await resetHealthAs(caller(a, a.user.id, b.target))).toMatchObject(notInChain);
    expect(await probeNowAs(caller(a, a.user.id, { credentialId: spare.id, model: "gpt-4o-mini" }))).toMatchObject(notInChain);
    expect(await probeNowAs(caller(a, a.user.id, { ...a.target, model: "gpt-4o" }))).toMatchObject(notInChain);
    expect(await resetHealthAs(caller(a, b.user.id))).toMatchObject({ ok: false, error: "Organization not found" });
    expect(await resetHealthAs(caller(a, a.user.id, { credentialId: "", model: a.target.model }))).toMatchObject({
      ok: false,
      fields: { credentialId: expect.any(String) },
    });
    expect(await simulatorCalls(b.keys.primary)).toBe(0);
  });

  it("the background prober closes a recovered circuit through the same probe call", async () => {
    const a = await runningAgent("sim-ok");
    const open = await openCircuit(a.key);
    expect(await probeCircuit({ store, key: a.key, now: open.openUntil! - 1 })).toBe("busy");
    expect(await probeCircuit({ store, key: a.key, now: open.openUntil! + 1 })).toBe("recovered");
    expect(await store.get(a.key)).toMatchObject({ state: "closed" });
    const recovered = await db.activityEvent.findFirst({ where: { orgId: a.org.id, type: "provider_recovered" } });
    expect(recovered).toMatchObject({ agentId: null, actorId: null, data: { provider: PRIMARY.label, by: "prober" } });
  });
});
