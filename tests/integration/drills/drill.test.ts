// A failover drill end to end: the Overview's action specs (as the web's
// action factory runs them), a real worker process on the drills queue, and
// the simulator over HTTP. Drills write one activity event and no turn rows.
import { describe, expect, it } from "vitest";

import { applyControl } from "@/lib/agents/apply-control";
import { ZSetBackup } from "@/lib/agents/schemas";
import { setBackup } from "@/lib/agents/set-backup";
import { runAgentAction } from "@/lib/auth/agent-action";
import { db } from "@/lib/db/client";
import { enqueueDailyDrills } from "@/lib/drills/daily-drills";
import { drillActionSpecs } from "@/lib/drills/drill-actions";
import { ZDrillData } from "@/lib/drills/drill-result";
import { requestDrill } from "@/lib/drills/request-drill";
import { simulatorBaseUrl } from "@/lib/providers/catalog";
import { overviewStats } from "@/lib/stats/overview-stats";

import { addMembership, unique, upsertUser } from "../../fixtures/data";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";
import { callsOf, postJson } from "../simulator/sim-client";

const harness = useTurnHarness("drills", { workers: 1 });

// A running agent: OpenAI primary, saved Anthropic backup 1, and a Gemini key pasted as backup 2.
async function drilledAgent() {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
  const pastedKey = `sim-ok~${unique("k")}-pasted`;
  const scope = { orgId: running.org.id, agentId: running.agent.id, userId: running.user.id };
  await setBackup(
    scope,
    ZSetBackup.parse({
      mode: "api_key",
      vendor: "google",
      apiKey: pastedKey,
      model: "gemini-2.0-flash",
      baseUrl: simulatorBaseUrl("google", harness.simulatorUrl),
      firstTokenTimeoutSeconds: 30,
      stallTimeoutSeconds: 30,
    }),
  );
  await applyControl({ orgId: running.org.id, agentId: running.agent.id, action: "restart", requestedById: running.user.id });
  return { ...running, pastedKey, slug: running.agent.slug };
}

type TAgent = Awaited<ReturnType<typeof drilledAgent>>;

const runDrillAs = (a: Pick<TAgent, "org" | "slug">, userId: string, orgSlug = a.org.slug) =>
  runAgentAction({ userId, orgSlug, agentSlug: a.slug, input: {}, ...drillActionSpecs.run });

const simCalls = async (key: string) => Object.values(await callsOf(harness.simulatorUrl, key)).reduce((sum, n) => sum + n, 0);

async function drillEvents(agentId: string) {
  return db.activityEvent.findMany({ where: { agentId, type: "drill" }, orderBy: { createdAt: "asc" } });
}

