// Alerts from the activity feed, end to end: real turns through a worker
// against the simulator write their events, the worker's scheduled scan
// opens and resolves incidents, and its deliveries reach a webhook receiver
// in this process. Health and drill events are written as their writers
// write them (the settle, the prober, a health reset, a drill).
import { afterAll, describe, expect, it } from "vitest";

import { recordEvent } from "@/lib/activity/record-event";
import { ALERT_RULES, type TAlertRule } from "@/lib/alerts/rules";
import { setAlertSettings } from "@/lib/alerts/settings";
import { db } from "@/lib/db/client";
import { circuitKeyOf } from "@/lib/turns/circuit-key";
import { HEALTH_EVENTS } from "@/lib/turns/turn-events";

import { addChannel } from "../../fixtures/alerts";
import { startReceiver } from "../../fixtures/http-receiver";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";

// The only scanning worker of the suite; circuits never open here, so a
// failing primary keeps failing over instead of being skipped.
const harness = useTurnHarness("alert-rules", { env: { ALERT_SCAN_INTERVAL_MS: "300", CIRCUIT_FAILURE_THRESHOLD: "100" } });
const receiver = await startReceiver();
afterAll(() => receiver.close());

type TMessage = { type: string; rule: string | null; agent: { name: string } | null; provider: string | null; text: string };
const messagesOf = (orgSlug: string): TMessage[] =>
  receiver.received.map((r) => JSON.parse(r.body) as TMessage & { organization: { slug: string } }).filter((m) => m.organization.slug === orgSlug);
const told = (orgSlug: string) => messagesOf(orgSlug).map((m) => `${m.type} ${m.rule}`);

