"use server";
import { agentActions, type TAgentRef } from "@/app/_lib/define-action";
import { chatActionSpec } from "@/lib/turns/chat-message";

const chatTab = (ref: TAgentRef) => `/${ref.orgSlug}/agents/${ref.agentSlug}/chat`;

// The turn is answered by a worker. The redirect's render shows the message
// at once, and the pending turn's answer streams in live
// (components/chat/live-answer.tsx).
export const sendMessageAction = agentActions.formAction({
  ...chatActionSpec,
  input: (_text, form) => ({ message: form.get("message"), conversationId: form.get("conversationId") ?? undefined }),
  revalidate: chatTab,
  redirect: (ref, sent) => `${chatTab(ref)}?c=${sent.conversationId}`,
});
