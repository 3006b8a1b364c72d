// The JSON behind "Load more" and live updates: one page of events as the
// feed shows them, with the same filters as the page.
import { errorResponse } from "../api/api-error";
import { type TEventDto, toEventDto } from "./event-dto";
import { parseInstant } from "./feed-filter";
import { resolveFeedScope } from "./feed-scope";
import { decodeCursor, listEvents } from "./list-events";

export type TFeedPage = { events: TEventDto[]; nextCursor: string | null };

// Live updates ask for everything since an instant; more than this in one
// poll and the answer says so (nextCursor set) instead of growing unbounded.
const LIVE_LIMIT = 200;

export async function feedResponse({
  userId,
  orgSlug,
  searchParams,
}: {
  userId: string | null;
  orgSlug: string;
  searchParams: URLSearchParams;
}): Promise<Response> {
  try {
    const { ctx, filter, agentSlug } = await resolveFeedScope({ userId, orgSlug, searchParams, now: new Date() });
    const since = parseInstant(searchParams.get("since") ?? undefined);
    const page = since
      ? await listEvents({ orgId: ctx.orgId, filter, since, take: LIVE_LIMIT })
      : await listEvents({ orgId: ctx.orgId, filter, cursor: decodeCursor(searchParams.get("cursor")) });
    const body: TFeedPage = { events: page.events.map((e) => toEventDto(e, { orgSlug: ctx.orgSlug, showAgent: !agentSlug })), nextCursor: page.nextCursor };
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