const stage = (key: string, behaviour: string | null) =>
  fetch(`${harness.simulatorUrl}/_control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key, behaviour }) });

async function alertingAgent({ disabled = [], thresholdPercent = 20 }: { disabled?: TAlertRule[]; thresholdPercent?: number } = {}) {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
  const enabledRules = ALERT_RULES.filter((rule) => !disabled.includes(rule));
  await setAlertSettings({ orgId: running.org.id, input: { enabledRules, failoverRatePercent: thresholdPercent } });
  await addChannel(running.org.id, running.user.id, { kind: "webhook", name: "Ops", url: receiver.url() });
  const { name } = await db.agent.findUniqueOrThrow({ where: { id: running.agent.id }, select: { name: true } });
  return { ...running, agentName: name };
}

// Every event of the organization has been scanned, and every delivery settled.
async function settled(orgId: string) {
  const latest = await db.activityEvent.findFirst({ where: { orgId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  await eventually(
    "the scan past the organization's last event",
    async () => {
      const cursor = await db.alertCursor.findUnique({ where: { id: "activity" } });
      return cursor && latest && cursor.lastCreatedAt >= latest.createdAt ? true : undefined;
    },
    30_000,
  );
  await eventually("every delivery settled", async () => ((await db.alertDelivery.count({ where: { orgId, status: "pending" } })) === 0 ? true : undefined));
}

async function turns(orgId: string, agentId: string, count: number) {
  const results = [];
  for (let i = 0; i < count; i += 1) results.push(await settledTurn((await sendTurn({ orgId, agentId, text: `Turn ${i}` })).id));
  return results;
}

describe("failover rate", () => {
  it("five failovers in a row give one alert; recovery gives one resolved message", async () => {
    const { org, agent, agentName, keys } = await alertingAgent({ thresholdPercent: 50 });
    await stage(keys.primary, "sim-500");
    const failing = await turns(org.id, agent.id, 5);
    expect(failing.map((t) => [t.state, t.failedOver])).toEqual(Array(5).fill(["answered", true]));
    await eventually("the alert", async () => (told(org.slug).length > 0 ? true : undefined), 30_000);
    await settled(org.id);
    expect(told(org.slug)).toEqual(["alert failover_rate"]);
    expect(messagesOf(org.slug)[0]).toMatchObject({ agent: { name: agentName }, text: expect.stringContaining("5 of 5 turns") });

    await stage(keys.primary, null);
    // 5 failovers in 11 turns is 45 %, under the threshold of 50 %.
    const healthy = await turns(org.id, agent.id, 6);
    expect(healthy.every((t) => t.state === "answered" && !t.failedOver)).toBe(true);
    await eventually("the resolved message", async () => (told(org.slug).length > 1 ? true : undefined), 30_000);
    await settled(org.id);
    expect(told(org.slug)).toEqual(["alert failover_rate", "resolved failover_rate"]);
    expect(await db.alertIncident.findMany({ where: { orgId: org.id }, select: { rule: true, openKey: true, resolvedAt: true } })).toEqual([
      { rule: "failover_rate", openKey: null, resolvedAt: expect.any(Date) },
    ]);
  }, 120_000);

  it("fewer than five settled turns never make a rate, even all failed over", async () => {
    const { org, agent, keys } = await alertingAgent({ thresholdPercent: 20 });
    await stage(keys.primary, "sim-500");
    await turns(org.id, agent.id, 4);
    await settled(org.id);
    expect(told(org.slug)).toEqual([]);
  }, 60_000);
});

describe("all providers failed", () => {
  it("alerts once however many turns fail, and resolves when the agent answers again", async () => {
    const { org, agent, keys } = await alertingAgent();
    await stage(keys.primary, "sim-500");
    await stage(keys.backup, "sim-500");
    expect((await turns(org.id, agent.id, 2)).map((t) => t.state)).toEqual(["failed", "failed"]);
    await settled(org.id);
    expect(told(org.slug)).toEqual(["alert all_failed"]);
    await stage(keys.primary, null);
    await stage(keys.backup, null);
    expect((await turns(org.id, agent.id, 1))[0]?.state).toBe("answered");
    await eventually("the resolved message", async () => (told(org.slug).length > 1 ? true : undefined), 30_000);
    await settled(org.id);
    expect(told(org.slug)).toEqual(["alert all_failed", "resolved all_failed"]);
  }, 90_000);
});

describe("provider health and drills", () => {
  // As the settle (with the turn's agent) and the prober (no agent) write them.
  const health = (orgId: string, agentId: string | null, kind: "degraded" | "recovered" | "needs_attention", link: { credentialId: string; model: string }) =>
    recordEvent(db, {
      orgId,
      agentId,
      ...HEALTH_EVENTS[kind]!,
      credentialIds: [link.credentialId],
      data: { provider: "OpenAI (simulated)", circuitKey: circuitKeyOf(link), cause: kind === "recovered" ? null : { outcome: "auth", status: 401 } },
    });
  // As the drills engineer writes a drill (common brief): type "drill", data.passed.
  const drill = (orgId: string, agentId: string, passed: boolean) =>
    db.activityEvent.create({
      data: {
        orgId,
        agentId,
        type: "drill",
        severity: passed ? "info" : "error",
        data: {
          drillId: `d-${Date.now()}`,
          trigger: "manual",
          passed,
          results: [
            {
              position: 1,
              label: "Anthropic (simulated)",
              vendor: "anthropic",
              model: "claude",
              ok: passed,
              latencyMs: 5,
              outcome: passed ? "ok" : "auth",
              status: passed ? 200 : 401,
              message: null,
            },
          ],
        },
      },
    });

  it("a circuit opened, a provider needing attention and a failed drill alert once each; recovery, a reset and a passing drill resolve them", async () => {
    const { org, agent, agentName, providers } = await alertingAgent();
    const link = { credentialId: providers.primary.id, model: "gpt-4o-mini" };
    const backupLink = { credentialId: providers.backup.id, model: "claude-3-5-haiku-latest" };
    await health(org.id, agent.id, "degraded", link);
    await health(org.id, agent.id, "degraded", link);
    await health(org.id, agent.id, "needs_attention", backupLink);
    await drill(org.id, agent.id, false);
    await drill(org.id, agent.id, false);
    await settled(org.id);
    expect(told(org.slug).sort()).toEqual(["alert circuit", "alert drill_failed", "alert needs_attention"]);
    const drillAlert = messagesOf(org.slug).find((m) => m.rule === "drill_failed");
    expect(drillAlert?.text).toBe(`A failover drill of ${agentName} failed: Anthropic (simulated): auth.`);

    // The prober's recovery names no agent: it resolves the link for every agent.
    await health(org.id, null, "recovered", link);
    await drill(org.id, agent.id, true);
    await settled(org.id);
    expect(
      told(org.slug)
        .filter((m) => m.startsWith("resolved"))
        .sort(),
    ).toEqual(["resolved circuit", "resolved drill_failed"]);
    // A person's health reset of the backup's link, as the Overview's button writes it.
    await recordEvent(db, {
      orgId: org.id,
      agentId: agent.id,
      type: "health_reset",
      actorId: null,
      credentialIds: [backupLink.credentialId],
      data: { provider: "Anthropic (simulated)", circuitKey: circuitKeyOf(backupLink) },
    });
    await settled(org.id);
    expect(told(org.slug).sort()).toEqual([
      "alert circuit",
      "alert drill_failed",
      "alert needs_attention",
      "resolved circuit",
      "resolved drill_failed",
      "resolved needs_attention",
    ]);
    expect(await db.alertIncident.count({ where: { orgId: org.id, resolvedAt: null } })).toBe(0);
  }, 60_000);

  it("a rule switched off opens no incident and sends nothing", async () => {
    const { org, agent, providers } = await alertingAgent({ disabled: ["circuit", "drill_failed"] });
    await health(org.id, agent.id, "degraded", { credentialId: providers.primary.id, model: "gpt-4o-mini" });
    await drill(org.id, agent.id, false);
    await settled(org.id);
    expect(told(org.slug)).toEqual([]);
    expect(await db.alertIncident.count({ where: { orgId: org.id } })).toBe(0);
  }, 60_000);
});
