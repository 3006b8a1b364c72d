"use server";
import { agentActions, type TAgentRef } from "@/app/_lib/define-action";
import { ZChatMessage } from "@/lib/turns/schemas";
import { submitTurn } from "@/lib/turns/submit-turn";

const chatTab = (ref: TAgentRef) => `/${ref.orgSlug}/agents/${ref.agentSlug}/chat`;

// Members and above chat; the turn is answered by a worker. The redirect's
// render shows the message at once, and the pending turn's answer streams in
// live (components/chat/live-answer.tsx).
export const sendMessageAction = agentActions.formAction({
  permission: "agent:chat",
  schema: ZChatMessage,
  input: (_text, form) => ({ message: form.get("message"), conversationId: form.get("conversationId") ?? undefined }),
  run: async (scope, input) => {
    const turn = await submitTurn({ ...scope, source: "chat", conversationId: input.conversationId, messages: [{ role: "user", content: input.message }] });
    return { conversationId: turn.conversationId };
  },
  revalidate: chatTab,
  redirect: (ref, sent) => `${chatTab(ref)}?c=${sent.conversationId}`,
});
