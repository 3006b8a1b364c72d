"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

import { bubbleClass } from "./bubble";

type TPhase = "waiting" | "answering" | "ended" | "lost";

// Once the answer is stored (or the live connection is gone) the page asks
// the server again until the turn shows as settled and this bubble leaves.
const REFRESH_MS = 3000;

function textOf(event: MessageEvent<string>): string {
  try {
    const data = JSON.parse(event.data) as { text?: unknown };
    return typeof data.text === "string" ? data.text : "";
  } catch {
    return "";
  }
}

// The pending turn's answer as the provider writes it. On "end" the page
// refreshes, and the stored answer (with its failover line) takes its place.
export function LiveAnswer({ src, queued }: { src: string; queued: boolean }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [phase, setPhase] = useState<TPhase>(queued ? "waiting" : "answering");

  useEffect(() => {
    const source = new EventSource(src);
    source.addEventListener("run", () => setPhase((p) => (p === "waiting" ? "answering" : p)));
    source.addEventListener("text", (event) => {
      const piece = textOf(event);
      setText((t) => t + piece);
      setPhase((p) => (p === "waiting" ? "answering" : p));
    });
    source.addEventListener("end", () => {
      source.close();
      setPhase("ended");
      router.refresh();
    });
    // EventSource would retry on its own and replay the answer from its start;
    // refreshing until the turn settles is simpler and cannot double the text.
    source.addEventListener("error", () => {
      source.close();
      setPhase((p) => (p === "ended" ? p : "lost"));
    });
    return () => source.close();
  }, [src, router]);

  useEffect(() => {
    if (phase !== "ended" && phase !== "lost") return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [phase, router]);

  const status = phase === "waiting" ? "Waiting for a worker…" : phase === "answering" ? "Answering…" : undefined;
  return (
    <li className="flex flex-col items-start">
      <div aria-live="polite" className={text ? bubbleClass(false) : undefined}>
        {text ? <span className="sr-only">Agent: </span> : null}
        {text}
      </div>
      {status && !text ? (
        <p role="status" className="text-sm text-zinc-500">
          {status}
        </p>
      ) : null}
      {phase === "lost" ? (
        <p role="status" className="mt-1 text-xs text-zinc-500">
          Lost the live connection; the answer will appear when it is ready.
        </p>
      ) : null}
    </li>
  );
}
