// A client that sends a request again (its own retry, or a person pressing
// again) with the same Idempotency-Key gets the turn the first request
// stored; a caller whose wait failed fetches the answer by the turn's id.
// Real route handlers, a worker process, PostgreSQL, Redis and the simulator.
import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { POST } from "@/app/api/v1/chat/completions/route";
import { ApiError } from "@/lib/api/api-error";
import { createChatCompletion } from "@/lib/api/create-chat-completion";
import { requestHash } from "@/lib/api/request-hash";
import { ZChatCompletionRequest } from "@/lib/api/schemas";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { db } from "@/lib/db/client";
import { createTenant } from "@/prisma/factories";

import { agentApi } from "../../fixtures/agent-api";
import { readSse } from "../../fixtures/sse";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { insertRefusedTurn } from "../../fixtures/turn-rows";
import { createRunningAgent, settledTurn } from "../../fixtures/turns";
import { eventually } from "../../fixtures/worker-process";

const harness = useTurnHarness("idempotency");

async function agentWithApi(options: { primaryKey?: string; tenant?: Awaited<ReturnType<typeof createTenant>> } = {}) {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: options.primaryKey ?? "sim-ok", tenant: options.tenant });
  return { ...running, api: await agentApi(running) };
}

type TCompletion = { id: string; object: string; conversation_id: string; choices: Array<{ message: { content: string } }> };
type TErrorBody = { error: { code: string | null; param: string | null; message: string; turn_id?: string } };

const keyed = (key: string) => ({ "idempotency-key": key });
const turnsWithKey = (agentId: string, idempotencyKey: string) => db.turn.findMany({ where: { agentId, idempotencyKey } });

