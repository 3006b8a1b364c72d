// Every open stream of a web process is read through one Redis connection:
// many followers of one turn share one key in one blocking XREAD, and a
// follower that reads slowly catches up from Redis without holding up the
// others. Real route handlers (and the Chat tab's live answer), worker
// processes, PostgreSQL, Redis and the simulator; connections counted with
// CLIENT LIST by the names the app sets.
import { randomUUID } from "node:crypto";

import { afterAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { createRedis } from "@/lib/queue/connections";
import { liveAnswerResponse } from "@/lib/turns/live-answer-response";
import { ownerStreamsKey } from "@/lib/turns/stream-leases";

import { agentApi } from "../../fixtures/agent-api";
import { readSse } from "../../fixtures/sse";
import { useTurnHarness } from "../../fixtures/turn-harness";
import { createRunningAgent, sendTurn, settledTurn } from "../../fixtures/turns";
import { eventually, startedWorkers } from "../../fixtures/worker-process";

// The caps are not what is tested here: 200 streams on one key.
Object.assign(process.env, { STREAMS_PER_API_KEY: "1000", STREAMS_PER_ORG: "1000" });

const harness = useTurnHarness("stream-sharing", { workers: 0 });
const workers = startedWorkers();
const observer = createRedis("request", { name: "test-observer" });
afterAll(() => observer.disconnect());

// This process's connections (the web side of the test), by the name each
// one carries: "<QUEUE_PREFIX>:web:<use>".
async function webConnections(): Promise<string[]> {
  const list = (await observer.client("LIST")) as string;
  const names = list.split("\n").map((line) => /\bname=(\S*)/.exec(line)?.[1] ?? "");
  return names.filter((name) => name.startsWith(`${process.env.QUEUE_PREFIX}:web:`) && !name.endsWith(":test-observer"));
}

const keyed = (key: string) => ({ "idempotency-key": key });

// The Chat tab's events: the text it was told, and whether it was told the end.
async function readLiveText(response: Response): Promise<{ text: string; ended: boolean }> {
  const events = (await response.text()).split("\n\n").filter((event) => event.startsWith("event: "));
  const data = (event: string) => JSON.parse(event.split("\ndata: ")[1] ?? "{}") as { text?: string };
  return {
    text: events.map((event) => (event.startsWith("event: text\n") ? (data(event).text ?? "") : "")).join(""),
    ended: events.some((e) => e.startsWith("event: end\n")),
  };
}

describe("live streams share one reader", () => {
  it("200 streams of one pending turn hold a constant number of Redis connections, and each gets the whole answer once", async () => {
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-chunks-30-50" });
    const api = await agentApi(running);
    // One Idempotency-Key: the first request stores the turn, the other 199 follow it.
    const key = randomUUID();
    const responses = Array.from({ length: 200 }, () => api.complete({ stream: true }, keyed(key)));
    await eventually("200 open streams", async () => ((await observer.zcard(ownerStreamsKey({ apiKeyId: api.keyId }))) === 200 ? true : undefined));
    // Nobody answers the turn until every stream waits for it.
    await workers.start();
    const opened = await Promise.all(responses);
    expect(opened.map((r) => r.status)).toEqual(Array(200).fill(200));

    // Every stream is open (none has been read to its end).
    const connections = await webConnections();
    console.log(`web connections with 200 open streams: ${connections.length} (${connections.join(", ")})`);
    expect(connections.length).toBeLessThanOrEqual(5);
    expect(connections.filter((name) => name.endsWith(":stream-reader"))).toHaveLength(1);

    const reads = await Promise.all(opened.map((response) => readSse(response)));
    const [turn, ...others] = await db.turn.findMany({ where: { agentId: running.agent.id } });
    expect(others).toHaveLength(0);
    const settled = await settledTurn(turn!.id);
    expect(settled.answer).toMatch(/c30\.$/);
    for (const read of reads) expect({ content: read.content, done: read.done }).toEqual({ content: settled.answer, done: 1 });
  }, 120_000);

  it("a follower that reads slowly reads back what did not fit its buffer, while another follower of the turn reads on", async () => {
    if (workers.started.length === 0) await workers.start();
    // 300 pieces, each its own stream entry: far more than a follower holds.
    const running = await createRunningAgent({ simulatorUrl: harness.simulatorUrl, primaryKey: "sim-chunks-300-5" });
    const turn = await sendTurn({ orgId: running.org.id, agentId: running.agent.id, text: "A long one" });
    // Two Chat tabs on the turn: the live answer tells the end, never the text, from PostgreSQL.
    const tab = () =>
      liveAnswerResponse({
        userId: running.user.id,
        orgSlug: running.org.slug,
        agentSlug: running.agent.slug,
        turnId: turn.id,
        signal: new AbortController().signal,
      });
    const [fast, slow] = [await tab(), await tab()];

    // The fast one reads the whole answer while the slow one has read nothing.
    const fastRead = await readLiveText(fast);
    const settled = await settledTurn(turn.id);
    expect(fastRead).toEqual({ text: settled.answer, ended: true });
    expect(await readLiveText(slow)).toEqual({ text: settled.answer, ended: true });
  }, 60_000);
});
