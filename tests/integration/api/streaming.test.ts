// Streaming completions through the real route handler, two worker
// processes, PostgreSQL, Redis and the simulator over HTTP.
import { describe, expect, it } from "vitest";

import { POST } from "@/app/api/v1/chat/completions/route";
import { applyControl } from "@/lib/agents/apply-control";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/api-keys/schemas";
import { db } from "@/lib/db/client";

import { readSse, type TChunk } from "../../fixtures/sse";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, settledTurn } from "../../fixtures/turns";

const harness = useTurnHarness("streaming", { workers: 2 });

async function agentWithKey(options: { primaryKey: string; backupKey?: string; timeoutSeconds?: number; models?: { backup?: string } }) {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, ...options });
  const { key } = await createApiKey({ orgId: running.org.id, agentId: running.agent.id, userId: running.user.id }, ZCreateApiKey.parse({ name: "Streaming" }));
  return { ...running, key };
}

function complete(key: string, slug: string, body: Record<string, unknown> = {}) {
  return POST(
    new Request("http://localhost/api/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: slug, messages: [{ role: "user", content: "Tell me a story" }], stream: true, ...body }),
    }),
  );
}

const turnOf = (conversationId: string) => db.turn.findFirstOrThrow({ where: { conversationId }, include: { attempts: { orderBy: { index: "asc" } } } });
const conversationOf = (chunks: TChunk[]) => chunks[0]?.conversation_id ?? "";

