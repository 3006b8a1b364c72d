// Property-based fuzzing of POST /api/v1/chat/completions through the real
// route handler, with a real key of a running agent, a worker and the
// simulated providers: whatever a stranger sends, the answer is a 2xx or a
// 4xx naming the field at fault, never a 5xx. Two kinds of 4xx name no
// field: one about the whole body (not JSON, over 1 MB, not a JSON object),
// and a turn that was accepted and stored, then failed as the caller's fault
// (its answer cut by the caller's max_tokens, say), which names the turn.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { POST } from "@/app/api/v1/chat/completions/route";

import { agentApi } from "../../fixtures/agent-api";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent } from "../../fixtures/turns";

const harness = useTurnHarness("chat-completions-fuzz");

// Strings a stranger may send: NUL, lone surrogates, any code point, and
// the words schemas are made of.
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.constant("\u0000"),
  loneSurrogate,
  fc.constantFrom("type", "object", "string", "$ref", "#", "#/$defs/a", "properties", "allOf"),
);
const nasty = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(""));

const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    nasty,
    fc.array(tie("json"), { maxLength: 4 }),
    fc.dictionary(nasty, tie("json"), { maxKeys: 4 }),
  ),
}));

// Deep nesting is spliced into the body's text where a value is this marker
// (its first one), so neither this test nor fast-check walks it.
const DEEP = "\u0001deep\u0001";
const NESTINGS: Array<[string, string]> = [
  ['{"a":', "}"],
  ["[", "]"],
  ['{"type":"object","properties":{"a":', "}}"],
  ['{"not":', "}"],
];
// How deep, and in what shape: the text is built from these in the
// property, so a failing run prints two values, not megabytes.
const deepSpec = fc.tuple(fc.constantFrom(...NESTINGS), fc.integer({ min: 1, max: 200_000 }));
const deepText = ([[open, close], depth]: [[string, string], number]) => `${open.repeat(depth)}1${close.repeat(depth)}`;
// A huge array: one small value many times, around the 1 MB body cap.
const huge = fc.tuple(json, fc.integer({ min: 0, max: 5000 })).map(([one, count]) => Array.from({ length: count }, () => one));
const hostile = fc.oneof(
  { arbitrary: json, weight: 4 },
  { arbitrary: nasty, weight: 2 },
  { arbitrary: fc.constant(DEEP), weight: 1 },
  { arbitrary: huge, weight: 1 },
);

const TREE = { $defs: { node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/$defs/node" } } } } }, $ref: "#/$defs/node" };
const WEATHER = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };

// A request a real client could send, every field the API reads valid.
const valid = (slug: string) =>
  fc.record(
    {
      model: fc.constant(slug),
      messages: fc.array(fc.record({ role: fc.constant("user"), content: fc.string({ maxLength: 40 }) }), { minLength: 1, maxLength: 3 }),
      tools: fc.subarray([
        { type: "function", function: { name: "get_weather", description: "The weather in a city.", parameters: WEATHER } },
        { type: "function", function: { name: "lookup", parameters: TREE } },
      ]),
      tool_choice: fc.constantFrom("auto", "none"),
      response_format: fc.constantFrom(
        { type: "text" },
        { type: "json_object" },
        { type: "json_schema", json_schema: { name: "answer", schema: WEATHER } },
        { type: "json_schema", json_schema: { name: "tree", schema: TREE } },
      ),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      max_tokens: fc.integer({ min: 1, max: 50 }),
      stop: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 4 }),
      seed: fc.integer(),
      user: fc.string({ maxLength: 20 }),
      metadata: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
      stream: fc.boolean(),
    },
    { requiredKeys: ["model", "messages"] },
  );

