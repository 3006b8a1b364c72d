// A caller of the public API with `stream: true` that notes when each piece
// c<k> of a shaped answer arrived, on the epoch clock the simulator's
// timeline uses, and keeps nothing else: the bytes are read and dropped.
import { epochMs, type TSimTimeline } from "../../lib/simulator/timeline";
import type { TBenchAgent } from "./agents";

// at[k - 1]: when the bytes holding c<k> were read (c<k> may be missing).
export type TArrivals = { ok: boolean; bytes: number; at: Array<number | undefined> };

type TChunk = { choices?: Array<{ delta?: { content?: string } }>; error?: unknown };

// Pieces that reach the caller together in one delta all arrived then.
function notePieces(at: TArrivals["at"], content: string, time: number) {
  for (const match of content.matchAll(/\bc(\d+)\b/g)) at[Number(match[1]) - 1] ??= time;
}

export async function streamTurn(app: string, agent: TBenchAgent, text: string): Promise<TArrivals> {
  const res = await fetch(`${app}/api/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${agent.key}`, "content-type": "application/json" },
    body: JSON.stringify({ model: agent.slug, stream: true, messages: [{ role: "user", content: text }] }),
  });
  const arrivals: TArrivals = { ok: false, bytes: 0, at: [] };
  if (res.status !== 200 || !res.body) {
    await res.arrayBuffer().catch(() => undefined);
    return arrivals;
  }
  const decoder = new TextDecoder();
  let buffer = "";
  let done = false;
  let failed = false;
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    const time = epochMs();
    arrivals.bytes += bytes.byteLength;
    buffer += decoder.decode(bytes, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!event.startsWith("data: ")) continue;
      const data = event.slice("data: ".length);
      if (data === "[DONE]") {
        done = true;
        continue;
      }
      const chunk = JSON.parse(data) as TChunk;
      if (chunk.error) failed = true;
      notePieces(arrivals.at, chunk.choices?.[0]?.delta?.content ?? "", time);
    }
  }
  arrivals.ok = done && !failed;
  return arrivals;
}

export async function timelineOf(simulatorUrl: string, key: string): Promise<TSimTimeline | undefined> {
  const res = await fetch(`${simulatorUrl}/_timeline?key=${encodeURIComponent(key)}`);
  return res.status === 200 ? ((await res.json()) as TSimTimeline) : undefined;
}
