// Callers' own tools and parameters through the real route handler, a worker
// process, PostgreSQL, Redis and the simulator, for each of its wire formats:
// the request each vendor received is read back from the simulator.
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";

import { POST } from "@/app/api/v1/chat/completions/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";
import { db } from "@/lib/db/client";
import type { TVendor } from "@/lib/providers/types";

import { readSse } from "../../fixtures/sse";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent } from "../../fixtures/turns";

const harness = useTurnHarness("caller-tools");

// Each wire format answers first once, backed up by another.
const PAIRS: Array<{ primary: TVendor; backup: TVendor }> = [
  { primary: "openai", backup: "anthropic" },
  { primary: "anthropic", backup: "google" },
  { primary: "google", backup: "openai" },
];

const WEATHER = {
  type: "function",
  function: {
    name: "get_weather",
    description: "The weather in a city.",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
  },
};

const PERSON_SCHEMA = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
  additionalProperties: false,
};

type TBody = Record<string, unknown>;
type TCompletion = {
  conversation_id: string;
  choices: Array<{
    finish_reason: string;
    message: { content: string | null; tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }> };
  }>;
};

async function agentWithKey(options: { primaryKey: string; backupKey?: string; vendors?: { primary: TVendor; backup: TVendor } }) {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, ...options });
  const { key } = await createApiKey({ orgId: running.org.id, agentId: running.agent.id, userId: running.user.id }, ZCreateApiKey.parse({ name: "Tools" }));
  const complete = (body: TBody) =>
    POST(
      new Request("http://localhost/api/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: running.agent.slug, ...body }),
      }),
    );
  return { ...running, complete };
}

// The bodies the simulator received with a key, oldest first.
async function received(key: string): Promise<TBody[]> {
  const response = await fetch(`${harness.simulatorUrl}/_requests?key=${encodeURIComponent(key)}`);
  return (await response.json()) as TBody[];
}