// Where a stranger puts a hostile value: the fields, and places inside them
// ("key": a hostile name in that object, a metadata key say).
const PLACES = [
  ["model"],
  ["messages"],
  ["messages", 0],
  ["messages", 0, "content"],
  ["messages", 0, "role"],
  ["messages", 1],
  ["tools"],
  ["tools", 0, "function", "name"],
  ["tools", 0, "function", "parameters"],
  ["tools", 0, "function", "parameters", "properties", "key"],
  ["tool_choice"],
  ["response_format"],
  ["response_format", "json_schema", "schema"],
  ["response_format", "json_schema", "schema", "key"],
  ["temperature"],
  ["max_tokens"],
  ["stop"],
  ["seed"],
  ["user"],
  ["metadata"],
  ["metadata", "key"],
  ["conversation_id"],
  ["stream_options"],
] as const;
type TPlace = (typeof PLACES)[number];
type TNode = Record<string | number, unknown>;

// `body` with `value` set at `place`, the objects on the way made as needed.
function put(body: TNode, [place, value, name]: [TPlace, unknown, string]): TNode {
  const copy = structuredClone(body);
  let node = copy;
  for (const step of place.slice(0, -1)) {
    const next = node[step];
    node[step] = typeof next === "object" && next !== null ? next : {};
    node = node[step] as TNode;
  }
  const last = place[place.length - 1]!;
  node[last === "key" ? name : last] = value;
  return copy;
}

// A valid request with up to three hostile changes: none in about a third.
const request = (slug: string) =>
  fc
    .tuple(valid(slug), fc.array(fc.tuple(fc.constantFrom(...PLACES), hostile, nasty), { maxLength: 3 }))
    .map(([body, changes]) => changes.reduce(put, body as TNode));

const bodyText = (body: unknown, deep: [[string, string], number]) => JSON.stringify(body).replace(JSON.stringify(DEEP), deepText(deep));

function isObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

type TError = { error?: { param?: string | null; code?: string | null; turn_id?: string } };

// A 2xx, or a 4xx that names its field, concerns the whole body, or is a stored turn's outcome.
async function judge(response: Response, sent: string): Promise<{ status: number; fine: boolean }> {
  const { status } = response;
  if (status >= 200 && status < 300) {
    await response.body?.cancel();
    return { status, fine: true };
  }
  const { error } = (await response.json()) as TError;
  const wholeBody = error?.code === "invalid_json" || error?.code === "request_too_large" || !isObjectText(sent);
  return { status, fine: status >= 400 && status < 500 && (Boolean(error?.param) || wholeBody || Boolean(error?.turn_id)) };
}

// Both links speak OpenAI's wire (OpenAI, then OpenRouter): the simulated
// Anthropic answers a json_object request in prose (a real model reads the
// system prompt that asks for JSON), which would fail turns for a reason of
// the simulator's own.
async function keyedAgent() {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok", vendors: { primary: "openai", backup: "openrouter" } });
  const { key } = await agentApi(running);
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const send = (body: string) => POST(new Request("http://localhost/api/v1/chat/completions", { method: "POST", headers, body }));
  return { slug: running.agent.slug, send };
}

// Runs the property, and returns how many responses had each status.
async function fuzz(send: (body: string) => Promise<Response>, bodies: fc.Arbitrary<unknown>, numRuns: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(bodies, deepSpec, async (body, deep) => {
      const sent = bodyText(body, deep);
      const verdict = await judge(await send(sent), sent);
      statuses.set(verdict.status, (statuses.get(verdict.status) ?? 0) + 1);
      expect(verdict, sent.slice(0, 300)).toMatchObject({ fine: true });
    }),
    { numRuns },
  );
  return statuses;
}

describe("POST /api/v1/chat/completions under fuzzing", () => {
  it("answers any JSON value, however nested or large, with a 4xx naming the field or about the whole body, never a 5xx", { timeout: 120_000 }, async () => {
    const agent = await keyedAgent();
    const statuses = await fuzz(agent.send, hostile, 150);
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
  });

  it("answers valid requests with hostile values put anywhere in them with a 2xx or a 4xx naming the field, never a 5xx", { timeout: 240_000 }, async () => {
    const agent = await keyedAgent();
    const statuses = await fuzz(agent.send, request(agent.slug), 150);
    // Both sides of the boundary were reached: requests refused, and turns run.
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});
