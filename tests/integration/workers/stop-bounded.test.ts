// A worker asked to stop while Redis is unreachable: it finishes the turn in
// flight (PostgreSQL takes the answer) and exits within its stop timeout,
// instead of waiting for Redis for ever. Its Redis is a server of this
// test's own, killed here; the shared one is never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";

import { startRedis, type TOwnRedis } from "../../fixtures/own-services";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually, startWorker, type TWorkerProcess } from "../../fixtures/worker-process";
import { postJson } from "../simulator/sim-client";

const harness = useTurnHarness("worker-stop", { workers: 0 });
let redis: TOwnRedis;
let worker: TWorkerProcess | undefined;

beforeAll(async () => {
  redis = await startRedis();
  // This process's producer enqueues there too.
  process.env.REDIS_URL = redis.url;
});
afterAll(async () => {
  if (worker?.alive()) await worker.stop("SIGKILL");
  await redis.close();
});

const control = async (key: string, behaviour: string | null) =>
  expect((await postJson(`${harness.simulatorUrl}/_control`, { key, behaviour })).status).toBe(200);
const exitOf = (w: TWorkerProcess) => new Promise<number | null>((resolve) => w.child.once("exit", (code) => resolve(code)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a worker whose stop timeout passes mid-turn", () => {
  it("exits and hands the turn back: another worker answers it", async () => {
    const stopping = await startWorker({ REDIS_URL: redis.url, WORKER_STOP_TIMEOUT_SECONDS: "1" });
    // The primary hangs (for two minutes, inside its deadlines) until the
    // stopping worker is gone, so the turn is still in flight when it stops
    // however slowly the other worker starts; then it answers at once for the
    // worker the turn is handed to.
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok", timeoutSeconds: 150 });
    await control(running.keys.primary, "sim-slow-120000");
    const turn = await sendTurn({ orgId: running.org.id, agentId: running.agent.id, text: "Hello" });
    await eventually("the turn running", async () => ((await db.turn.findUniqueOrThrow({ where: { id: turn.id } })).state === "running" ? true : undefined));
    const other = await startWorker({ REDIS_URL: redis.url });
    try {
      expect(await stopping.stop("SIGTERM")).toBe(1);
      expect(stopping.output()).toContain("handed back");
      await control(running.keys.primary, null);
      expect(await settledTurn(turn.id, 40_000)).toMatchObject({ state: "answered" });
    } finally {
      await other.stop();
    }
  }, 60_000);
});

describe("a worker stopping while Redis is unreachable", () => {
  it("exits within WORKER_STOP_TIMEOUT_SECONDS after SIGINT then SIGTERM, with its turn in flight answered", async () => {
    worker = await startWorker({ REDIS_URL: redis.url, WORKER_STOP_TIMEOUT_SECONDS: "4" });
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-slow-1500" });
    const turn = await sendTurn({ orgId: running.org.id, agentId: running.agent.id, text: "Hello" });
    await eventually("the turn running", async () => ((await db.turn.findUniqueOrThrow({ where: { id: turn.id } })).state === "running" ? true : undefined));

    await redis.kill();
    const exited = exitOf(worker);
    worker.child.kill("SIGINT");
    await eventually("the worker to start stopping", async () => (worker!.output().includes("worker stopping") ? true : undefined), 5_000);
    worker.child.kill("SIGTERM");
    // Far past the 4 s bound: without it the worker waits for Redis for ever.
    const outcome = await Promise.race([exited.then((code) => ({ exited: true, code })), sleep(25_000).then(() => ({ exited: false }))]);

    expect(outcome.exited, worker.output()).toBe(true);
    expect(worker.output()).toContain("worker stop timed out");
    expect(await settledTurn(turn.id)).toMatchObject({ state: "answered" });
  }, 60_000);
});
