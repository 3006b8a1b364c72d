import { exportResponse } from "@/lib/activity/export-events";
import { currentUserId } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

// "Export CSV" of the feed with the page's filters; signed-in members only.
export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return exportResponse({ userId: await currentUserId(), orgSlug: org, searchParams: new URL(request.url).searchParams });
}
