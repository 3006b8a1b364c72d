// A worker killed with SIGKILL while it streams an answer: another worker
// takes the turn over and continues the answer from the text the caller
// already has, in the same open stream.
import { describe, expect, it } from "vitest";

import { POST } from "@/app/api/v1/chat/completions/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";
import { db } from "@/lib/db/client";

import { readSse } from "../../fixtures/sse";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, settledTurn } from "../../fixtures/turns";
import { startedWorkers, type TWorkerProcess } from "../../fixtures/worker-process";

const harness = useTurnHarness("streaming-crash", { workers: 0 });
const workers = startedWorkers();

describe("a worker killed mid-stream", () => {
  it("the caller's stream is continued by another worker, ends once, and exactly one answer is stored", async () => {
    const first = await workers.start();
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-chunks-40-150" });
    const { key } = await createApiKey({ orgId: running.org.id, agentId: running.agent.id, userId: running.user.id }, ZCreateApiKey.parse({ name: "Crash" }));
    const response = await POST(
      new Request("http://localhost/api/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: running.agent.slug, messages: [{ role: "user", content: "A long story, please" }], stream: true }),
      }),
    );
    let beforeKill = "";
    let replacement: Promise<TWorkerProcess> | undefined;
    const read = await readSse(response, async (_chunk, soFar) => {
      if (replacement || !soFar.includes(" c3 ")) return;
      beforeKill = soFar;
      await first.stop("SIGKILL");
      replacement = workers.start();
    });
    await replacement;

    const numbers = [...read.content.matchAll(/c(\d+)/g)].map((m) => Number(m[1]));
    // Continued, not restarted: every piece once, in order, after what the caller already had.
    expect(read.content.startsWith(beforeKill)).toBe(true);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(read.done).toBe(1);
    const turn = await settledTurn((await db.turn.findFirstOrThrow({ where: { orgId: running.org.id } })).id, 60_000);
    expect(turn).toMatchObject({ state: "answered", answer: read.content });
    expect(await db.message.count({ where: { turnId: turn.id, role: "assistant" } })).toBe(1);
  }, 90_000);
});
