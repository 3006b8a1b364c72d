// A failed turn is told by its outcome, whatever found the failure: an agent
// that is not running is a 409 agent_not_running at submit time and in the
// worker alike, and a turn the queue refused reads back as the 503 its
// request got.
import { describe, expect, it } from "vitest";

import { applyControl } from "@/lib/agents/apply-control";
import { db } from "@/lib/db/client";

import { agentApi } from "../../fixtures/agent-api";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { insertRefusedTurn } from "../../fixtures/turn-rows";
import { createRunningAgent } from "../../fixtures/turns";

const harness = useTurnHarness("turn-outcomes");

type TErrorBody = { error: { message: string; type: string; code: string | null; turn_id?: string } };

const errorOf = async (response: Response) => ((await response.json()) as TErrorBody).error;

describe("a failed turn's outcome, as an API caller reads it", () => {
  for (const stream of [false, true]) {
    it(`an agent found not running by the worker is a 409 agent_not_running, as it is at submit time (stream: ${stream})`, async () => {
      const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
      const api = await agentApi(running);
      // Still running to the submit, but with no chain the worker can run.
      await db.agent.update({ where: { id: running.agent.id }, data: { runtime: {} } });

      const inWorker = await api.complete({ stream });
      expect(inWorker.status).toBe(409);
      const error = await errorOf(inWorker);
      expect(error).toMatchObject({ message: "Agent is not running", type: "invalid_request_error", code: "agent_not_running" });
      const stored = await api.turn(error.turn_id ?? "");
      expect(stored.status).toBe(409);
      expect(await errorOf(stored)).toMatchObject({ code: "agent_not_running" });

      await applyControl({ orgId: running.org.id, agentId: running.agent.id, action: "stop", requestedById: running.user.id });
      const atSubmit = await api.complete({ stream });
      expect(atSubmit.status).toBe(409);
      expect(await errorOf(atSubmit)).toMatchObject({ message: "Agent is stopped", type: "invalid_request_error", code: "agent_not_running" });
    });
  }

  it("a turn the queue refused reads back as the 503 its request got", async () => {
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const api = await agentApi(running);
    const { turn: refused } = await insertRefusedTurn({ orgId: running.org.id, agentId: running.agent.id, apiKeyId: api.keyId });

    const response = await api.turn(refused.id);
    expect(response.status).toBe(503);
    expect(response.headers.get("x-should-retry")).toBe("false");
    expect(await errorOf(response)).toMatchObject({ message: "Queue unavailable", type: "server_error", code: "unavailable", turn_id: refused.id });
  });
});
