// The public API through the official `openai` client, unchanged, against the
// production build: no browser, only HTTP.
import { readFileSync } from "node:fs";

import OpenAI, { APIError } from "openai";

import { consumeRateLimit } from "../../lib/api-keys/consume-rate-limit";
import { createApiKey } from "../../lib/api-keys/create-api-key";
import { revokeApiKey } from "../../lib/api-keys/revoke-api-key";
import { ZCreateApiKey } from "../../lib/api-keys/schemas";
import { db } from "../../lib/db/client";
import { ZEnv } from "../../lib/env";
import { redactAddresses } from "../../lib/providers/redact-addresses";
import { expect, test } from "../fixtures/test";
import { createRunningAgent } from "../fixtures/turns";

const COMPLETIONS = "/api/v1/chat/completions";

async function agentWithKey({ primaryKey = "sim-ok", backupKey = "sim-ok" } = {}) {
  const running = await createRunningAgent({ simulatorUrl: process.env.E2E_SIMULATOR_URL!, primaryKey, backupKey });
  const scope = { orgId: running.org.id, agentId: running.agent.id, userId: running.user.id };
  const { key, id: keyId } = await createApiKey(scope, ZCreateApiKey.parse({ name: "E2E" }));
  return { ...running, scope, key, keyId, slug: running.agent.slug };
}

// No client-side retries, so each test sees exactly the response it caused.
const openai = (apiKey: string, baseURL: string | undefined) => new OpenAI({ apiKey, baseURL: `${baseURL}/api/v1`, maxRetries: 0 });

async function apiError(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

const storedMessages = (conversationId: string) =>
  db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" }, select: { role: true, content: true } });

test("a completion returns the agent's answer, usage, conversation id and provider headers", async ({ baseURL }) => {
  const { key, slug } = await agentWithKey();
  const { data, response } = await openai(key, baseURL)
    .chat.completions.create({
      model: slug,
      messages: [
        { role: "system", content: "Talk like a pirate" },
        { role: "user", content: "Hello there" },
      ],
    })
    .withResponse();

  expect(data).toMatchObject({ object: "chat.completion", model: slug, choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant" } }] });
  expect(data.id).toMatch(/^chatcmpl-/);
  expect(data.choices[0]!.message.content).toMatch(/^\[openai:gpt-4o-mini\] You said: Hello there/);
  const usage = data.usage!;
  expect(usage.prompt_tokens).toBeGreaterThan(0);
  expect(usage.completion_tokens).toBeGreaterThan(0);
  expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  expect(response.headers.get("x-understudy-provider")).toBe("OpenAI (simulated)");
  expect(response.headers.get("x-understudy-failover")).toBe("false");

  const conversationId = (data as unknown as { conversation_id: string }).conversation_id;
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { source: true } });
  expect(conversation.source).toBe("api");
  expect((await storedMessages(conversationId)).map((m) => m.role)).toEqual(["user", "assistant"]);
  expect(readFileSync(process.env.E2E_WEB_LOG!, "utf8")).not.toContain(key);
});

test("when the primary is rate-limited the backup answers and the headers say so", async ({ baseURL }) => {
  const { key, slug } = await agentWithKey({ primaryKey: "sim-429" });
  const { data, response } = await openai(key, baseURL)
    .chat.completions.create({ model: slug, messages: [{ role: "user", content: "Are you there?" }] })
    .withResponse();
  expect(data.choices[0]!.message.content).toMatch(/^\[anthropic:/);
  expect(response.headers.get("x-understudy-provider")).toBe("Anthropic (simulated)");
  expect(response.headers.get("x-understudy-failover")).toBe("true");
});

test("a streamed completion arrives as chunks the client reassembles, with usage and the same headers", async ({ baseURL }) => {
  const { key, slug } = await agentWithKey();
  const { data: stream, response } = await openai(key, baseURL)
    .chat.completions.create({
      model: slug,
      messages: [{ role: "user", content: [{ type: "text", text: "Stream this answer please" }] }],
      stream: true,
      stream_options: { include_usage: true },
    })
    .withResponse();
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  expect(response.headers.get("x-understudy-provider")).toBe("OpenAI (simulated)");
  expect(response.headers.get("x-understudy-failover")).toBe("false");

  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
  expect(text).toBe("[openai:gpt-4o-mini] You said: Stream this answer please");
  // Pieces that reach the worker in the same tick travel as one chunk, so only the framing is fixed.
  expect(chunks[0]!.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
  expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === slug)).toBe(true);
  expect(chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean)).toEqual(["stop"]);
  expect(chunks.at(-1)!.usage?.total_tokens).toBeGreaterThan(0);
});

