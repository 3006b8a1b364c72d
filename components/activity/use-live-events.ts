"use client";
import { useEffect, useRef, useState } from "react";

import type { TEventDto } from "@/lib/activity/event-dto";
import type { TFeedPage } from "@/lib/activity/feed-response";

const POLL_MS = 3000;
// Events are written by transactions that may commit slightly out of
// createdAt order: each poll looks this far behind the newest event seen.
const OVERLAP_MS = 10_000;

// Short polling for events newer than the newest seen, with the page's
// filters; paused while the tab is hidden. `paused`: the last poll failed (it
// keeps retrying). `overflow`: a poll returned more than one answer holds.
export function useLiveEvents({
  url,
  newestAt,
  onEvents,
}: {
  url: (extra: Record<string, string>) => string;
  newestAt: string;
  onEvents: (events: TEventDto[]) => void;
}) {
  const [paused, setPaused] = useState(false);
  const [overflow, setOverflow] = useState(false);
  const newest = useRef(newestAt);
  const latest = useRef({ url, onEvents });
  useEffect(() => {
    latest.current = { url, onEvents };
  });

  useEffect(() => {
    let busy = false;
    let active = true;
    async function poll() {
      if (busy || document.hidden) return;
      busy = true;
      try {
        const since = new Date(Date.parse(newest.current) - OVERLAP_MS).toISOString();
        const response = await fetch(latest.current.url({ since }), { cache: "no-store" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const page = (await response.json()) as TFeedPage;
        if (!active) return;
        const top = page.events[0];
        if (top && top.at > newest.current) newest.current = top.at;
        latest.current.onEvents(page.events);
        setPaused(false);
        if (page.nextCursor) setOverflow(true);
      } catch {
        if (active) setPaused(true);
      } finally {
        busy = false;
      }
    }
    const timer = setInterval(() => void poll(), POLL_MS);
    const onVisible = () => {
      if (!document.hidden) void poll();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      active = false;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);
  return { paused, overflow };
}
