// Stream-shape keys over real HTTP in all three wire formats: how many text
// chunks, how far apart, and how the stream ends.
import { connect } from "node:net";
import { performance } from "node:perf_hooks";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type TSimulator } from "@/lib/simulator/server";
import { ENDLESS_BATCH } from "@/lib/simulator/stream-shape";
import type { TSimTimeline } from "@/lib/simulator/timeline";

import { anthropicShape, expectedChunks, geminiShape, openAiShape, SHAPE_VENDORS, type TAsk, textFrames, texts, type TShapeVendor } from "./shape-vendors";
import { postJson, uniqueKey } from "./sim-client";
import { openStream } from "./stream-reader";

let sim: TSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

// Node timers may fire up to a millisecond early as performance.now sees it,
// so each gap gets that much slack; the bound stays a lower bound.
const atLeast = (gaps: number, ms: number) => gaps * ms - gaps;
// How far apart the simulator wrote the key's first and last text chunks, by
// its own clock: a loaded client may read two frames at once, so the gaps it
// sees are no measure of the shape.
async function spread(key: string): Promise<number> {
  const timeline = (await (await fetch(`${sim.url}/_timeline?key=${encodeURIComponent(key)}`)).json()) as TSimTimeline;
  const chunks = timeline.chunks.at(-1) ?? [];
  return (chunks.at(-1) ?? 0) - (chunks[0] ?? 0);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// The simulator resets right after the last chunk; a client that has not read
// that chunk yet sees the two together, which Node reports as a bare end of
// file (see TEnding). Either way the body stops unfinished.
const ABRUPT = ["reset", "aborted"];

const open = (vendor: TShapeVendor, key: string, ask: Partial<TAsk> = {}) =>
  openStream(`${sim.url}${vendor.path(true)}`, vendor.headers(key), vendor.body({ stream: true, ...ask }));

describe.each(SHAPE_VENDORS)("$vendor streams", (vendor) => {
  it("sim-chunks-4-30 sends exactly four c-word chunks at least 30 ms apart, then the finish", async () => {
    const key = uniqueKey("sim-chunks-4-30");
    const reader = open(vendor, key);
    expect(await reader.ended).toBe("end");
    expect(texts(vendor, reader.frames)).toEqual(expectedChunks(vendor, 4));
    expect(await spread(key)).toBeGreaterThanOrEqual(atLeast(3, 30));
    expect(reader.frames.some(vendor.finished)).toBe(true);
  });

  it("sim-paced-3-60 spaces every event, the opening and the finish included, 60 ms apart", async () => {
    const startedAt = performance.now();
    const reader = open(vendor, uniqueKey("sim-paced-3-60"));
    expect(await reader.ended).toBe("end");
    const elapsed = performance.now() - startedAt;
    expect(texts(vendor, reader.frames)).toEqual(expectedChunks(vendor, 3));
    expect(reader.frames.some(vendor.finished)).toBe(true);
    // One gap after each event but the last (Gemini's finish rides on its last text).
    expect(elapsed).toBeGreaterThanOrEqual(atLeast(reader.frames.length - 1, 60));
  });

  it("sim-chunks-1-0 sends a single chunk that ends the sentence", async () => {
    const reader = open(vendor, uniqueKey("sim-chunks-1-0"));
    expect(await reader.ended).toBe("end");
    expect(texts(vendor, reader.frames)).toEqual([`[${vendor.vendor}:${vendor.model}] c1.`]);
  });

  it("sim-chunks-3-0-2000 pads every chunk to at least 2000 bytes with filler words", async () => {
    const reader = open(vendor, uniqueKey("sim-chunks-3-0-2000"));
    expect(await reader.ended).toBe("end");
    const chunks = texts(vendor, reader.frames);
    expect(chunks).toHaveLength(3);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk)).toBeGreaterThanOrEqual(2000);
    expect(chunks.join("")).toMatch(/^\[\S+\] c1( x+)+ c2( x+)+ c3( x+)+\.$/);
  });

  it("sim-cut-after-3-20 sends three chunks at least 20 ms apart, then resets the connection without a finish", async () => {
    const key = uniqueKey("sim-cut-after-3-20");
    const reader = open(vendor, key);
    expect(ABRUPT).toContain(await reader.ended);
    // Planned as 13 chunks, so the third still ends in a space: visibly unfinished.
    expect(texts(vendor, reader.frames)).toEqual(expectedChunks(vendor, 3, 13));
    expect(await spread(key)).toBeGreaterThanOrEqual(atLeast(2, 20));
    expect(reader.frames.some(vendor.finished)).toBe(false);
  });

  it("sim-stall-after-2-20 sends two chunks, then nothing while the connection stays open", async () => {
    const key = uniqueKey("sim-stall-after-2-20");
    const reader = open(vendor, key);
    let settled = false;
    void reader.ended.then(() => (settled = true));
    await reader.waitFor((frames) => textFrames(vendor, frames).length >= 2);
    const bytes = reader.bytes();
    await sleep(300);
    expect(reader.bytes()).toBe(bytes);
    expect(settled).toBe(false);
    expect(texts(vendor, reader.frames)).toEqual(expectedChunks(vendor, 2, 12));
    expect(await spread(key)).toBeGreaterThanOrEqual(atLeast(1, 20));
    reader.abort();
    expect(await reader.ended).toBe("closed");
  });

  it("sim-error-after-2-10 sends two chunks, then the vendor's error event, and ends without a finish", async () => {
    const reader = open(vendor, uniqueKey("sim-error-after-2-10"));
    expect(await reader.ended).toBe("end");
    expect(texts(vendor, reader.frames)).toEqual(expectedChunks(vendor, 2, 12));
    const last = reader.frames.at(-1);
    expect(last && vendor.isError(last)).toBe(true);
    expect(reader.frames.some(vendor.finished)).toBe(false);
  });

  it("sim-chunks-3-0 streams its chunks, then the tool call the model makes, then the finish", async () => {
    const reader = open(vendor, uniqueKey("sim-chunks-3-0"), { messages: [{ role: "user", text: "calculate 1+2" }], tools: true });
    expect(await reader.ended).toBe("end");
    expect(texts(vendor, reader.frames)).toEqual(expectedChunks(vendor, 3));
    const lastText = reader.frames.findLastIndex((frame) => vendor.text(frame) !== undefined);
    const tool = reader.frames.findIndex((frame) => vendor.toolName(frame) === "calculator");
    const finish = reader.frames.findIndex(vendor.finished);
    expect(tool).toBeGreaterThan(lastText);
    expect(finish).toBeGreaterThanOrEqual(tool);
  });

  it("sim-endless-0-0 streams numbered pieces, batch after batch, and never a finish, until the client leaves", async () => {
    const reader = open(vendor, uniqueKey("sim-endless-0-0"));
    let settled = false;
    void reader.ended.then(() => (settled = true));
    const pieces = 3 * ENDLESS_BATCH + 5;
    await reader.waitFor((frames) => textFrames(vendor, frames).length >= pieces);
    expect(texts(vendor, reader.frames).slice(0, pieces)).toEqual(expectedChunks(vendor, pieces, Infinity));
    expect(reader.frames.some(vendor.finished)).toBe(false);
    expect(settled).toBe(false);
    reader.abort();
    expect(await reader.ended).toBe("closed");
  });

  it("takes sim-cut-after-2 from /_control, and goes back to a whole answer when cleared", async () => {
    const key = uniqueKey("sim-ok");
    expect((await postJson(`${sim.url}/_control`, { key, behaviour: "sim-cut-after-2" })).status).toBe(200);
    const cut = open(vendor, key);
    expect(ABRUPT).toContain(await cut.ended);
    expect(texts(vendor, cut.frames)).toEqual(expectedChunks(vendor, 2, 12));

    await postJson(`${sim.url}/_control`, { key, behaviour: null });
    const whole = open(vendor, key);
    expect(await whole.ended).toBe("end");
    expect(texts(vendor, whole.frames).join("")).toBe(`[${vendor.vendor}:${vendor.model}] You said: hello there`);
  });
});