describe("streamed answers", () => {
  it("sends the first chunk before the provider has finished, then the whole answer once, as stored", async () => {
    const { key, agent } = await agentWithKey({ primaryKey: "sim-chunks-8-300" });
    const response = await complete(key, agent.slug, { stream_options: { include_usage: true } });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-understudy-provider")).toBe("OpenAI (simulated)");
    expect(response.headers.get("x-understudy-failover")).toBe("false");

    let stateAtFirstText: string | undefined;
    const read = await readSse(response, async (chunk, soFar) => {
      if (stateAtFirstText === undefined && soFar !== "") stateAtFirstText = (await turnOf(conversationOf([chunk]))).state;
    });

    // The provider was still streaming (the turn unsettled) when the first words arrived.
    expect(stateAtFirstText).toBe("running");
    expect(read.content).toBe("[openai:gpt-4o-mini] c1 c2 c3 c4 c5 c6 c7 c8.");
    expect(read.done).toBe(1);
    const final = read.chunks.find((c) => c.choices?.[0]?.finish_reason === "stop");
    expect(final?.understudy).toEqual({ providers: ["OpenAI (simulated)"], failover: false });
    expect(read.chunks.at(-1)?.usage).toMatchObject({ completion_tokens: expect.any(Number) });
    const turn = await settledTurn((await turnOf(conversationOf(read.chunks))).id);
    expect(turn).toMatchObject({ state: "answered", answer: read.content, failedOver: false });
  });

  it("does not cut an answer that takes longer than its link's first token timeout", async () => {
    // 1 s deadlines, an answer that streams for about 2.4 s with 400 ms gaps.
    const { key, agent } = await agentWithKey({ primaryKey: "sim-chunks-7-400", timeoutSeconds: 1 });
    const read = await readSse(await complete(key, agent.slug));
    expect(read.content).toBe("[openai:gpt-4o-mini] c1 c2 c3 c4 c5 c6 c7.");
    const turn = await turnOf(conversationOf(read.chunks));
    expect(turn).toMatchObject({ state: "answered", answeredBy: "OpenAI (simulated)", failedOver: false });
    expect(turn.attempts).toHaveLength(1);
  });

  it("a stream whose finishing chunks come slowly, each within the stall timeout, is answered by its own link alone", async () => {
    // Every event 400 ms after the one before: after the last word, the finish
    // chunk, the usage chunk and [DONE] take 1.2 s, past the 1 s stall timeout.
    const { key, agent } = await agentWithKey({ primaryKey: "sim-paced-4-400", timeoutSeconds: 1 });
    const read = await readSse(await complete(key, agent.slug, { stream_options: { include_usage: true } }));

    expect(read.content).toBe("[openai:gpt-4o-mini] c1 c2 c3 c4.");
    expect(read.done).toBe(1);
    const turn = await settledTurn((await turnOf(conversationOf(read.chunks))).id);
    expect(turn).toMatchObject({ state: "answered", answer: read.content, answeredBy: "OpenAI (simulated)", failedOver: false });
    expect(turn.attempts.map((a) => [a.label, a.outcome])).toEqual([["OpenAI (simulated)", "ok"]]);
  });

  for (const [key, outcome] of [
    ["sim-stall-after-3-50", "timeout"],
    ["sim-cut-after-3-50", "stream_cut"],
    ["sim-error-after-3-50", "overloaded"],
  ] as const) {
    it(`continues on the backup when the stream breaks mid-answer (${key}): one answer, one [DONE], stored as sent`, async () => {
      const { key: apiKey, agent } = await agentWithKey({ primaryKey: key, timeoutSeconds: 1 });
      const response = await complete(apiKey, agent.slug);
      expect(response.headers.get("x-understudy-provider")).toBe("OpenAI (simulated)");
      const read = await readSse(response);

      expect(read.content).toBe("[openai:gpt-4o-mini] c1 c2 c3 [anthropic:claude-3-5-haiku-latest] continues the answer.");
      expect(read.done).toBe(1);
      expect(read.chunks.some((c) => c.error)).toBe(false);
      expect(read.chunks.find((c) => c.understudy)?.understudy).toEqual({ providers: ["OpenAI (simulated)", "Anthropic (simulated)"], failover: true });
      const turn = await settledTurn((await turnOf(conversationOf(read.chunks))).id);
      expect(turn).toMatchObject({ state: "answered", answer: read.content, answeredBy: "Anthropic (simulated)", failedOver: true });
      expect(turn.attempts.map((a) => [a.outcome, a.delivered, a.continued])).toEqual([
        [outcome, 3, false],
        ["ok", 4, true],
      ]);
      const messages = await db.message.findMany({ where: { turnId: turn.id, role: "assistant" } });
      expect(messages.map((m) => m.content)).toEqual([read.content]);
    });
  }

  it("a continuation on a backup model that refuses a prefill is answered by that same link, in the instruction form", async () => {
    const { key, agent } = await agentWithKey({ primaryKey: "sim-cut-after-3-50", timeoutSeconds: 1, models: { backup: "claude-sonnet-4-6" } });
    const read = await readSse(await complete(key, agent.slug));

    expect(read.content).toBe("[openai:gpt-4o-mini] c1 c2 c3 [anthropic:claude-sonnet-4-6] continues the answer.");
    expect(read.done).toBe(1);
    const turn = await settledTurn((await turnOf(conversationOf(read.chunks))).id);
    expect(turn).toMatchObject({ state: "answered", answer: read.content, answeredBy: "Anthropic (simulated)", failedOver: true });
    // The refused prefill is no failed attempt: one call of the backup, continued.
    expect(turn.attempts.map((a) => [a.label, a.outcome, a.continued])).toEqual([
      ["OpenAI (simulated)", "stream_cut", false],
      ["Anthropic (simulated)", "ok", true],
    ]);
  });

  it("ends the stream with an error chunk, never a clean partial answer, when the agent is set to end with an error", async () => {
    const running = await agentWithKey({ primaryKey: "sim-cut-after-3-50" });
    await db.agent.update({ where: { id: running.agent.id }, data: { onBreak: "end_with_error" } });
    await applyControl({ orgId: running.org.id, agentId: running.agent.id, action: "restart", requestedById: running.user.id });
    const read = await readSse(await complete(running.key, running.agent.slug));

    expect(read.content).toBe("[openai:gpt-4o-mini] c1 c2 c3 ");
    expect(read.done).toBe(0);
    expect(read.chunks.at(-1)?.error).toMatchObject({ code: "stream_cut", message: expect.stringMatching(/^The answer broke off: /) });
    const turn = await settledTurn((await turnOf(conversationOf(read.chunks))).id);
    expect(turn).toMatchObject({ state: "failed", errorOutcome: "stream_cut", answer: read.content });
    const event = await db.activityEvent.findFirstOrThrow({ where: { agentId: running.agent.id, type: "answer_broke_off" } });
    expect(event.data).toMatchObject({ from: "OpenAI (simulated)", delivered: 3 });
  });

  it("keeps a silent stream open with an SSE comment every 15 s until the first token", async () => {
    const { key, agent } = await agentWithKey({ primaryKey: "sim-slow-16000" });
    const response = await complete(key, agent.slug);
    // Nothing had come when the response had to start, so nobody can be named yet.
    expect(response.headers.get("x-understudy-provider")).toBeNull();
    const read = await readSse(response);
    expect(read.comments).toBeGreaterThanOrEqual(1);
    expect(read.content).toBe("[openai:gpt-4o-mini] You said: Tell me a story");
    expect(read.chunks.find((c) => c.understudy)?.understudy).toEqual({ providers: ["OpenAI (simulated)"], failover: false });
    expect(read.done).toBe(1);
  }, 60_000);

  it("says finish_reason length when the caller's max_tokens cut the answer, streamed and not", async () => {
    const { key, agent } = await agentWithKey({ primaryKey: "sim-ok" });
    const read = await readSse(await complete(key, agent.slug, { max_tokens: 2 }));
    expect(read.content).toBe("[openai:gpt-4o-mini] You ");
    expect(read.chunks.map((c) => c.choices?.[0]?.finish_reason).filter(Boolean)).toEqual(["length"]);

    const whole = await complete(key, agent.slug, { max_tokens: 2, stream: false });
    const body = (await whole.json()) as { choices: Array<{ message: { content: string }; finish_reason: string }> };
    expect(body.choices[0]).toMatchObject({ message: { content: "[openai:gpt-4o-mini] You " }, finish_reason: "length" });
    const turn = await turnOf(conversationOf(read.chunks));
    expect(turn.finishReason).toBe("length");
  });

  it("answers a failure before the first token as a plain HTTP error", async () => {
    const { key, agent } = await agentWithKey({ primaryKey: "sim-400" });
    const response = await complete(key, agent.slug);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error", code: "bad_request" } });
  });

  it("a caller who disconnects does not cancel the turn: it completes and is stored", async () => {
    const { key, agent, org } = await agentWithKey({ primaryKey: "sim-chunks-6-200" });
    const response = await complete(key, agent.slug);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const turn = await db.turn.findFirstOrThrow({ where: { orgId: org.id } });
    expect(await settledTurn(turn.id)).toMatchObject({ state: "answered", answer: "[openai:gpt-4o-mini] c1 c2 c3 c4 c5 c6." });
  });

  it("answers without stream as one JSON body once the turn has settled, as before", async () => {
    const { key, agent } = await agentWithKey({ primaryKey: "sim-cut-after-2" });
    const response = await complete(key, agent.slug, { stream: false });
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toBe("[openai:gpt-4o-mini] c1 c2 [anthropic:claude-3-5-haiku-latest] continues the answer.");
    expect(response.headers.get("x-understudy-failover")).toBe("true");
  });
});
