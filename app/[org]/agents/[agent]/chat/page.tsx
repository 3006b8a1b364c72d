import { z } from "zod";

import { ConversationList } from "@/components/chat/conversation-list";
import { ConversationView } from "@/components/chat/conversation-view";
import { MessageBox } from "@/components/chat/message-box";
import { EmptyState, Notice } from "@/components/ui/feedback";
import { can } from "@/lib/auth/permissions";
import { getConversation, listConversations } from "@/lib/turns/conversations";

import { loadAgent, type TAgentParams } from "../load-agent";
import { sendMessageAction } from "./actions";

// `before`: the cursor of an older page of the conversation ("Earlier messages").
const ZBefore = z.coerce.number().int().positive().optional();

export default async function AgentChatPage({ params, searchParams }: TAgentParams & { searchParams: Promise<{ c?: string; before?: string }> }) {
  const [{ org, agent: slug }, { c, before: beforeParam }] = await Promise.all([params, searchParams]);
  const before = ZBefore.safeParse(beforeParam).data;
  const { ctx, agent } = await loadAgent(org, slug);
  const conversations = await listConversations({ orgId: ctx.orgId, agentId: agent.id });
  const conversation = c ? await getConversation({ orgId: ctx.orgId, agentId: agent.id, conversationId: c, before }).catch(() => null) : null;
  const mayChat = can(ctx.role, "agent:chat");
  const base = `/${org}/agents/${slug}/chat`;
  const answering = agent.status === "running" || agent.status === "starting";

  return (
    <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
      <ConversationList base={base} current={conversation?.id} conversations={conversations} />
      <section aria-label="Chat" className="min-w-0 space-y-4">
        {c && !conversation ? <Notice tone="warning">That conversation does not exist. Start a new one below.</Notice> : null}
        {conversation ? (
          <ConversationView
            conversation={conversation}
            href={`${base}?c=${conversation.id}`}
            showFailover={mayChat}
            streamBase={`/api/orgs/${org}/agents/${slug}/turns`}
          />
        ) : (
          <EmptyState title={conversations.length ? "New conversation" : "No conversations yet"}>
            Talk to {agent.name} as your customers do. Each answer shows when a backup provider stepped in and why.
          </EmptyState>
        )}
        {!answering ? (
          <Notice tone="warning">
            {agent.name} is {agent.displayStatus.replace("_", " ")}: start it to chat.
          </Notice>
        ) : null}
        {mayChat ? (
          <MessageBox action={sendMessageAction.bind(null, { orgSlug: org, agentSlug: slug })} conversationId={conversation?.id} />
        ) : (
          <p className="text-sm text-zinc-500">Viewers can read conversations; members and above can chat.</p>
        )}
      </section>
    </div>
  );
}