describe("Idempotency-Key", () => {
  it("a request sent again with the same key gets the stored turn's answer, without a second turn", async () => {
    const { agent, api } = await agentWithApi();
    const key = randomUUID();
    const first = (await (await api.complete({}, keyed(key))).json()) as TCompletion;
    const again = await api.complete({}, keyed(key));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    const turns = await turnsWithKey(agent.id, key);
    expect(turns).toHaveLength(1);
    expect(await db.message.count({ where: { turnId: turns[0]!.id } })).toBe(2);
    expect(await db.conversation.count({ where: { agentId: agent.id } })).toBe(1);
  });

  it("a streamed request sent again gets the stored answer streamed, and a second one while the first still runs waits for the same turn", async () => {
    const { agent, api } = await agentWithApi({ primaryKey: "sim-chunks-6-300" });
    const key = randomUUID();
    const firstResponse = api.complete({ stream: true }, keyed(key));
    await eventually("the first turn running", async () => ((await turnsWithKey(agent.id, key))[0]?.state === "running" ? true : undefined));
    // While it runs: the same key, without stream, waits for it like the first.
    const whileRunning = api.complete({}, keyed(key));
    const first = await readSse(await firstResponse);
    const waited = (await (await whileRunning).json()) as TCompletion;
    // Once settled: the same key, streamed again, from the stored turn.
    const replayed = await readSse(await api.complete({ stream: true }, keyed(key)));

    const [turn, ...others] = await turnsWithKey(agent.id, key);
    expect(others).toHaveLength(0);
    expect(first.content).toMatch(/c6/);
    expect(turn).toMatchObject({ state: "answered", answer: first.content });
    expect(waited.id).toBe(`chatcmpl-${turn!.id}`);
    expect(waited.choices[0]?.message.content).toBe(first.content);
    expect(replayed.content).toBe(first.content);
    expect(replayed.done).toBe(1);
  });

  it("requests sent at the same moment with one key make one turn", async () => {
    const { agent, api } = await agentWithApi();
    const key = randomUUID();
    const bodies = (await Promise.all(Array.from({ length: 4 }, () => api.complete({}, keyed(key)).then((r) => r.json())))) as TCompletion[];
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(await turnsWithKey(agent.id, key)).toHaveLength(1);
  });

  it("a key belongs to the API key that sent it: another key of the same agent, another agent or another organization starts its own turn", async () => {
    const a = await agentWithApi();
    const sameAgent = { api: await agentApi(a) };
    const sameOrg = await agentWithApi({ tenant: { org: a.org, user: a.user, password: a.password } });
    const otherOrg = await agentWithApi();
    const key = randomUUID();
    const callers = [a, sameAgent, sameOrg, otherOrg];
    const ids = await Promise.all(callers.map(async ({ api }) => ((await (await api.complete({}, keyed(key))).json()) as TCompletion).id));
    expect(new Set(ids).size).toBe(4);
    expect(await turnsWithKey(a.agent.id, key)).toHaveLength(2);
  });

  it("a repeat whose request differs from the first is refused with 422 naming Idempotency-Key, and neither stores nor answers anything", async () => {
    const { agent, api } = await agentWithApi();
    const key = randomUUID();
    const first = (await (await api.complete({ temperature: 0.2 }, keyed(key))).json()) as TCompletion;
    const [turn] = await turnsWithKey(agent.id, key);
    // Only a hash of the request is kept, never the request.
    expect(turn?.requestHash).toMatch(/^[0-9a-f]{64}$/);

    for (const differs of [{ temperature: 0.3 }, { messages: [{ role: "user", content: "Something else" }] }, { max_tokens: 5, stream: true }]) {
      const response = await api.complete({ temperature: 0.2, ...differs }, keyed(key));
      expect(response.status).toBe(422);
      expect(response.headers.get("retry-after")).toBeNull();
      const { error } = (await response.json()) as TErrorBody;
      expect(error).toMatchObject({ param: "Idempotency-Key", code: "idempotency_key_reused" });
      expect(error.message).toContain("Idempotency-Key");
    }
    expect(await turnsWithKey(agent.id, key)).toHaveLength(1);
    expect(await db.message.count({ where: { turnId: first.id.replace("chatcmpl-", "") } })).toBe(2);
    expect(await db.conversation.count({ where: { agentId: agent.id } })).toBe(1);
  });

  it("a repeat that writes the same request in another order and spacing, or asks for it streamed, gets the first turn", async () => {
    const { agent, api } = await agentWithApi();
    const key = randomUUID();
    const first = (await (await api.complete({ temperature: 0.2, max_tokens: 50 }, keyed(key))).json()) as TCompletion;
    const reordered = await POST(
      new Request("http://localhost/api/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${api.key}`, "content-type": "application/json", ...keyed(key) },
        body: `{ "max_tokens": 50,\n  "messages": [{ "content": "Hello", "role": "user" }], "temperature": 0.2, "model": "${agent.slug}" }`,
      }),
    );
    expect(((await reordered.json()) as TCompletion).id).toBe(first.id);
    const streamed = await readSse(await api.complete({ temperature: 0.2, max_tokens: 50, stream: true }, keyed(key)));
    expect(streamed.content).toBe(first.choices[0]?.message.content);
    expect(await turnsWithKey(agent.id, key)).toHaveLength(1);
  });

  it("a turn refused while the queue was down is queued again by the retry its 503 invited, and answered once", async () => {
    const { org, agent, api } = await agentWithApi();
    const key = randomUUID();
    const idempotency = { key, requestHash: requestHash(ZChatCompletionRequest.parse({ model: agent.slug, messages: [{ role: "user", content: "Hello" }] })) };
    const { conversation, turn: refused } = await insertRefusedTurn({ orgId: org.id, agentId: agent.id, apiKeyId: api.keyId, idempotency });

    const response = await api.complete({}, keyed(key));
    expect(response.status).toBe(200);
    expect(((await response.json()) as TCompletion).id).toBe(`chatcmpl-${refused.id}`);
    expect(await turnsWithKey(agent.id, key)).toMatchObject([{ id: refused.id, state: "answered", errorOutcome: null }]);
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(2);
  });

  it("refuses a key that is too long or holds other characters, naming the header", async () => {
    const { agent, api } = await agentWithApi();
    for (const bad of ["x".repeat(256), "has space", "naïve", ""]) {
      const response = await api.complete({}, keyed(bad));
      expect(response.status).toBe(400);
      expect(((await response.json()) as TErrorBody).error).toMatchObject({ param: "Idempotency-Key", code: "invalid_value" });
    }
    expect(await db.turn.count({ where: { agentId: agent.id } })).toBe(0);
  });
});

