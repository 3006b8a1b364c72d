// A provider that streams without end is cut at PROVIDER_ANSWER_MAX_BYTES:
// the attempt fails as a server error saying so, and the backup continues
// the answer, in a real worker process.
import { describe, expect, it } from "vitest";

import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";

const MAX_BYTES = 256 * 1024;
const harness = useTurnHarness("answer-cap", { env: { PROVIDER_ANSWER_MAX_BYTES: String(MAX_BYTES) } });

describe("the bytes taken from one provider answer", () => {
  it("cuts a primary that streams without end, records a failed attempt that says so, and lets the backup finish the answer", async () => {
    // 16 KiB every 5 ms: the cap is passed in under a tenth of a second.
    const { org, agent } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-endless-5", timeoutSeconds: 10 });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Tell me everything" });
    const turn = await settledTurn(id, 30_000);
    expect(turn).toMatchObject({ state: "answered", answeredBy: "Anthropic (simulated)", failedOver: true });
    expect(turn.attempts.map((a) => [a.label, a.outcome, a.continued])).toEqual([
      ["OpenAI (simulated)", "server_error", false],
      ["Anthropic (simulated)", "ok", true],
    ]);
    expect(turn.attempts[0]?.message).toBe("Server error: The answer passed 0.25 MB and was cut");
    // What the caller received of the cut answer, then the backup's continuation.
    expect(turn.answer?.startsWith("[openai:gpt-4o-mini] c1 xxxxxxx")).toBe(true);
    expect(Buffer.byteLength(turn.answer ?? "")).toBeLessThanOrEqual(MAX_BYTES + 1024);
    expect(turn.answer).toMatch(/ \[anthropic:claude-3-5-haiku-latest\] continues the answer\.$/);
  });
});
