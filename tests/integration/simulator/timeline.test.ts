// /_timeline over real HTTP: when a key's calls arrived and when each text
// chunk left, on the epoch clock a benchmark on this machine reads too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type TSimulator } from "@/lib/simulator/server";
import type { TSimTimeline } from "@/lib/simulator/timeline";

import { openAiShape, textFrames } from "./shape-vendors";
import { postJson, uniqueKey } from "./sim-client";
import { openStream } from "./stream-reader";

let sim: TSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const epochMs = () => performance.timeOrigin + performance.now();
const timelineOf = (key: string) => fetch(`${sim.url}/_timeline?key=${encodeURIComponent(key)}`);

async function streamAnswer(key: string) {
  const reader = openStream(`${sim.url}${openAiShape.path(true)}`, openAiShape.headers(key), openAiShape.body({ stream: true }));
  expect(await reader.ended).toBe("end");
  return textFrames(openAiShape, reader.frames).map((frame) => performance.timeOrigin + frame.at);
}

describe("/_timeline", () => {
  it("records a sim-chunks-3-20 call's arrival and its three chunks, in order and at least 19 ms apart", async () => {
    const key = uniqueKey("sim-chunks-3-20");
    const before = epochMs();
    const received = await streamAnswer(key);

    const response = await timelineOf(key);
    expect(response.status).toBe(200);
    const { requestAt, chunks } = (await response.json()) as TSimTimeline;
    expect(requestAt).toHaveLength(1);
    expect(chunks).toHaveLength(1);
    const [sent] = chunks as [number[]];
    expect(sent).toHaveLength(3);
    expect(requestAt[0]).toBeGreaterThanOrEqual(before);
    expect(sent[0]).toBeGreaterThanOrEqual(requestAt[0]!);
    // Timers may fire up to a millisecond early as performance.now sees it.
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(19);
    expect(sent[2]! - sent[1]!).toBeGreaterThanOrEqual(19);
    // Same clock as the caller's: every chunk left before it arrived here.
    sent.forEach((at, i) => expect(at).toBeLessThanOrEqual(received[i]!));
  });

  it("keeps one request time and one chunk list per call, in call order", async () => {
    const key = uniqueKey("sim-chunks-2-0");
    await streamAnswer(key);
    await streamAnswer(key);
    const { requestAt, chunks } = (await (await timelineOf(key)).json()) as TSimTimeline;
    expect(requestAt).toHaveLength(2);
    expect(requestAt[1]).toBeGreaterThan(requestAt[0]!);
    expect(chunks.map((c) => c.length)).toEqual([2, 2]);
  });

  it("answers 404 for a key never seen, and for every key after /_control/reset", async () => {
    expect((await timelineOf(uniqueKey("sim-chunks-3-20"))).status).toBe(404);
    const key = uniqueKey("sim-chunks-1-0");
    await streamAnswer(key);
    expect((await timelineOf(key)).status).toBe(200);
    await postJson(`${sim.url}/_control/reset`, {});
    expect((await timelineOf(key)).status).toBe(404);
  });
});
