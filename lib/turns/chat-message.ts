// A message typed in the Chat tab. It takes from its organization's request
// allowance (ORG_API_RATE_LIMIT_PER_MINUTE), as an API request does, so the
// Chat tab is no way around the organization's limit; then it becomes a turn
// like any other. The action spec is shared by the web's action and the tests.
import type { z } from "zod";

import type { TAgentUserScope } from "../agents/agent-scope";
import { consumeOrgRateLimit } from "../api-keys/consume-rate-limit";
import type { TPermission } from "../auth/permissions";
import { env } from "../env";
import { AppError } from "../errors";
import { waitInWords } from "../quotas/sliding-window";
import { ZChatMessage } from "./schemas";
import { submitTurn } from "./submit-turn";

export async function sendChatMessage(scope: TAgentUserScope, input: z.infer<typeof ZChatMessage>) {
  const orgLimit = env().ORG_API_RATE_LIMIT_PER_MINUTE;
  const limit = await consumeOrgRateLimit({ orgId: scope.orgId, orgLimit });
  if (!limit.allowed) {
    throw new AppError(
      "RATE_LIMITED",
      `Your organization has sent ${orgLimit} messages in the last minute (the Chat tab and its API keys together), the most it may. Send this one again ${waitInWords(limit.retryAfterSeconds)}.`,
    );
  }
  const turn = await submitTurn({ ...scope, source: "chat", conversationId: input.conversationId, messages: [{ role: "user", content: input.message }] });
  return { conversationId: turn.conversationId };
}

// Members and above chat.
const CHAT_PERMISSION: TPermission = "agent:chat";
export const chatActionSpec = { permission: CHAT_PERMISSION, schema: ZChatMessage, run: sendChatMessage };
