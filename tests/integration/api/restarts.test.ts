// Redis killed and restarted empty, and PostgreSQL restarted, under the
// agent API: nothing a caller received is lost, no request is answered
// twice, no turn is left unsettled, and no caller is invited to retry a turn
// that was answered. The route handlers run in this process; two worker
// processes and the simulator do the rest. Redis and PostgreSQL are servers
// of this file's own (own-services.ts): the shared ones are never touched.
import { randomUUID } from "node:crypto";

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { applyMigrations, ensureDatabase } from "@/prisma/engine";

import { startPostgres, startRedis, type TOwnPostgres, type TOwnRedis } from "../../fixtures/own-services";
import { readSse } from "../../fixtures/sse";
import { useTurnHarness } from "../../fixtures/turn-harness";

// Everything that opens a database pool or a Redis connection is loaded once
// this file's servers are up and the environment points at them.
const load = async () => ({
  ...(await import("@/lib/db/client")),
  ...(await import("../../fixtures/agent-api")),
  ...(await import("../../fixtures/turns")),
  ...(await import("../../fixtures/worker-process")),
  ...(await import("@/lib/turns/submit-turn")),
  ...(await import("@/lib/queue/connections")),
});
let m: Awaited<ReturnType<typeof load>>;
let pg: TOwnPostgres;
let redis: TOwnRedis;

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const url = pg.url("understudy_restart_test");
  // The load runs on one key per client: the per-key and per-organization limits are not what is tested.
  Object.assign(process.env, { DATABASE_URL: url, REDIS_URL: redis.url, API_RATE_LIMIT_PER_MINUTE: "1000000", ORG_API_RATE_LIMIT_PER_MINUTE: "1000000" });
  await ensureDatabase(url);
  await applyMigrations(url);
  m = await load();
}, 120_000);
// Registered after the servers' hook, so its workers start against them.
const harness = useTurnHarness("restarts", { workers: 2 });
afterAll(async () => {
  await m?.db.$disconnect();
  await Promise.all([pg?.close(), redis?.close()]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function agentWithApi(primaryKey: string) {
  const running = await m.createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey });
  return { ...running, api: await m.agentApi(running) };
}

const stateOf = async (agentId: string) => (await m.db.turn.findFirst({ where: { agentId }, orderBy: { createdAt: "desc" } }))?.state;
const runningTurn = (agentId: string) => m.eventually("a running turn", async () => ((await stateOf(agentId)) === "running" ? true : undefined));

describe("one outage at a time", () => {
  it("a request waiting for its answer while PostgreSQL restarts gets the answer", async () => {
    const { agent, api } = await agentWithApi("sim-slow-3000");
    const response = api.complete({});
    await runningTurn(agent.id);
    // Down longer than a poll of the wait, so the wait meets the outage.
    await pg.stop();
    await sleep(2500);
    await pg.start();
    const answered = await response;
    expect(answered.status, await answered.clone().text()).toBe(200);
  }, 60_000);

  it("a streamed request whose Redis goes away before the first token still gets the whole answer", async () => {
    const { agent, api } = await agentWithApi("sim-slow-2000");
    const pending = api.complete({ stream: true });
    await runningTurn(agent.id);
    await redis.kill();
    const response = await pending;
    const read = response.status === 200 ? await readSse(response) : undefined;
    await redis.start();
    expect(response.status).toBe(200);
    const turn = await m.db.turn.findFirstOrThrow({ where: { agentId: agent.id } });
    expect(turn.state).toBe("answered");
    expect(read).toMatchObject({ content: turn.answer, done: 1 });
  }, 60_000);
});

describe("Redis restarted empty", () => {
  it("a turn left queued while Redis was down is still answered: the workers schedule the reconciler again", async () => {
    const running = await m.createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-ok" });
    // One turn first, so this process's queue is connected before Redis goes
    // away (an earlier test's restart may still be reconnecting it).
    await m.eventually("this process's queue connected", async () => (m.producerConnection().status === "ready" ? true : undefined));
    await m.settledTurn((await m.sendTurn({ orgId: running.org.id, agentId: running.agent.id, text: "Hello" })).id);
    await redis.kill();
    // The chat keeps a turn it could not enqueue for the reconciler.
    const turn = await m.submitTurn({ orgId: running.org.id, agentId: running.agent.id, source: "chat", messages: [{ role: "user", content: "Hello" }] });
    expect(turn.enqueued).toBe(false);
    // Past the reconciler's grace at once, rather than half a minute later.
    await m.db.turn.update({ where: { id: turn.id }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    await redis.start();
    expect(await m.settledTurn(turn.id, 45_000)).toMatchObject({ state: "answered" });
  }, 60_000);
});

type TOutcome = { key: string; text: string; stream: boolean } & (
  { ok: true; content: string; id: string } | { ok: false; status: number | undefined; retryInvited: boolean; turnId?: string }
);
type TResponseSeen = { key: string | null; status: number; retry: string | null };

// One client of the load: requests one after the other, every other one
// streamed, each with its own Idempotency-Key that the client's retries reuse.
async function client({
  baseFetch,
  apiKey,
  model,
  name,
  until,
  seen,
}: {
  baseFetch: typeof fetch;
  apiKey: string;
  model: string;
  name: string;
  until: () => boolean;
  seen: TResponseSeen[];
}) {
  const recording: typeof fetch = async (url, init) => {
    const response = await baseFetch(url, init);
    seen.push({ key: new Headers(init?.headers).get("idempotency-key"), status: response.status, retry: response.headers.get("x-should-retry") });
    return response;
  };
  const openai = new OpenAI({ baseURL: "http://localhost/api/v1", apiKey, fetch: recording, timeout: 120_000 });
  const outcomes: TOutcome[] = [];
  for (let i = 0; !until(); i += 1) {
    const request = { key: randomUUID(), text: `${name} request ${i}`, stream: i % 2 === 1 };
    const options = { headers: { "Idempotency-Key": request.key } };
    const messages = [{ role: "user" as const, content: request.text }];
    try {
      if (request.stream) {
        let content = "";
        let id = "";
        for await (const chunk of await openai.chat.completions.create({ model, messages, stream: true }, options)) {
          content += chunk.choices[0]?.delta?.content ?? "";
          id = chunk.id;
        }
        outcomes.push({ ...request, ok: true, content, id });
      } else {
        const completion = await openai.chat.completions.create({ model, messages }, options);
        outcomes.push({ ...request, ok: true, content: completion.choices[0]?.message.content ?? "", id: completion.id });
      }
    } catch (error) {
      if (!(error instanceof OpenAI.APIError)) throw error;
      const body = error.error as { turn_id?: string } | undefined;
      const retryInvited = error.status !== undefined && error.headers?.get("x-should-retry") !== "false";
      outcomes.push({ ...request, ok: false, status: error.status, retryInvited, turnId: body?.turn_id });
    }
  }
  return outcomes;
}

describe("under load", () => {
  it(
    "Redis killed and restarted empty, then PostgreSQL restarted: " + "0 answers lost, 0 duplicated, 0 turns unsettled, no retry invited for an answered turn",
    async () => {
      const running = await m.createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-chunks-4-40" });
      const apis = await Promise.all(Array.from({ length: 4 }, () => m.agentApi(running)));
      let stopped = false;
      const seen: TResponseSeen[] = [];
      const clients = apis.map((api, n) =>
        client({ baseFetch: m.inProcessFetch, apiKey: api.key, model: running.agent.slug, name: `client ${n}`, until: () => stopped, seen }),
      );
      await sleep(3000);
      await redis.kill();
      await sleep(2000);
      await redis.start();
      await sleep(5000);
      await pg.stop();
      await pg.start();
      await sleep(4000);
      stopped = true;
      const byClient = await Promise.all(clients);
      const outcomes = byClient.flat();

      const turns = await m.eventually(
        "every turn settled",
        async () => {
          const all = await m.db.turn.findMany({ where: { agentId: running.agent.id }, include: { conversation: { include: { messages: true } } } });
          return all.every((t) => t.state === "answered" || t.state === "failed") ? all : undefined;
        },
        90_000,
      );
      const byKey = new Map(turns.map((t) => [t.idempotencyKey, t]));
      const answers = outcomes.filter((o) => o.ok);
      const errors = outcomes.filter((o) => !o.ok);
      const lost = answers.filter((o) => byKey.get(o.key)?.answer !== o.content || `chatcmpl-${byKey.get(o.key)?.id}` !== o.id);
      // A request's text in more than one turn, or a turn answered twice.
      const textCounts = new Map<string, number>();
      for (const t of turns)
        for (const msg of t.conversation.messages.filter((x) => x.role === "user")) textCounts.set(msg.content, (textCounts.get(msg.content) ?? 0) + 1);
      const duplicated =
        [...textCounts.values()].filter((n) => n > 1).length +
        turns.filter((t) => t.conversation.messages.filter((x) => x.role === "assistant").length > 1).length;
      const untrue = errors.filter((o) => !o.ok && o.retryInvited && byKey.get(o.key)?.state === "answered");
      const retries = seen.length - outcomes.length;
      console.log(
        `restarts under load: ${outcomes.length} requests (${seen.length} responses, ${retries} client retries), ${answers.length} answered, ` +
          `${errors.length} errors (${seen.filter((s) => s.status === 503).length} responses 503, ` +
          `${seen.filter((s) => s.status >= 500 && s.retry !== "false").length} 5xx inviting a retry), ` +
          `${lost.length} lost, ${duplicated} duplicated, ${turns.filter((t) => t.state === "failed").length} turns failed`,
      );

      expect(outcomes.length).toBeGreaterThan(0);
      expect(lost).toEqual([]);
      expect(duplicated).toBe(0);
      expect(untrue).toEqual([]);
      // Every error that named its turn tells the same as the turn lookup
      // with the API key that made it.
      for (const [n, api] of apis.entries()) {
        for (const error of byClient[n] ?? []) {
          if (error.ok || !error.turnId) continue;
          const fetched = await api.turn(error.turnId);
          expect(fetched.status === 200).toBe(byKey.get(error.key)?.state === "answered");
        }
      }
    },
    120_000,
  );
});