test("a slow streamed answer: the client's first chunk arrives while the provider is still streaming", async ({ baseURL }) => {
  const { key, slug, org } = await agentWithKey({ primaryKey: "sim-chunks-10-300" });
  const stream = await openai(key, baseURL).chat.completions.create({ model: slug, messages: [{ role: "user", content: "Take your time" }], stream: true });
  let text = "";
  let stateAtFirstText: string | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    if (text && stateAtFirstText === undefined) stateAtFirstText = (await db.turn.findFirstOrThrow({ where: { orgId: org.id } })).state;
  }
  // Still running: the simulator had nine more chunks, 300 ms apart, to send.
  expect(stateAtFirstText).toBe("running");
  expect(text).toBe("[openai:gpt-4o-mini] c1 c2 c3 c4 c5 c6 c7 c8 c9 c10.");
});

test("a stream that breaks mid-answer reaches the client as one continuous answer, finished by the backup", async ({ baseURL }) => {
  const { key, slug } = await agentWithKey({ primaryKey: "sim-cut-after-4-50" });
  const { data: stream, response } = await openai(key, baseURL)
    .chat.completions.create({ model: slug, messages: [{ role: "user", content: "Go on" }], stream: true })
    .withResponse();
  expect(response.headers.get("x-understudy-provider")).toBe("OpenAI (simulated)");
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
  expect(text).toBe("[openai:gpt-4o-mini] c1 c2 c3 c4 [anthropic:claude-3-5-haiku-latest] continues the answer.");
  expect(chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean)).toEqual(["stop"]);
  const final = chunks.find((c) => c.choices[0]?.finish_reason === "stop") as unknown as { understudy: unknown };
  expect(final.understudy).toEqual({ providers: ["OpenAI (simulated)", "Anthropic (simulated)"], failover: true });
});

test("conversation_id continues a stored conversation and appends only the new user message", async ({ baseURL }) => {
  const { key, slug } = await agentWithKey();
  const client = openai(key, baseURL);
  const first = await client.chat.completions.create({ model: slug, messages: [{ role: "user", content: "My name is Ada" }] });
  const conversationId = (first as unknown as { conversation_id: string }).conversation_id;

  // The client passes fields it does not know through unchanged.
  const followUp = {
    model: slug,
    conversation_id: conversationId,
    messages: [
      { role: "user" as const, content: "My name is Ada" },
      { role: "assistant" as const, content: "A made-up earlier answer" },
      { role: "user" as const, content: "What is my name?" },
    ],
  };
  const second = await client.chat.completions.create(followUp);
  expect((second as unknown as { conversation_id: string }).conversation_id).toBe(conversationId);
  expect(second.choices[0]!.message.content).toContain("You said: What is my name?");
  expect(await storedMessages(conversationId)).toEqual([
    { role: "user", content: "My name is Ada" },
    { role: "assistant", content: first.choices[0]!.message.content },
    { role: "user", content: "What is my name?" },
    { role: "assistant", content: second.choices[0]!.message.content },
  ]);
});

