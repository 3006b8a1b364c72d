// A base URL saved while private provider URLs were allowed stops working
// once they are not: the rule is applied where each connection is made, in
// the worker, not only when the URL was saved.
import { describe, expect, it } from "vitest";

import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { callsOf } from "../simulator/sim-client";

// This file's workers run as a hosted instance does; the test process, which
// saved the providers, allows private URLs as every other test does.
const harness = useTurnHarness("private-provider-urls", { env: { ALLOW_PRIVATE_PROVIDER_URLS: "false" } });

describe("private provider URLs switched off after they were saved", () => {
  it("fails the turn as a network error on every link, and the provider on loopback receives nothing", async () => {
    const { org, agent, keys } = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    const { id } = await sendTurn({ orgId: org.id, agentId: agent.id, text: "Hello" });
    const turn = await settledTurn(id);
    expect(turn).toMatchObject({ state: "failed", errorOutcome: "network" });
    expect(turn.attempts.map((a) => a.outcome)).toEqual(["network", "network"]);
    for (const attempt of turn.attempts) expect(attempt.message).toMatch(/The provider's host "127\.0\.0\.1" is a private or local address/);
    expect(await callsOf(harness.simulatorUrl, keys.primary)).toEqual({});
    expect(await callsOf(harness.simulatorUrl, keys.backup)).toEqual({});
  });
});
