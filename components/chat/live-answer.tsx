"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

import { bubbleClass } from "./bubble";
import { readLiveEvents, type TLiveEvent } from "./read-live-events";

type TPhase = "waiting" | "answering" | "ended" | "lost" | "refused";

// Once the answer is stored (or the live connection is gone) the page asks
// the server again until the turn shows as settled and this bubble leaves.
const REFRESH_MS = 3000;

function textOf(data: string): string {
  try {
    const parsed = JSON.parse(data) as { text?: unknown };
    return typeof parsed.text === "string" ? parsed.text : "";
  } catch {
    return "";
  }
}

// The pending turn's answer as the provider writes it. On "end" the page
// refreshes, and the stored answer (with its failover line) takes its place.
// Refused (the person or the organization follows too many answers at once),
// it says so and tries again when the server says a try may succeed.
export function LiveAnswer({ src, queued }: { src: string; queued: boolean }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [phase, setPhase] = useState<TPhase>(queued ? "waiting" : "answering");
  const [refusal, setRefusal] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onEvent = ({ event, data }: TLiveEvent) => {
      if (event === "end") {
        setPhase("ended");
        router.refresh();
        return;
      }
      const piece = event === "text" ? textOf(data) : "";
      setText((t) => t + piece);
      setPhase((p) => (p === "waiting" || p === "refused" ? "answering" : p));
    };
    // A broken connection is not tried again: the answer would start over,
    // and refreshing until the turn settles cannot double the text.
    void readLiveEvents(src, { signal: controller.signal, onEvent }).then((outcome) => {
      if (controller.signal.aborted) return;
      if (outcome.kind === "refused") {
        setRefusal(outcome.message);
        setPhase("refused");
        retry = setTimeout(() => setAttempt((n) => n + 1), outcome.retryAfterSeconds * 1000);
        return;
      }
      setPhase((p) => (p === "ended" ? p : "lost"));
    });
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [src, router, attempt]);

  useEffect(() => {
    if (phase !== "ended" && phase !== "lost" && phase !== "refused") return;
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
      {phase === "refused" ? (
        <p role="status" className="mt-1 text-xs text-zinc-500">
          {refusal}
        </p>
      ) : null}
    </li>
  );
}
