import { feedResponse } from "@/lib/activity/feed-response";
import { currentUserId } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

// The activity feed as JSON for "Load more" and live updates; signed-in members only.
export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return feedResponse({ userId: await currentUserId(), orgSlug: org, searchParams: new URL(request.url).searchParams });
}
