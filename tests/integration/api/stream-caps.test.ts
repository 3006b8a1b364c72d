// Open live answers are capped per API key, per person (the Chat tab) and
// per organization, with leases in Redis that a stream gives back when it
// ends or its caller leaves, and that run out when a web process dies.
// Real route handlers (and the Chat tab's live answer), a worker process,
// PostgreSQL, Redis and the simulator.
import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { liveAnswerResponse } from "@/lib/turns/live-answer-response";

import { agentApi } from "../../fixtures/agent-api";
import { startLeaseHolder } from "../../fixtures/lease-holder";
import { readSse } from "../../fixtures/sse";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn } from "../../fixtures/turns";

// Small caps and a short lease, read by this file's route handlers.
Object.assign(process.env, { STREAMS_PER_API_KEY: "2", STREAMS_PER_USER: "2", STREAMS_PER_ORG: "3", STREAM_LEASE_MS: "2000" });

const harness = useTurnHarness("stream-caps");

type TErrorBody = { error: { message: string; type: string; code: string | null; param: string | null } };

// Six words 400 ms apart: a stream stays open about two seconds after its first word.
const agentWithApi = async (primaryKey = "sim-chunks-6-400") => {
  const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey });
  return { ...running, api: await agentApi(running) };
};

const stream = (api: Awaited<ReturnType<typeof agentApi>>) => api.complete({ stream: true });

async function expectRefused(response: Response, holder: RegExp) {
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).toBe("5");
  const { error } = (await response.json()) as TErrorBody;
  expect(error).toMatchObject({ type: "requests", code: "too_many_streams" });
  expect(error.message).toMatch(holder);
}

describe("API streams", () => {
  it("past its key's cap a stream is refused with 429 and Retry-After, storing nothing; an ended or cancelled stream frees its place", async () => {
    const { agent, api } = await agentWithApi();
    const [first, second] = [await stream(api), await stream(api)];
    expect([first.status, second.status]).toEqual([200, 200]);

    await expectRefused(await stream(api), /^2 streamed answers are already open for this API key/);
    expect(await db.turn.count({ where: { agentId: agent.id } })).toBe(2);
    // Not streamed, the same key is answered: only open streams are capped.
    expect((await api.complete({})).status).toBe(200);

    await second.body!.cancel();
    const third = await stream(api);
    expect(third.status).toBe(200);
    await expectRefused(await stream(api), /for this API key/);

    const read = await readSse(first);
    expect(read.done).toBe(1);
    const fourth = await stream(api);
    expect(fourth.status).toBe(200);
    await Promise.all([readSse(third), readSse(fourth)]);
  });

  it("counts the organization's keys and Chat tabs together", async () => {
    const a = await agentWithApi();
    const other = await agentApi(a);
    expect([(await stream(a.api)).status, (await stream(a.api)).status, (await stream(other)).status]).toEqual([200, 200, 200]);

    await expectRefused(await stream(other), /for this organization \(its API keys and Chat tabs together\)/);
    const turn = await sendTurn({ orgId: a.org.id, agentId: a.agent.id, text: "Hello" });
    const live = await liveAnswerResponse({
      userId: a.user.id,
      orgSlug: a.org.slug,
      agentSlug: a.agent.slug,
      turnId: turn.id,
      signal: new AbortController().signal,
    });
    expect(live.status).toBe(429);
    expect(((await live.json()) as { error: string }).error).toMatch(/^Your organization is following 3 answers live already/);
  });

  it("a web process that dies holding streams frees their places once their leases run out, and not before", async () => {
    const { org, api } = await agentWithApi("sim-ok");
    const holder = await startLeaseHolder({ orgId: org.id, apiKeyId: api.keyId, count: 2 });
    await expectRefused(await stream(api), /for this API key/);
    // Alive, the holder renews its leases: still full after two of them.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    await expectRefused(await stream(api), /for this API key/);

    await holder.kill();
    let refusals = 0;
    for (let response = await stream(api); response.status === 429; response = await stream(api)) {
      refusals += 1;
      expect(refusals, "still refused long after the dead process's leases ended").toBeLessThan(50);
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 90_000);
});

describe("the Chat tab's live answers", () => {
  const follow = (running: Awaited<ReturnType<typeof agentWithApi>>, turnId: string, signal = new AbortController().signal) =>
    liveAnswerResponse({ userId: running.user.id, orgSlug: running.org.slug, agentSlug: running.agent.slug, turnId, signal });

  it("a person past their cap gets 429 with Retry-After and a sentence to show; a tab that leaves frees its place", async () => {
    const running = await agentWithApi("sim-slow-20000");
    const turns = await Promise.all([1, 2, 3].map((n) => sendTurn({ orgId: running.org.id, agentId: running.agent.id, text: `Hello ${n}` })));
    const leaving = new AbortController();
    const [first, second] = [await follow(running, turns[0]!.id, leaving.signal), await follow(running, turns[1]!.id)];
    expect([first.status, second.status]).toEqual([200, 200]);

    const refused = await follow(running, turns[2]!.id);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(((await refused.json()) as { error: string }).error).toBe(
      "You are following 2 answers live already, the most allowed at once. This answer will appear here when it is ready; close other Chat tabs to follow it live.",
    );

    leaving.abort();
    expect((await follow(running, turns[2]!.id)).status).toBe(200);
    // Another organization's member is not counted with this one.
    const stranger = await agentWithApi("sim-slow-20000");
    const theirs = await sendTurn({ orgId: stranger.org.id, agentId: stranger.agent.id, text: "Hello" });
    expect((await follow(stranger, theirs.id)).status).toBe(200);
  });
});