const control = (key: string, behaviour: string | null) =>
  fetch(`${harness.simulatorUrl}/_control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key, behaviour }) });

const attemptsOf = async (conversationId: string) => {
  const turns = await db.turn.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" }, include: { attempts: { orderBy: { index: "asc" } } } });
  return turns.flatMap((t) => t.attempts.map((a) => ({ label: a.label, outcome: a.outcome, corrective: a.corrective, message: a.message })));
};

// The tool-call ids a request carries in its history, in each vendor's wire
// format: the call's id and the id its result answers.
function historyIds(vendor: TVendor, body: TBody): { calls: string[]; results: string[] } {
  const json = JSON.stringify(body);
  const all = (pattern: RegExp) => [...json.matchAll(pattern)].map((m) => m[1]!);
  if (vendor === "anthropic") return { calls: all(/"type":"tool_use","id":"([^"]+)"/g), results: all(/"tool_use_id":"([^"]+)"/g) };
  if (vendor === "google") return { calls: all(/"functionCall":\{[^}]*?"id":"([^"]+)"/g), results: all(/"functionResponse":\{[^}]*?"id":"([^"]+)"/g) };
  return { calls: all(/"tool_calls":\[\{"id":"([^"]+)"/g), results: all(/"tool_call_id":"([^"]+)"/g) };
}

// A caller's own id that no vendor takes as it is: too long for OpenAI, and
// characters Anthropic refuses.
const CALLER_ID = `call:weather/${"x".repeat(60)}`;

describe.each(PAIRS)("callers' tools with $primary answering first and $backup as backup", ({ primary, backup }) => {
  it("hands the caller's tool call back, and after a switch to the backup the loop goes on there with the ids rewritten for its vendor", async () => {
    const agent = await agentWithKey({ primaryKey: "sim-ok", vendors: { primary, backup } });
    const first = (await (await agent.complete({ messages: [{ role: "user", content: "Weather in Lisbon?" }], tools: [WEATHER] })).json()) as TCompletion;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    const [call] = first.choices[0]!.message.tool_calls!;
    expect(call).toMatchObject({ type: "function", function: { name: "get_weather" } });
    expect(JSON.parse(call!.function.arguments)).toEqual({ city: expect.any(String) });
    // The primary was offered the caller's tool in its own wire format.
    expect(JSON.stringify((await received(agent.keys.primary))[0])).toContain("get_weather");

    await control(agent.keys.primary, "sim-429");
    // The whole history, with the call under an id of the caller's own.
    const history = [
      { role: "user", content: "Weather in Lisbon?" },
      { role: "assistant", content: null, tool_calls: [{ ...call, id: CALLER_ID }] },
      { role: "tool", tool_call_id: CALLER_ID, content: "sunny" },
    ];
    const second = await agent.complete({ messages: history, tools: [WEATHER] });
    expect(second.status).toBe(200);
    const answer = (await second.json()) as TCompletion;
    expect(answer.choices[0]!.finish_reason).toBe("stop");
    expect(answer.choices[0]!.message.content).toContain(`[${backup === "google" ? "google" : backup}:`);
    expect(answer.choices[0]!.message.content).toContain("The get_weather tool returned: sunny");

    const ids = historyIds(backup, (await received(agent.keys.backup)).at(-1)!);
    expect(ids.calls).toHaveLength(1);
    // The call and its result still match, under an id the vendor accepts.
    expect(ids.results).toEqual(ids.calls);
    if (backup === "anthropic") expect(ids.calls[0]).toMatch(/^[a-zA-Z0-9_-]+$/);
    if (backup === "openai") expect(ids.calls[0]!.length).toBeLessThanOrEqual(40);
    expect(await attemptsOf(answer.conversation_id)).toMatchObject([
      { outcome: "rate_limited", corrective: false },
      { outcome: "ok", corrective: false },
    ]);
  });

  it("arguments that fail the tool's schema get one corrective retry carrying the validation error, then the backup answers", async () => {
    const agent = await agentWithKey({ primaryKey: "sim-badargs-tool", vendors: { primary, backup } });
    const response = await agent.complete({ messages: [{ role: "user", content: "Weather in Porto?" }], tools: [WEATHER] });
    const completion = (await response.json()) as TCompletion;
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(JSON.parse(completion.choices[0]!.message.tool_calls![0]!.function.arguments)).toEqual({ city: expect.any(String) });
    expect(await attemptsOf(completion.conversation_id)).toMatchObject([
      { outcome: "bad_tool_call", corrective: false, message: expect.stringContaining("must have required property 'city'") },
      { outcome: "bad_tool_call", corrective: true },
      { outcome: "ok", corrective: false },
    ]);
    // The retry told the model what was wrong.
    const retry = JSON.stringify((await received(agent.keys.primary))[1]);
    expect(retry).toContain("must have required property 'city'");
    const event = await db.activityEvent.findFirstOrThrow({ where: { agentId: agent.agent.id, type: "failover" } });
    expect(event.data).toMatchObject({ reason: "bad_tool_call", corrected: true });
  });

  it("a json_schema answer that fails its schema is repaired by the corrective retry on the same provider", async () => {
    const agent = await agentWithKey({ primaryKey: "sim-badformat-1", vendors: { primary, backup } });
    const response = await agent.complete({
      messages: [{ role: "user", content: "Describe a person." }],
      response_format: { type: "json_schema", json_schema: { name: "person", schema: PERSON_SCHEMA, strict: true } },
    });
    const completion = (await response.json()) as TCompletion;
    const content = completion.choices[0]!.message.content!;
    expect(new Ajv().validate(PERSON_SCHEMA, JSON.parse(content))).toBe(true);
    expect(await attemptsOf(completion.conversation_id)).toMatchObject([
      { outcome: "bad_output", corrective: false },
      { outcome: "ok", corrective: true },
    ]);
    const event = await db.activityEvent.findFirstOrThrow({ where: { agentId: agent.agent.id, type: "answer_repaired" } });
    expect(event.data).toMatchObject({ outcome: "bad_output" });
  });
});

describe("streamed tool calls", () => {
  it("arrive as OpenAI tool_call deltas with finish_reason tool_calls", async () => {
    const agent = await agentWithKey({ primaryKey: "sim-ok" });
    const read = await readSse(await agent.complete({ messages: [{ role: "user", content: "Weather in Faro?" }], tools: [WEATHER], stream: true }));
    const deltas = read.chunks.flatMap(
      (c) =>
        ((c.choices?.[0]?.delta as { tool_calls?: unknown[] } | undefined)?.tool_calls ?? []) as Array<{
          index: number;
          id?: string;
          function: { name?: string; arguments: string };
        }>,
    );
    expect(deltas[0]).toMatchObject({ index: 0, id: expect.any(String), type: "function", function: { name: "get_weather", arguments: "" } });
    expect(JSON.parse(deltas.map((d) => d.function.arguments).join(""))).toEqual({ city: expect.any(String) });
    expect(read.chunks.map((c) => c.choices?.[0]?.finish_reason).filter(Boolean)).toEqual(["tool_calls"]);
    // No text was spoken, yet the provider that made the calls is named.
    expect(read.chunks.find((c) => c.understudy)?.understudy).toEqual({ providers: ["OpenAI (simulated)"], failover: false });
    expect(read.done).toBe(1);
  });
});

describe("parameters", () => {
  it("are sent to each vendor as it takes them", async () => {
    const agent = await agentWithKey({ primaryKey: "sim-ok", vendors: { primary: "anthropic", backup: "openai" } });
    const params = { temperature: 1.5, top_p: 0.5, max_tokens: 50, stop: ["END"], seed: 7, user: "user-42", metadata: { ticket: "T-1" } };
    const response = await agent.complete({ messages: [{ role: "user", content: "Hi" }], ...params });
    expect(response.status).toBe(200);
    const [body] = await received(agent.keys.primary);
    // Anthropic: temperature clamped to its 0..1, no seed, user as metadata.user_id, metadata never sent.
    expect(body).toMatchObject({ temperature: 1, max_tokens: 50, stop_sequences: ["END"], metadata: { user_id: "user-42" } });
    expect(body).not.toHaveProperty("seed");
    expect(JSON.stringify(body)).not.toContain("T-1");
    const turn = await db.turn.findFirstOrThrow({ where: { agentId: agent.agent.id }, select: { callerOptions: true } });
    expect(turn.callerOptions).toMatchObject({ metadata: { ticket: "T-1" }, sampling: { temperature: 1.5, seed: 7 } });
  });

  it("every invalid one gets a 400 naming its param, and nothing is stored", async () => {
    const agent = await agentWithKey({ primaryKey: "sim-ok" });
    const user = [{ role: "user", content: "Hi" }];
    const cases: Array<[TBody, string]> = [
      [{ temperature: "hot" }, "temperature"],
      [{ temperature: 2.5 }, "temperature"],
      [{ top_p: 1.5 }, "top_p"],
      [{ max_tokens: -1 }, "max_tokens"],
      [{ max_completion_tokens: 1.5 }, "max_completion_tokens"],
      [{ stop: ["a", "b", "c", "d", "e"] }, "stop"],
      [{ seed: "x" }, "seed"],
      [{ user: 42 }, "user"],
      [{ metadata: { k: 1 } }, "metadata.k"],
      [{ parallel_tool_calls: "yes" }, "parallel_tool_calls"],
      [{ tools: [{ type: "retrieval" }] }, "tools[0].type"],
      [{ tools: [{ type: "function", function: { name: "has space" } }] }, "tools[0].function.name"],
      [{ tools: [{ type: "function", function: { name: "t", parameters: { type: "nope" } } }] }, "tools[0].function.parameters"],
      [{ tools: [WEATHER, WEATHER] }, "tools[1].function.name"],
      [{ tool_choice: "maybe" }, "tool_choice"],
      [{ tools: [WEATHER], tool_choice: { type: "function", function: { name: "other" } } }, "tool_choice.function.name"],
      [{ tool_choice: "required" }, "tool_choice"],
      [{ response_format: { type: "xml" } }, "response_format.type"],
      [{ response_format: { type: "json_schema", json_schema: { name: "bad name" } } }, "response_format.json_schema.name"],
      [
        { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "http://example.com/a.png" } }] }] },
        "messages[0].content[0].image_url.url",
      ],
      [{ messages: [{ role: "user", content: "a\u0000b" }] }, "messages[0].content"],
      [{ messages: [{ role: "user", content: [{ type: "text", text: "\ud83d alone" }] }] }, "messages[0].content[0].text"],
    ];
    for (const [body, param] of cases) {
      const response = await agent.complete({ messages: user, ...body });
      const { error } = (await response.json()) as { error: { param: string; type: string } };
      expect({ status: response.status, param: error.param, type: error.type }, JSON.stringify(body)).toEqual({
        status: 400,
        param,
        type: "invalid_request_error",
      });
    }
    expect(await db.turn.count({ where: { agentId: agent.agent.id } })).toBe(0);
  });

  it("a caller tool named like an enabled built-in tool is a 400", async () => {
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok", tools: ["calculator"] });
    const { key } = await createApiKey({ orgId: running.org.id, agentId: running.agent.id, userId: running.user.id }, ZCreateApiKey.parse({ name: "Clash" }));
    const response = await POST(
      new Request("http://localhost/api/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          model: running.agent.slug,
          messages: [{ role: "user", content: "Hi" }],
          tools: [{ type: "function", function: { name: "calculator" } }],
        }),
      }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("tools[0].function.name");
  });

  it("an agent that takes no tools and parameters refuses them naming the first, and still takes user and metadata", async () => {
    const agent = await agentWithKey({ primaryKey: "sim-ok" });
    await db.agent.update({ where: { id: agent.agent.id }, data: { callerParams: false } });
    const refused = await agent.complete({ messages: [{ role: "user", content: "Hi" }], temperature: 0.3, tools: [WEATHER] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { param: string; message: string } }).error).toMatchObject({
      param: "tools",
      message: expect.stringContaining("Callers may send tools and parameters"),
    });
    const allowed = await agent.complete({ messages: [{ role: "user", content: "Hi" }], user: "u-1", metadata: { a: "b" } });
    expect(allowed.status).toBe(200);
  });

  it("callers' system messages are dropped by default, and added after the agent's instructions when the agent says so", async () => {
    const agent = await agentWithKey({ primaryKey: "sim-ok" });
    const messages = [
      { role: "system", content: "Answer like a pirate." },
      { role: "user", content: "Hi" },
    ];
    expect((await agent.complete({ messages })).status).toBe(200);
    await db.agent.update({ where: { id: agent.agent.id }, data: { callerSystem: "append" } });
    expect((await agent.complete({ messages })).status).toBe(200);
    const [dropped, appended] = (await received(agent.keys.primary)).map(
      (body) => (body.messages as Array<{ role: string; content: string }>).find((m) => m.role === "system")?.content,
    );
    expect(dropped).toBe("Be brief.");
    expect(appended).toBe("Be brief.\n\nAnswer like a pirate.");
  });
});
