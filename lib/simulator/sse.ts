// Server-sent events as the vendors send them, including the ways a stream
// can end badly: an error event mid-stream, or a connection dropped before
// the finish.
import type { ServerResponse } from "node:http";

// carriesText marks the events holding a piece of the answer's text, the
// ones a stream shape counts and spaces out; it never goes on the wire.
export type TSseEvent = { event?: string; data: unknown; carriesText?: boolean };

// Gemini separates events with CRLF; the others with LF.
export function formatSse(event: TSseEvent, lineEnd: "\n" | "\r\n" = "\n"): string {
  const data = typeof event.data === "string" ? event.data : JSON.stringify(event.data);
  const head = event.event ? `event: ${event.event}${lineEnd}` : "";
  return `${head}data: ${data}${lineEnd}${lineEnd}`;
}

export function writeSse(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => res.write(chunk, () => resolve()));
}

type TStreamPlan = {
  events: TSseEvent[];
  lineEnd?: "\n" | "\r\n";
  // Drop the connection (no finish, no terminator) after this many events.
  cutAfter?: number;
};

export function openSse(res: ServerResponse): void {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  res.flushHeaders();
}

export async function streamSse(res: ServerResponse, plan: TStreamPlan): Promise<void> {
  openSse(res);
  const events = plan.cutAfter === undefined ? plan.events : plan.events.slice(0, plan.cutAfter);
  for (const event of events) {
    if (res.destroyed) return;
    await writeSse(res, formatSse(event, plan.lineEnd));
  }
  if (plan.cutAfter === undefined) {
    res.end();
    return;
  }
  // destroySoon flushes what was written, then closes without the final
  // chunk of the chunked encoding: the client sees a body that just stops.
  res.socket?.destroySoon();
}