test("a missing, unknown or revoked key gets 401 in OpenAI's error shape", async ({ baseURL, request }) => {
  const { key, keyId, scope, slug } = await agentWithKey();
  const unknown = await apiError(openai(`us_${"x".repeat(43)}`, baseURL).chat.completions.create({ model: slug, messages: [{ role: "user", content: "Hi" }] }));
  expect(unknown).toMatchObject({ status: 401, type: "invalid_request_error", code: "invalid_api_key" });

  const missing = await request.post(COMPLETIONS, { data: { model: slug, messages: [{ role: "user", content: "Hi" }] } });
  expect(missing.status()).toBe(401);
  expect(missing.headers()["content-type"]).toContain("application/json");
  expect((await missing.json()).error).toEqual({
    message: expect.stringContaining("Missing API key"),
    type: "invalid_request_error",
    param: null,
    code: "invalid_api_key",
  });

  await revokeApiKey(scope, { keyId });
  const revoked = await apiError(openai(key, baseURL).chat.completions.create({ model: slug, messages: [{ role: "user", content: "Hi" }] }));
  expect(revoked).toMatchObject({ status: 401, code: "invalid_api_key" });
});

test("a model other than the key's agent gets 404, and unknown API paths answer JSON too", async ({ baseURL, request }) => {
  const { key } = await agentWithKey();
  const other = await agentWithKey();
  const error = await apiError(openai(key, baseURL).chat.completions.create({ model: other.slug, messages: [{ role: "user", content: "Hi" }] }));
  expect(error).toMatchObject({ status: 404, type: "invalid_request_error", param: "model", code: "model_not_found" });

  const unknownPath = await request.get("/api/v1/embeddings", { headers: { authorization: `Bearer ${key}` } });
  expect(unknownPath.status()).toBe(404);
  expect((await unknownPath.json()).error).toMatchObject({ type: "invalid_request_error", code: "unknown_url" });
});

test("models.list() and models.retrieve() find the key's agent, and only it", async ({ baseURL }) => {
  const { key, slug, org } = await agentWithKey();
  const other = await agentWithKey();
  const client = openai(key, baseURL);

  const models = [];
  for await (const model of client.models.list()) models.push(model);
  expect(models).toEqual([{ id: slug, object: "model", created: expect.any(Number), owned_by: org.slug }]);
  expect(await client.models.retrieve(slug)).toMatchObject({ id: slug, object: "model", owned_by: org.slug });
  const error = await apiError(client.models.retrieve(other.slug));
  expect(error).toMatchObject({ status: 404, param: "model", code: "model_not_found" });
});

test("text PostgreSQL cannot store gets a 400 naming the field, and nothing is stored", async ({ baseURL }) => {
  const { key, slug, org } = await agentWithKey();
  const error = await apiError(openai(key, baseURL).chat.completions.create({ model: slug, messages: [{ role: "user", content: "a NUL \u0000 here" }] }));
  expect(error).toMatchObject({ status: 400, param: "messages[0].content", code: "invalid_value" });
  expect(await db.turn.count({ where: { orgId: org.id } })).toBe(0);
});

test("a stopped agent gets 409 and tells the client not to retry", async ({ request }) => {
  const { key, slug, agent } = await agentWithKey();
  await db.agent.update({ where: { id: agent.id }, data: { status: "stopped" } });
  const response = await request.post(COMPLETIONS, {
    headers: { authorization: `Bearer ${key}` },
    data: { model: slug, messages: [{ role: "user", content: "Hi" }] },
  });
  expect(response.status()).toBe(409);
  expect(response.headers()["x-should-retry"]).toBe("false");
  expect((await response.json()).error).toEqual({ message: "Agent is stopped", type: "invalid_request_error", param: null, code: "agent_not_running" });
});

