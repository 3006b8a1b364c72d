"use client";
import { useCallback, useReducer, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { Card, EmptyState, FormError, Notice } from "@/components/ui/feedback";
import type { TEventDto } from "@/lib/activity/event-dto";
import type { TFeedPage } from "@/lib/activity/feed-response";

import { EventItem } from "./event-item";
import { feedReducer } from "./feed-state";
import { useLiveEvents } from "./use-live-events";

type TProps = {
  // The JSON feed and the page's filters as a query string.
  apiPath: string;
  query: string;
  initial: TEventDto[];
  nextCursor: string | null;
  loadedAt: string;
  filtered: boolean;
};

// The feed as a person reads it: the server's first page, older pages
// appended by "Load more", newer events arriving live.
export function EventFeed({ apiPath, query, initial, nextCursor, loadedAt, filtered }: TProps) {
  const [state, dispatch] = useReducer(feedReducer, { events: initial, pending: [] });
  const [cursor, setCursor] = useState(nextCursor);
  const [loading, setLoading] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const top = useRef<HTMLDivElement>(null);

  const url = useCallback(
    (extra: Record<string, string>) => `${apiPath}?${new URLSearchParams([...new URLSearchParams(query), ...Object.entries(extra)])}`,
    [apiPath, query],
  );
  // New events go straight in only while the top of the feed is in view;
  // otherwise they wait behind the "N new events" button.
  const onEvents = useCallback((events: TEventDto[]) => dispatch({ kind: "arrived", events, show: (top.current?.getBoundingClientRect().top ?? 0) >= 0 }), []);
  const live = useLiveEvents({ url, newestAt: initial[0]?.at ?? loadedAt, onEvents });

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setLoadFailed(false);
    try {
      const response = await fetch(url({ cursor }), { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = (await response.json()) as TFeedPage;
      dispatch({ kind: "older", events: page.events });
      setCursor(page.nextCursor);
    } catch {
      setLoadFailed(true);
    } finally {
      setLoading(false);
    }
  }

  function reveal() {
    dispatch({ kind: "reveal" });
    top.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  const count = state.pending.length;
  return (
    <div className="space-y-4">
      <div ref={top} className="scroll-mt-4" />
      {live.paused ? <Notice tone="warning">Live updates paused — retrying</Notice> : null}
      {live.overflow ? (
        <Notice tone="warning">
          More events arrived at once than the live view shows.{" "}
          <button type="button" className="font-medium underline" onClick={() => window.location.reload()}>
            Reload to see them all
          </button>
        </Notice>
      ) : null}
      {count ? (
        <div className="sticky top-4 z-10 flex justify-center">
          <Button size="sm" className="rounded-full shadow-md" onClick={reveal}>
            {count === 1 ? "1 new event" : `${count} new events`}
          </Button>
        </div>
      ) : null}
      {state.events.length ? (
        <Card>
          <ul className="divide-y divide-zinc-100" aria-label="Activity">
            {state.events.map((e) => (
              <EventItem key={e.id} event={e} />
            ))}
          </ul>
        </Card>
      ) : count ? null : filtered ? (
        <EmptyState title="No events match these filters">Try a wider time range, or clear the filters.</EmptyState>
      ) : (
        <EmptyState title="No activity yet">Failovers, restarts and provider changes appear here as they happen, with what happened and why.</EmptyState>
      )}
      {loadFailed ? <FormError message="Could not load older events. Check your connection and try again." /> : null}
      {cursor ? (
        <Button variant="secondary" onClick={() => void loadMore()} disabled={loading} aria-busy={loading || undefined}>
          {loading ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </div>
  );
}
