import { currentUserId } from "@/lib/auth/session";
import { liveAnswerResponse } from "@/lib/turns/live-answer-response";

export const dynamic = "force-dynamic";

// The Chat tab's live answer as server-sent events; signed-in members only.
// A browser that leaves only stops reading: the turn goes on.
export async function GET(request: Request, { params }: { params: Promise<{ org: string; agent: string; turn: string }> }) {
  const { org, agent, turn } = await params;
  return liveAnswerResponse({ userId: await currentUserId(), orgSlug: org, agentSlug: agent, turnId: turn, signal: request.signal });
}