test("an invalid body gets 400 with the offending field in param", async ({ baseURL, request }) => {
  const { key, slug } = await agentWithKey();
  const empty = await apiError(openai(key, baseURL).chat.completions.create({ model: slug, messages: [] }));
  expect(empty).toMatchObject({ status: 400, type: "invalid_request_error", param: "messages" });

  const post = (data: unknown) => request.post(COMPLETIONS, { headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, data });
  const badContent = await post({ model: slug, messages: [{ role: "user", content: 42 }] });
  expect(badContent.status()).toBe(400);
  expect((await badContent.json()).error).toMatchObject({ param: "messages[0].content", message: expect.stringContaining("messages[0].content") });

  const noModel = await post({ messages: [{ role: "user", content: "Hi" }] });
  expect((await noModel.json()).error).toMatchObject({ param: "model", code: "invalid_value" });

  const lastNotUser = await post({
    model: slug,
    messages: [
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello" },
    ],
  });
  expect(lastNotUser.status()).toBe(400);
  expect((await lastNotUser.json()).error.param).toBe("messages");

  // A Buffer goes out as is; a string would be JSON-encoded by Playwright.
  const notJson = await post(Buffer.from("{not json"));
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error).toMatchObject({ param: null, code: "invalid_json" });
});

test("a body over 1 MB or with over 200 messages gets 413", async ({ baseURL, request }) => {
  const { key, slug } = await agentWithKey();
  const tooMany = Array.from({ length: 201 }, () => ({ role: "user" as const, content: "Hi" }));
  const error = await apiError(openai(key, baseURL).chat.completions.create({ model: slug, messages: tooMany }));
  expect(error).toMatchObject({ status: 413, type: "invalid_request_error", code: "request_too_large" });

  const big = Buffer.from(JSON.stringify({ model: slug, messages: [{ role: "user", content: "x".repeat(1024 * 1024) }] }));
  const response = await request.post(COMPLETIONS, { headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, data: big });
  expect(response.status()).toBe(413);
  expect((await response.json()).error.code).toBe("request_too_large");
});

test("when every provider fails the caller gets 502 with the primary's error and its outcome as code", async ({ baseURL }) => {
  const { key, slug, agent } = await agentWithKey({ primaryKey: "sim-429", backupKey: "sim-500" });
  const error = await apiError(openai(key, baseURL).chat.completions.create({ model: slug, messages: [{ role: "user", content: "Hi" }] }));
  const turn = await db.turn.findFirstOrThrow({ where: { agentId: agent.id }, select: { state: true, errorOutcome: true, errorMessage: true } });
  expect(turn).toMatchObject({ state: "failed", errorOutcome: "rate_limited" });
  expect(error).toMatchObject({ status: 502, type: "server_error", code: "rate_limited" });
  // The stored error, with the vendor's links and any address taken out.
  const message = (error.error as { message: string }).message;
  expect(message).toBe(redactAddresses(turn.errorMessage!));
  expect(message).toMatch(/^Rate limited \(429\): /);
  expect(message).not.toMatch(/https?:|127\.0\.0\.1/);
  expect(error.headers?.get("x-should-retry")).toBe("false");
});

test("a key over its rate limit gets 429 with retry-after", async ({ request }) => {
  const { key, keyId, slug, scope } = await agentWithKey();
  // The server's limit comes from the same variable; use it up the way requests do.
  const limit = ZEnv.shape.API_RATE_LIMIT_PER_MINUTE.parse(process.env.API_RATE_LIMIT_PER_MINUTE);
  const orgLimit = ZEnv.shape.ORG_API_RATE_LIMIT_PER_MINUTE.parse(process.env.ORG_API_RATE_LIMIT_PER_MINUTE);
  for (let i = 0; i < limit; i++) await consumeRateLimit({ orgId: scope.orgId, keyId, limit, orgLimit });
  const response = await request.post(COMPLETIONS, {
    headers: { authorization: `Bearer ${key}` },
    data: { model: slug, messages: [{ role: "user", content: "Hi" }] },
  });
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await response.json()).error).toMatchObject({ type: "requests", code: "rate_limit_exceeded" });
});
