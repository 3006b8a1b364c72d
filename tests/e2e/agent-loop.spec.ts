// An agent framework's own tool loop through the official `openai` client:
// two caller tools the test runs itself, three steps, and the primary
// switched to 429 by the simulator's control endpoint before the second.
import OpenAI from "openai";

import { createApiKey } from "../../lib/api-keys/create-api-key";
import { ZCreateApiKey } from "../../lib/api-keys/schemas";
import { db } from "../../lib/db/client";
import { expect, test } from "../fixtures/test";
import { createRunningAgent } from "../fixtures/turns";

type TMessages = OpenAI.ChatCompletionMessageParam[];
type TStep = { finish: string | null; message: OpenAI.ChatCompletionMessage; conversationId: string };

const TOOLS: OpenAI.ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "The weather in a city.",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
    },
  },
  {
    type: "function",
    function: {
      name: "lookup_order",
      description: "An order's status by its number.",
      parameters: { type: "object", properties: { order: { type: "integer", minimum: 1 } }, required: ["order"], additionalProperties: false },
    },
  },
];

// What the caller's own tools answer; the test checks the model used them.
function runTool(call: OpenAI.ChatCompletionMessageToolCall): string {
  if (call.type !== "function") throw new Error(`unexpected tool call type ${call.type}`);
  const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
  if (call.function.name === "get_weather") return `sunny in ${String(args.city)}`;
  if (call.function.name === "lookup_order") return `order ${String(args.order)} shipped`;
  throw new Error(`unknown tool ${call.function.name}`);
}

async function stepOnce(client: OpenAI, request: OpenAI.ChatCompletionCreateParamsNonStreaming): Promise<TStep> {
  const completion = await client.chat.completions.create(request);
  const choice = completion.choices[0]!;
  return { finish: choice.finish_reason, message: choice.message, conversationId: (completion as unknown as { conversation_id: string }).conversation_id };
}

// The client's own stream helper puts the tool-call deltas back together.
async function stepStreamed(client: OpenAI, request: OpenAI.ChatCompletionCreateParamsNonStreaming): Promise<TStep> {
  const runner = client.chat.completions.stream({ ...request, stream: true });
  let conversationId = "";
  runner.on("chunk", (chunk) => (conversationId = (chunk as unknown as { conversation_id: string }).conversation_id));
  const completion = await runner.finalChatCompletion();
  const choice = completion.choices[0]!;
  return { finish: choice.finish_reason, message: choice.message, conversationId };
}

async function loopAgent() {
  const running = await createRunningAgent({ simulatorUrl: process.env.E2E_SIMULATOR_URL!, primaryKey: "sim-ok" });
  const { key } = await createApiKey({ orgId: running.org.id, agentId: running.agent.id, userId: running.user.id }, ZCreateApiKey.parse({ name: "Loop" }));
  return { ...running, client: (baseURL: string | undefined) => new OpenAI({ apiKey: key, baseURL: `${baseURL}/api/v1`, maxRetries: 0 }) };
}

const control = (key: string, behaviour: string | null) =>
  fetch(`${process.env.E2E_SIMULATOR_URL}/_control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key, behaviour }),
  });

for (const streamed of [false, true]) {
  test(`a three-step tool loop completes across a 429 failover before step two (${streamed ? "streaming" : "not streaming"})`, async ({ baseURL }) => {
    const { agent, keys, client: clientFor } = await loopAgent();
    const client = clientFor(baseURL);
    const step = streamed ? stepStreamed : stepOnce;
    const messages: TMessages = [{ role: "user", content: "Check the weather in Lisbon and where my order is." }];
    const request = () => ({ model: agent.slug, messages, tools: TOOLS });

    const finishes: Array<string | null> = [];
    const conversations: string[] = [];
    for (let turn = 0; turn < 3; turn += 1) {
      // The primary is rate-limited from the second step on.
      if (turn === 1) expect((await control(keys.primary, "sim-429")).status).toBe(200);
      const { finish, message, conversationId } = await step(client, request());
      finishes.push(finish);
      conversations.push(conversationId);
      messages.push(message);
      for (const call of message.tool_calls ?? []) messages.push({ role: "tool", tool_call_id: call.id, content: runTool(call) });
    }

    expect(finishes).toEqual(["tool_calls", "tool_calls", "stop"]);
    const calls = messages.flatMap((m) => (m.role === "assistant" ? (m.tool_calls ?? []) : []));
    expect(calls.map((c) => (c.type === "function" ? c.function.name : c.type))).toEqual(["get_weather", "lookup_order"]);
    // The backup (Anthropic's wire) answered the last two steps with the
    // results the test's tools returned.
    const final = messages.at(-1) as OpenAI.ChatCompletionMessage;
    expect(final.content).toMatch(/^\[anthropic:/);
    expect(final.content).toContain("sunny in");
    expect(final.content).toContain("shipped");

    // Each step was a turn; from the second on, the primary's 429 is an
    // attempt and the backup answered.
    const turns = await db.turn.findMany({ where: { agentId: agent.id }, orderBy: { createdAt: "asc" }, include: { attempts: { orderBy: { index: "asc" } } } });
    expect(turns.map((t) => t.attempts.map((a) => [a.label, a.outcome]))).toEqual([
      [["OpenAI (simulated)", "ok"]],
      [
        ["OpenAI (simulated)", "rate_limited"],
        ["Anthropic (simulated)", "ok"],
      ],
      [
        ["OpenAI (simulated)", "rate_limited"],
        ["Anthropic (simulated)", "ok"],
      ],
    ]);
    expect(turns.map((t) => t.failedOver)).toEqual([false, true, true]);
    const failovers = await db.activityEvent.findMany({ where: { agentId: agent.id, type: "failover" } });
    expect(failovers).toHaveLength(2);
    expect(failovers[0]!.data).toMatchObject({ from: "OpenAI (simulated)", to: "Anthropic (simulated)", reason: "rate_limited", status: 429 });
    // The whole history was sent each time: three requests, three conversations.
    expect(new Set(conversations).size).toBe(3);
  });
}

test("the loop also runs on one stored conversation, sending only the tool results each time", async ({ baseURL }) => {
  const { agent, keys, client: clientFor } = await loopAgent();
  const client = clientFor(baseURL);
  const first = await stepOnce(client, { model: agent.slug, messages: [{ role: "user", content: "Weather and order, please." }], tools: TOOLS });
  expect(first.finish).toBe("tool_calls");
  await control(keys.primary, "sim-429");
  let last = first;
  for (let turn = 0; turn < 2; turn += 1) {
    const results: TMessages = (last.message.tool_calls ?? []).map((call) => ({ role: "tool", tool_call_id: call.id, content: runTool(call) }));
    last = await stepOnce(client, {
      model: agent.slug,
      messages: results,
      tools: TOOLS,
      conversation_id: first.conversationId,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(last.conversationId).toBe(first.conversationId);
  }
  expect(last.finish).toBe("stop");
  expect(last.message.content).toContain("sunny in");
  expect(last.message.content).toContain("shipped");
  const stored = await db.message.findMany({
    where: { conversationId: first.conversationId },
    orderBy: { seq: "asc" },
    select: { role: true, toolName: true },
  });
  expect(stored.map((m) => (m.role === "tool" ? `tool:${m.toolName}` : m.role))).toEqual([
    "user",
    "assistant",
    "tool:get_weather",
    "assistant",
    "tool:lookup_order",
    "assistant",
  ]);
});
