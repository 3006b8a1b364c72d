// The live answer's server-sent events, read with fetch rather than
// EventSource: EventSource hides a refused request's status and words, and
// a person told nothing cannot act. A 429 says why the answer is not live
// and when a new try may succeed.
export type TLiveEvent = { event: string; data: string };
export type TLiveOutcome = { kind: "closed" } | { kind: "refused"; message: string; retryAfterSeconds: number } | { kind: "lost" };

const DEFAULT_RETRY_SECONDS = 5;

function parseEvent(block: string): TLiveEvent | undefined {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) event = line.slice("event: ".length);
    if (line.startsWith("data: ")) data.push(line.slice("data: ".length));
  }
  return data.length ? { event, data: data.join("\n") } : undefined;
}

async function refusal(response: Response): Promise<TLiveOutcome> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown };
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    kind: "refused",
    message: typeof body.error === "string" ? body.error : "Too many live answers are open. This answer will appear here when it is ready.",
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : DEFAULT_RETRY_SECONDS,
  };
}

// Resolves once the response ends ("closed"), is refused, or breaks ("lost").
export async function readLiveEvents(src: string, { signal, onEvent }: { signal: AbortSignal; onEvent: (event: TLiveEvent) => void }): Promise<TLiveOutcome> {
  try {
    const response = await fetch(src, { signal, headers: { accept: "text/event-stream" }, cache: "no-store" });
    if (response.status === 429) return await refusal(response);
    if (!response.ok || !response.body) return { kind: "lost" };
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += read.value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) onEvent(event);
      }
    }
    return { kind: "closed" };
  } catch {
    return { kind: "lost" };
  }
}
