// A caller's schema that takes too long to check against is the caller's
// fault: the turn goes back to the caller, and no provider is blamed.
import { describe, expect, it } from "vitest";

import { createMemoryCircuitStore } from "@/lib/failover/memory-circuit-store";
import { runTurn } from "@/lib/failover/run-turn";
import type { TRunTurnInput, TSchemaCheck } from "@/lib/failover/types";

import { makeDeps, makeLink, scriptedCall, USER_MESSAGE } from "./fake-provider";
import { LOOKUP_ORDER, lookupCall } from "./tool-fixtures";

const links = [makeLink("primary"), makeLink("backup")];
const outOfTime: TSchemaCheck = async () => ({ kind: "timed_out", limitMs: 500 });

async function runOutOfTime(input: Partial<TRunTurnInput>, reply: Parameters<typeof scriptedCall>[0]["primary"][number]) {
  const fake = scriptedCall({ primary: [reply, reply], backup: [reply] });
  const store = createMemoryCircuitStore({ failureThreshold: 1 });
  const result = await runTurn({ links, messages: [USER_MESSAGE], deps: makeDeps({ call: fake.call, store, checkSchema: outOfTime }), ...input });
  return { fake, store, result };
}

describe("runTurn when a schema check runs out of time", () => {
  it("returns a json_schema answer's turn as bad_request naming the schema: no corrective retry, no failover, no health failure", async () => {
    const weather = { type: "json_schema", name: "weather", schema: { type: "object" } } as const;
    const { fake, store, result } = await runOutOfTime({ responseFormat: weather }, { text: '{"city":"Paris"}' });

    expect(result).toMatchObject({
      ok: false,
      terminal: "no_failover",
      error: {
        outcome: "bad_request",
        message: 'The "weather" response format schema took longer than 500 ms to check the reply against; simplify the schema',
      },
    });
    expect(result.attempts).toMatchObject([{ linkId: "link-primary", outcome: "bad_request" }]);
    expect(fake.requestsFor("primary")).toHaveLength(1);
    expect(fake.requestsFor("backup")).toHaveLength(0);
    expect(await store.get("circuit-primary")).toMatchObject({ state: "closed", consecutiveFailures: 0 });
    expect(result.events).toEqual([]);
  });

  it("does the same for a caller tool's parameters", async () => {
    const { fake, store, result } = await runOutOfTime({ callerTools: [LOOKUP_ORDER] }, { text: "", toolCalls: [lookupCall({ orderId: "A-17" })] });

    expect(result).toMatchObject({
      ok: false,
      terminal: "no_failover",
      error: {
        outcome: "bad_request",
        message: 'The parameters schema of "lookup_order" took longer than 500 ms to check the call\'s arguments against; simplify the schema',
      },
    });
    expect(fake.requestsFor("primary")).toHaveLength(1);
    expect(fake.requestsFor("backup")).toHaveLength(0);
    expect(await store.get("circuit-primary")).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });
});
