import { EVENT_LABELS } from "@/lib/activity/describe-event";
import { feedQueryString, isFiltered, type TFeedQuery } from "@/lib/activity/feed-filter";
import type { TFeed } from "@/lib/activity/load-feed";

import { EventFeed } from "./event-feed";
import { FilterForm, type TFilterValues } from "./filter-form";

const TYPE_OPTIONS = Object.entries(EVENT_LABELS).map(([value, label]) => ({ value, label }));
// datetime-local shows minutes; the form reads them as UTC.
const local = (date?: Date) => (date ? date.toISOString().slice(0, 16) : "");

function formValues(query: TFeedQuery): TFilterValues {
  return {
    type: query.type ?? "",
    severity: query.severity ?? "",
    agent: query.agent ?? "",
    provider: query.provider ?? "",
    range: query.range,
    from: local(query.from),
    to: local(query.to),
  };
}

// Filters, export and the live feed, for the org page (with the agent
// filter) and an agent's tab (scoped to it). Keyed by the filters, so a new
// filter starts a fresh feed.
export function ActivityFeed({ orgSlug, basePath, feed, agentFilter }: { orgSlug: string; basePath: string; feed: TFeed; agentFilter: boolean }) {
  const query = feedQueryString(feed.query);
  const filtered = isFiltered({ ...feed.query, agent: agentFilter ? feed.query.agent : undefined });
  const api = `/api/orgs/${orgSlug}/activity`;
  return (
    <>
      <FilterForm
        key={`form?${query}`}
        basePath={basePath}
        values={formValues(feed.query)}
        types={TYPE_OPTIONS}
        agents={agentFilter ? feed.options.agents : null}
        providers={feed.options.providers}
        exportHref={`${api}/export${query ? `?${query}` : ""}`}
        filtered={filtered}
      />
      <EventFeed
        key={`feed?${query}`}
        apiPath={api}
        query={query}
        initial={feed.events}
        nextCursor={feed.nextCursor}
        loadedAt={feed.loadedAt}
        filtered={filtered}
      />
    </>
  );
}