describe("stream shapes beyond the basics", () => {
  it("streams a 1 MiB answer as 20 chunks under sim-chunks-20-0-52429", async () => {
    const reader = open(openAiShape, uniqueKey("sim-chunks-20-0-52429"));
    expect(await reader.ended).toBe("end");
    const chunks = texts(openAiShape, reader.frames);
    expect(chunks).toHaveLength(20);
    expect(Buffer.byteLength(chunks.join(""))).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it("spaces the usual tool-result sentence by the key's ms after a tool result", async () => {
    const messages = [
      { role: "user", content: "calculate 1+2" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "calculator", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "call_1", content: "3" },
    ];
    const key = uniqueKey("sim-chunks-2-25");
    const reader = openStream(`${sim.url}/openai/v1/chat/completions`, { authorization: `Bearer ${key}` }, { model: "gpt-4o-mini", stream: true, messages });
    expect(await reader.ended).toBe("end");
    const chunks = texts(openAiShape, reader.frames);
    expect(chunks.join("")).toBe("[openai:gpt-4o-mini] The calculator tool returned: 3");
    expect(await spread(key)).toBeGreaterThanOrEqual(atLeast(chunks.length - 1, 25));
  });

  it("sim-endless without SSE (Gemini's streamGenerateContent) sends a JSON array of 16 KiB pieces that never closes", async () => {
    const path = "/google/v1beta/models/gemini-2.0-flash:streamGenerateContent";
    const reader = openStream(`${sim.url}${path}`, geminiShape.headers(uniqueKey("sim-endless")), geminiShape.body({ stream: true }));
    let settled = false;
    void reader.ended.then(() => (settled = true));
    await reader.waitFor(() => reader.bytes() > 1024 * 1024);
    expect(reader.status()).toBe(200);
    expect(reader.body()).toMatch(/^\[\{"candidates":\[\{"index":0,"content":\{"role":"model","parts":\[\{"text":"\[google:gemini-2.0-flash\] c1( x+)+ "/);
    expect(reader.body()).not.toContain("finishReason");
    expect(settled).toBe(false);
    reader.abort();
    expect(await reader.ended).toBe("closed");
  });

  it("sim-cut-after-0 opens the stream, then resets before any text", async () => {
    const reader = open(anthropicShape, uniqueKey("sim-cut-after-0"));
    expect(ABRUPT).toContain(await reader.ended);
    expect(reader.frames.map((frame) => frame.event)).toEqual(["message_start", "ping", "content_block_start"]);
  });

  it("sim-cut-after-2 closes with a TCP reset, not a FIN", async () => {
    // A half-open raw socket tells them apart even when the reset reads as an
    // end of file: after a FIN it may still write; after a RST the kernel has
    // closed it, so the write fails.
    const body = JSON.stringify(anthropicShape.body({ stream: true }));
    const head = `POST /anthropic/v1/messages HTTP/1.1\r\nhost: sim\r\nx-api-key: ${uniqueKey("sim-cut-after-2")}\r\ncontent-type: application/json`;
    const socket = connect({ port: sim.port, host: "127.0.0.1", allowHalfOpen: true });
    const how = await new Promise<string>((resolve) => {
      const codeOf = (error: NodeJS.ErrnoException) => error.code ?? error.message;
      socket.on("error", (error) => resolve(codeOf(error)));
      socket.on("end", () => socket.write("x", (error) => resolve(error ? codeOf(error) : "still writable: a FIN")));
      socket.write(`${head}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      socket.resume();
    });
    socket.destroy();
    expect(how).toMatch(/^(ECONNRESET|EPIPE)$/);
  });
});
