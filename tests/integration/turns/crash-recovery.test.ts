import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startSimulator } from "@/lib/simulator/server";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually, startedWorkers } from "../../fixtures/worker-process";
import { isolateQueues } from "../../fixtures/isolated-queues";

isolateQueues("crash");
let simulator: Awaited<ReturnType<typeof startSimulator>>;
const { started, start: worker } = startedWorkers();

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

  it("500 turns sent while the primary flaps give 500 answers and no duplicates", async () => {
    while (started.filter((w) => w.alive()).length < 2) await worker();
    const { org, agent } = await createRunningAgent({ simulatorUrl: simulator.url, primaryKey: "sim-flaky-30" });
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const sent = await Promise.all(Array.from({ length: 50 }, (_, i) => sendTurn({ orgId: org.id, agentId: agent.id, text: `Question ${batch}-${i}` })));
      ids.push(...sent.map((t) => t.id));
    }
    await eventually("all 500 settled", async () => ((await db.turn.count({ where: { id: { in: ids }, state: "answered" } })) === 500 ? true : undefined), 120_000);
    const perTurn = await db.message.groupBy({ by: ["turnId"], where: { turnId: { in: ids }, role: "assistant" }, _count: { _all: true } });
    expect(perTurn).toHaveLength(500);
    expect(perTurn.every((g) => g._count._all === 1)).toBe(true);
    const failovers = await db.turn.count({ where: { id: { in: ids }, failedOver: true } });
    expect(failovers).toBeGreaterThan(0);
  }, 180_000);
});