describe("failover drill", () => {
  it("each backup answers with every link before it forced to fail, and the forced links get no call", async () => {
    const a = await drilledAgent();

    const result = await runDrillAs(a, a.user.id);

    expect(result.ok).toBe(true);
    if (!result.ok || result.data.state !== "done") throw new Error(`expected a finished drill, got ${JSON.stringify(result)}`);
    const { drill } = result.data;
    expect(drill).toMatchObject({ trigger: "manual", passed: true, actorName: expect.any(String) });
    expect(drill.sentences).toHaveLength(2);
    expect(drill.sentences[0]).toMatch(/^Backup 1 \(Anthropic \(simulated\)\) answered in \d+ ms\.$/);
    expect(drill.sentences[1]).toMatch(/^Backup 2 \(API key …\S{4}\) answered in \d+ ms\.$/);
    // The primary was forced to fail twice and never called; each backup once.
    expect(await simCalls(a.keys.primary)).toBe(0);
    expect(await simCalls(a.keys.backup)).toBe(1);
    expect(await simCalls(a.pastedKey)).toBe(1);

    const [event] = await drillEvents(a.agent.id);
    expect(event).toMatchObject({ orgId: a.org.id, severity: "info", actorId: a.user.id });
    const data = ZDrillData.parse(event!.data);
    expect(data.results.map((r) => [r.position, r.vendor, r.model, r.ok, r.outcome, r.status])).toEqual([
      [1, "anthropic", "claude-3-5-haiku-latest", true, "ok", null],
      [2, "google", "gemini-2.0-flash", true, "ok", null],
    ]);
    // Each backup's timeline: the links before it forced, then its own call.
    const timelines = (event!.data as { results: Array<{ attempts: Array<{ skipped: string | null; outcome: string; status: number | null }> }> }).results;
    expect(timelines.map((r) => r.attempts.map((t) => t.skipped ?? t.outcome))).toEqual([
      ["forced", "ok"],
      ["forced", "forced", "ok"],
    ]);
    expect(timelines[1]!.attempts[0]).toMatchObject({ outcome: "server_error", status: 503 });
    // No turn and no attempt rows: the charts never count a drill.
    expect(await db.turn.count({ where: { agentId: a.agent.id } })).toBe(0);
    expect(await db.attempt.count({ where: { agentId: a.agent.id } })).toBe(0);
  });

  it("a backup whose key the simulator rejects shows failed with its status, and the drill event is an error", async () => {
    const a = await drilledAgent();
    const staged = await postJson(`${harness.simulatorUrl}/_control`, { key: a.keys.backup, behaviour: "sim-401" });
    expect(staged.status).toBe(200);

    const result = await runDrillAs(a, a.user.id);

    if (!result.ok || result.data.state !== "done") throw new Error(`expected a finished drill, got ${JSON.stringify(result)}`);
    expect(result.data.drill.passed).toBe(false);
    expect(result.data.drill.sentences[0]).toBe("Backup 1 (Anthropic (simulated)) failed: key rejected (401).");
    expect(result.data.drill.sentences[1]).toMatch(/^Backup 2 \(API key …\S{4}\) answered in \d+ ms\.$/);
    // The failing backup did not let the walk reach backup 2 in its own run.
    expect(await simCalls(a.pastedKey)).toBe(1);
    const [event] = await drillEvents(a.agent.id);
    expect(event?.severity).toBe("error");
    expect(ZDrillData.parse(event!.data).results[0]).toMatchObject({ ok: false, outcome: "auth", status: 401 });
  });

  it("leaves the Overview's charts and provider share as they were", async () => {
    const a = await drilledAgent();
    const turn = await sendTurn({ orgId: a.org.id, agentId: a.agent.id, text: "Hello" });
    await settledTurn(turn.id);
    const now = new Date(Date.now() + 60_000);
    const before = await overviewStats({ orgId: a.org.id, agentId: a.agent.id, range: "24h", now });
    expect(before.totals.turns).toBe(1);

    const result = await runDrillAs(a, a.user.id);
    expect(result).toMatchObject({ ok: true, data: { state: "done" } });

    expect(await overviewStats({ orgId: a.org.id, agentId: a.agent.id, range: "24h", now })).toEqual(before);
  });

  it("refuses members and viewers on the server, and another organization does not find the agent", async () => {
    const a = await drilledAgent();
    const other = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    for (const role of ["member", "viewer"] as const) {
      const user = await upsertUser({ email: `${unique(role)}@example.test`, name: role, password: "drill-member-pass" });
      await addMembership({ orgId: a.org.id, userId: user.id, role });
      expect(await runDrillAs(a, user.id)).toMatchObject({ ok: false });
    }
    // The other organization's owner, naming this agent under their own organization.
    expect(await runDrillAs(a, other.user.id, other.org.slug)).toEqual({ ok: false, error: "Agent not found" });
    // Nothing was enqueued by any refused call: no drill ran.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await drillEvents(a.agent.id)).toHaveLength(0);
    expect(await simCalls(a.keys.backup)).toBe(0);
  });

  it("a stopped agent is refused with a reason, before anything is queued", async () => {
    const a = await drilledAgent();
    await applyControl({ orgId: a.org.id, agentId: a.agent.id, action: "stop", requestedById: a.user.id });

    expect(await runDrillAs(a, a.user.id)).toEqual({ ok: false, error: "Start the agent first: a drill runs through the running chain." });
  });

  it("the daily drill runs for agents that have it on, with no actor", async () => {
    const on = await drilledAgent();
    const off = await drilledAgent();
    const daily = await runAgentAction({ userId: on.user.id, orgSlug: on.org.slug, agentSlug: on.slug, input: { enabled: true }, ...drillActionSpecs.daily });
    expect(daily).toEqual({ ok: true, data: undefined });

    const { enqueued } = await enqueueDailyDrills();

    expect(enqueued).toBeGreaterThanOrEqual(1);
    const [event] = await eventually("the daily drill's event", async () => {
      const events = await drillEvents(on.agent.id);
      return events.length ? events : undefined;
    });
    expect(event).toMatchObject({ actorId: null, severity: "info" });
    expect(ZDrillData.parse(event!.data)).toMatchObject({ trigger: "daily", passed: true });
    expect(await drillEvents(off.agent.id)).toHaveLength(0);
  });

  it("a drill whose worker does not answer in time is reported as still running, then lands in the feed", async () => {
    const a = await drilledAgent();
    // The backup takes longer to answer than the action waits.
    await postJson(`${harness.simulatorUrl}/_control`, { key: a.keys.backup, behaviour: "sim-slow-1500" });

    const result = await requestDrill({ orgId: a.org.id, agentId: a.agent.id, userId: a.user.id }, { waitMs: 200 });

    if (result.state !== "pending") throw new Error(`expected a drill still running, got ${JSON.stringify(result)}`);
    const events = await eventually("the drill's event", async () => {
      const found = await drillEvents(a.agent.id);
      return found.length ? found : undefined;
    });
    expect(ZDrillData.parse(events[0]!.data)).toMatchObject({ drillId: result.drillId, passed: true });
  });
});
