import { describe, expect, it } from "vitest";

import { requestControl } from "@/lib/agents/request-control";
import { ZSetBackup } from "@/lib/agents/schemas";
import { setBackup } from "@/lib/agents/set-backup";
import { db } from "@/lib/db/client";
import { simulatorBaseUrl } from "@/lib/providers/catalog";

import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually, startWorker } from "../../fixtures/worker-process";

const harness = useTurnHarness("restart-chain");

describe("the running chain changes only at restart", () => {
  it("keeps answering with the started chain after a backup change, and with the new one after Restart", async () => {
    // The primary always fails, so whoever answers is the backup in use.
    const { org, agent, user } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-429" });
    const chain = { orgId: org.id, agentId: agent.id, userId: user.id };
    const first = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "Before" })).id);
    expect(first.answeredBy).toBe("Anthropic (simulated)");

    const pasted = ZSetBackup.parse({
      mode: "api_key",
      position: 1,
      vendor: "google",
      apiKey: "sim-ok~restart-chain",
      model: "gemini-2.0-flash",
      baseUrl: simulatorBaseUrl("google", harness.simulatorUrl),
      firstTokenTimeoutSeconds: 30,
      stallTimeoutSeconds: 30,
    });
    await setBackup(chain, pasted);
    const stillOld = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "Changed, not restarted" })).id);
    expect(stillOld.answeredBy).toBe("Anthropic (simulated)");

    await requestControl({ ...chain, action: "restart" });
    await eventually("restarted", async () => {
      const a = await db.agent.findUniqueOrThrow({ where: { id: agent.id } });
      return a.status === "running" && a.runningVersion === a.configVersion ? true : undefined;
    });
    const fresh = await settledTurn((await sendTurn({ orgId: org.id, agentId: agent.id, text: "After restart" })).id);
    expect(fresh.answeredBy).toBe("API key …hain");
    expect(fresh.answer).toMatch(/^\[google:gemini-2.0-flash\]/);
  });

  it("finishes a turn in flight when a worker gets SIGTERM, then exits cleanly", async () => {
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-slow-1500" });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Slow one" });
    await eventually("turn running", async () => ((await db.turn.findUniqueOrThrow({ where: { id } })).state === "running" ? true : undefined));
    const exitCode = await harness.workers[0]!.stop("SIGTERM");
    expect(exitCode).toBe(0);
    expect(await db.turn.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "answered", answeredBy: "OpenAI (simulated)" });
    harness.workers[0] = await startWorker();
  });
});
