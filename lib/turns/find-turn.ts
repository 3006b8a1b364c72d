// The turn behind the Chat tab's live answer, as PostgreSQL has it. Scoped to
// the caller's organization and the agent in the URL: a turn of another
// organization, or of another agent, is not found.
import { db } from "../db/client";

const LIVE_TURN_SELECT = {
  id: true,
  state: true,
  answeredBy: true,
  failedOver: true,
  errorOutcome: true,
  errorStatus: true,
  errorMessage: true,
  inputTokens: true,
  outputTokens: true,
  finishReason: true,
} as const;

export async function findTurn({ orgId, agentSlug, turnId }: { orgId: string; agentSlug: string; turnId: string }) {
  return db.turn.findFirst({
    where: { id: turnId, orgId, conversation: { orgId, agent: { orgId, slug: agentSlug } } },
    select: LIVE_TURN_SELECT,
  });
}