describe("GET /api/v1/turns/{id}", () => {
  it("returns an answered turn as the chat.completion its request returned, by turn id or completion id", async () => {
    const { api } = await agentWithApi();
    const posted = (await (await api.complete({})).json()) as TCompletion;
    const turnId = posted.id.replace("chatcmpl-", "");
    for (const id of [turnId, posted.id]) {
      const response = await api.turn(id);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(posted);
    }
  });

  it("tells a queued or running turn's state with 202, and a failed turn's error as its request got it", async () => {
    const slow = await agentWithApi({ primaryKey: "sim-slow-1500" });
    const pending = slow.api.complete({}, keyed("slow-1"));
    const [running] = await eventually("a stored turn", async () =>
      (await turnsWithKey(slow.agent.id, "slow-1")).length ? turnsWithKey(slow.agent.id, "slow-1") : undefined,
    );
    const early = await slow.api.turn(running!.id);
    expect(early.status).toBe(202);
    expect(await early.json()).toMatchObject({ id: running!.id, object: "turn", state: expect.stringMatching(/^(queued|running)$/) });
    expect((await pending).status).toBe(200);

    const failing = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-500", backupKey: "sim-500" });
    const failingApi = await agentApi(failing);
    const posted = await failingApi.complete({});
    const postedBody = (await posted.json()) as TErrorBody;
    const fetched = await failingApi.turn(postedBody.error.turn_id ?? "");
    expect(fetched.status).toBe(posted.status);
    expect(fetched.headers.get("x-should-retry")).toBe("false");
    expect(await fetched.json()).toEqual(postedBody);
  });

  it("does not find a turn another API key made, of the same agent or not, nor another organization's", async () => {
    const a = await agentWithApi();
    const sameAgent = { api: await agentApi(a) };
    const sameOrg = await agentWithApi({ tenant: { org: a.org, user: a.user, password: a.password } });
    const otherOrg = await agentWithApi();
    const turnId = ((await (await a.api.complete({})).json()) as TCompletion).id.replace("chatcmpl-", "");
    expect((await a.api.turn(turnId)).status).toBe(200);
    for (const { api } of [sameAgent, sameOrg, otherOrg]) {
      const response = await api.turn(turnId);
      expect(response.status).toBe(404);
      expect(((await response.json()) as TErrorBody).error.code).toBe("not_found");
    }
    expect((await a.api.turn("no-such-turn")).status).toBe(404);
    expect((await a.api.turn("../../etc")).status).toBe(404);
  });
});

describe("errors after the turn is stored", () => {
  it("a wait that ends before the answer names the turn and tells the client not to retry; the answer is fetched later", async () => {
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-slow-1500" });
    const { api, key } = await agentApi(running).then((api) => ({ api, key: api.key }));
    const caller = (await authenticateApiKey(key))!;
    const request = ZChatCompletionRequest.parse({ model: running.agent.slug, messages: [{ role: "user", content: "Hello" }] });
    const error = await createChatCompletion({ ...caller, request, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const { status, details, message } = error as ApiError;
    expect({ status, code: details.code, retry: details.headers?.["x-should-retry"] }).toEqual({ status: 504, code: "answer_timeout", retry: "false" });
    expect(details.turnId).toEqual(expect.any(String));
    expect(message).toContain(`GET /api/v1/turns/${details.turnId}`);
    await settledTurn(details.turnId!);
    const later = await api.turn(details.turnId!);
    expect(later.status).toBe(200);
  });
});
