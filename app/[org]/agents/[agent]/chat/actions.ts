"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUserId } from "@/lib/auth/session";
import { runAgentAction } from "@/lib/auth/agent-action";
import type { TActionResult } from "@/lib/auth/action-result";
import { submitTurn } from "@/lib/turns/submit-turn";
import { ZChatMessage } from "@/lib/turns/schemas";

type TRef = { orgSlug: string; agentSlug: string };

// Members and above chat; the turn is answered by a worker. The redirect's
// render shows the message at once, and the pending turn's answer streams in
// live (components/chat/live-answer.tsx).
export async function sendMessageAction(ref: TRef, _prev: TActionResult<{ conversationId: string }>, form: FormData): Promise<TActionResult<{ conversationId: string }>> {
  const result = await runAgentAction({
    userId: await currentUserId(),
    ...ref,
    permission: "agent:chat",
    schema: ZChatMessage,
    input: { message: form.get("message"), conversationId: form.get("conversationId") ?? undefined },
    run: async (scope, input) => {
      const turn = await submitTurn({
        ...scope,
        source: "chat",
        conversationId: input.conversationId,
        messages: [{ role: "user", content: input.message }],
      });
      return { conversationId: turn.conversationId };
    },
  });
  if (!result.ok) return result;
  const path = `/${ref.orgSlug}/agents/${ref.agentSlug}/chat`;
  revalidatePath(path);
  redirect(`${path}?c=${result.data.conversationId}`);
}
