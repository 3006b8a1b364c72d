// Callers' JSON Schemas through the real route handler and a worker process:
// a schema that expands too far, or cannot be stored, is a 400 naming its
// field; one that is admitted yet takes too long to check fails its own turn
// as the caller's fault, while the worker goes on answering others.
import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";

import { agentApi } from "../../fixtures/agent-api";
import { schemaBomb } from "../../fixtures/schema-bomb";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";

// A check may run this long here, so a turn still being checked is seen.
const CHECK_LIMIT_MS = 5000;
const harness = useTurnHarness("caller-schemas", { env: { SCHEMA_CHECK_TIMEOUT_MS: String(CHECK_LIMIT_MS) } });

type TBody = Record<string, unknown>;
type TError = { error: { message: string; type: string; param: string | null; code: string | null } };

async function agentWithKey() {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
  return { ...running, ...(await agentApi(running)) };
}

const tool = (parameters: TBody) => ({ tools: [{ type: "function", function: { name: "lookup", parameters } }] });
const format = (schema: TBody) => ({ response_format: { type: "json_schema", json_schema: { name: "answer", schema } } });

// Admitted by the API: each $ref back into the node counts once. But every
// level of the value's nesting multiplies the check by 16, and the
// simulated model nests its answer 8 levels deep: 16^8 subschemas to visit.
const BRANCHING = {
  $defs: { node: { type: "object", properties: { next: { allOf: Array.from({ length: 16 }, () => ({ $ref: "#/$defs/node" })) } } } },
  $ref: "#/$defs/node",
};

describe("callers' schemas at the API", () => {
  it("a schema bomb is a 400 naming its field, as a response format and as a tool's parameters, and nothing is stored", async () => {
    const agent = await agentWithKey();
    const cases: Array<[TBody, string]> = [
      [tool(schemaBomb(16)), "tools[0].function.parameters"],
      [format(schemaBomb(100)), "response_format.json_schema.schema"],
    ];
    for (const [body, param] of cases) {
      const response = await agent.complete(body);
      const { error } = (await response.json()) as TError;
      expect({ status: response.status, param: error.param, type: error.type }).toEqual({ status: 400, param, type: "invalid_request_error" });
      expect(error.message).toBe(
        `Invalid '${param}': Not a usable JSON Schema: its $refs expand it to more than 20,000 subschemas to check each value against; refer to each definition from fewer places`,
      );
    }
    expect(await db.turn.count({ where: { agentId: agent.agent.id } })).toBe(0);
  });

  it("a NUL or a lone surrogate in a schema's names or values, or in a metadata key, is a 400 naming the field, and nothing is stored", async () => {
    const agent = await agentWithKey();
    const cases: Array<[TBody, string]> = [
      [format({ type: "object", description: "a\u0000b" }), "response_format.json_schema.schema"],
      [format({ type: "object", properties: { "na\u0000me": { type: "string" } } }), "response_format.json_schema.schema"],
      [tool({ type: "object", properties: { name: { enum: ["\ud800"] } } }), "tools[0].function.parameters"],
      [tool({ type: "object", "x-\udfff": true }), "tools[0].function.parameters"],
      [{ metadata: { "key\u0000": "value" } }, "metadata"],
      [{ metadata: { "\ud83d": "value" } }, "metadata"],
    ];
    for (const [body, param] of cases) {
      const response = await agent.complete(body);
      const { error } = (await response.json()) as TError;
      expect({ status: response.status, param: error.param }, JSON.stringify(body)).toEqual({ status: 400, param });
      expect(error.message).toMatch(/Remove NUL characters and unpaired surrogates/);
    }
    expect(await db.turn.count({ where: { agentId: agent.agent.id } })).toBe(0);
  });

  it("a schema nested deeper than the bound is a 400 naming its field", async () => {
    const agent = await agentWithKey();
    let deep: TBody = { type: "string" };
    for (let level = 0; level < 2000; level += 1) deep = { not: deep };
    const response = await agent.complete(tool(deep));
    const { error } = (await response.json()) as TError;
    expect({ status: response.status, param: error.param, message: error.message }).toEqual({
      status: 400,
      param: "tools[0].function.parameters",
      message: "Invalid 'tools[0].function.parameters': Nest a schema at most 64 levels deep",
    });
  });

  it("a recursive schema that refers to its root is admitted and its answer checked", async () => {
    const agent = await agentWithKey();
    const list = { type: "object", properties: { value: { type: "number" }, next: { anyOf: [{ $ref: "#" }, { type: "null" }] } } };
    const response = await agent.complete(format(list));
    expect(response.status).toBe(200);
    const completion = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(JSON.parse(completion.choices[0]!.message.content)).toMatchObject({ value: expect.any(Number) });
  });
});

describe("a schema that takes too long to check, in the worker", () => {
  it("fails its turn as the caller's fault, naming the schema, while the worker answers another organization's turn", async () => {
    const slow = await agentWithKey();
    const other = await agentWithKey();
    const pending = slow.complete(format(BRANCHING));
    // The provider has answered: the worker is now checking the answer.
    await eventually("the slow turn's answer to be checked", async () => {
      const response = await fetch(`${harness.simulatorUrl}/_requests?key=${encodeURIComponent(slow.keys.primary)}`);
      return ((await response.json()) as unknown[]).length > 0 ? true : undefined;
    });
    const answered = await other.complete({});
    expect(answered.status).toBe(200);
    const stillChecking = await db.turn.findFirstOrThrow({ where: { agentId: slow.agent.id }, select: { state: true } });
    expect(stillChecking.state).toBe("running");

    const refused = await pending;
    const { error } = (await refused.json()) as TError;
    expect({ status: refused.status, code: error.code, message: error.message }).toEqual({
      status: 400,
      code: "bad_request",
      message: `The "answer" response format schema took longer than ${CHECK_LIMIT_MS} ms to check the reply against; simplify the schema`,
    });
    const turn = await db.turn.findFirstOrThrow({ where: { agentId: slow.agent.id }, include: { attempts: true } });
    expect(turn.attempts.map((a) => ({ outcome: a.outcome, corrective: a.corrective }))).toEqual([{ outcome: "bad_request", corrective: false }]);
    const events = await db.activityEvent.findMany({ where: { agentId: slow.agent.id, type: { in: ["failover", "all_failed", "provider_degraded"] } } });
    expect(events).toEqual([]);
    expect(harness.workers[0]!.alive()).toBe(true);
  });
});
