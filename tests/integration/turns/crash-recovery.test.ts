import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { startSimulator } from "@/lib/simulator/server";

import { isolateQueues } from "../../fixtures/isolated-queues";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually, startedWorkers } from "../../fixtures/worker-process";

isolateQueues("crash");
let simulator: Awaited<ReturnType<typeof startSimulator>>;
const { start: worker } = startedWorkers();

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await simulator.close();
});

describe("exactly one answer per turn", () => {
  it("a worker killed with SIGKILL mid-turn leaves exactly one answer after another worker recovers it", async () => {
    const first = await worker();
    const { org, agent } = await createRunningAgent({ simulatorUrl: simulator.url, primaryKey: "sim-slow-1500" });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Take your time" });
    await eventually("turn running", async () => ((await db.turn.findUniqueOrThrow({ where: { id } })).state === "running" ? true : undefined));
    await first.stop("SIGKILL");
    await worker();
    const turn = await settledTurn(id, 60_000);
    expect(turn).toMatchObject({ state: "answered", answeredBy: "OpenAI (simulated)" });
    expect(await db.message.count({ where: { turnId: id, role: "assistant" } })).toBe(1);
  }, 90_000);
});
