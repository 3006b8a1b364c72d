// A raw HTTP client for shaped streams: records when each SSE event arrives
// and tells a clean end from a TCP reset from a close, which fetch blurs.
import { request } from "node:http";
import { performance } from "node:perf_hooks";

export type TFrame = { event?: string; data: string; at: number };

// end: the body finished; reset: the client read ECONNRESET; aborted: the
// server closed before the body finished, with no reset seen; closed: we
// aborted. A RST that lands together with the last data reads as "aborted":
// libuv folds data-then-hangup into an end of file, so the reset never surfaces.
type TEnding = "end" | "reset" | "aborted" | "closed";

type TReader = {
  frames: TFrame[];
  status(): number | undefined;
  // Raw bytes received so far, SSE or not.
  bytes(): number;
  body(): string;
  ended: Promise<TEnding>;
  // Resolves once `done(frames)` holds; rejects after timeoutMs.
  waitFor(done: (frames: TFrame[]) => boolean, timeoutMs?: number): Promise<void>;
  abort(): void;
};

function parseEvent(raw: string, at: number): TFrame | undefined {
  const lines = raw.split(/\r?\n/);
  const data = lines.filter((line) => line.startsWith("data: ")).map((line) => line.slice(6));
  if (!data.length) return undefined;
  const event = lines.find((line) => line.startsWith("event: "))?.slice(7);
  return { ...(event ? { event } : {}), data: data.join("\n"), at };
}

const isReset = (error: NodeJS.ErrnoException) => error.code === "ECONNRESET" && error.syscall === "read";

export function openStream(url: string, headers: Record<string, string>, body: unknown): TReader {
  const frames: TFrame[] = [];
  let text = "";
  let pending = "";
  let status: number | undefined;
  let complete = false;
  let reset = false;
  let abortedByUs = false;
  // No keep-alive agent: each call has its own socket, so a reset or an abort touches nothing else.
  const req = request(url, { method: "POST", agent: false, headers: { "content-type": "application/json", ...headers } });
  const noteError = (error: NodeJS.ErrnoException) => {
    reset ||= isReset(error);
  };
  req.on("error", noteError);
  req.on("response", (res) => {
    status = res.statusCode;
    res.setEncoding("utf8");
    res.on("error", noteError);
    res.on("data", (chunk: string) => {
      const at = performance.now();
      text += chunk;
      pending += chunk;
      const events = pending.split(/\r?\n\r?\n/);
      pending = events.pop() ?? "";
      for (const raw of events) {
        const frame = parseEvent(raw, at);
        if (frame) frames.push(frame);
      }
    });
    res.on("end", () => {
      complete = true;
    });
  });
  const ended = new Promise<TEnding>((resolve) => {
    req.on("close", () => resolve(complete ? "end" : reset ? "reset" : abortedByUs ? "closed" : "aborted"));
  });
  req.end(JSON.stringify(body));

  return {
    frames,
    status: () => status,
    bytes: () => Buffer.byteLength(text),
    body: () => text,
    ended,
    async waitFor(done, timeoutMs = 5_000) {
      const deadline = performance.now() + timeoutMs;
      while (!done(frames)) {
        if (performance.now() > deadline) throw new Error(`waited ${timeoutMs} ms; got ${frames.length} frames: ${text.slice(0, 500)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    abort: () => {
      abortedByUs = true;
      req.destroy();
    },
  };
}
