import { db } from "../db/client";
import { notFound } from "../errors";
import { explainFailover } from "./explain-turn";

export async function listConversations({ orgId, agentId, take = 50 }: { orgId: string; agentId: string; take?: number }) {
  return db.conversation.findMany({
    where: { orgId, agentId },
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, title: true, source: true, updatedAt: true },
  });
}

// The conversation as a person reads it: their messages, the agent's answers,
// and for each turn whether it is still running, failed, or came from a backup.
export async function getConversation({ orgId, agentId, conversationId }: { orgId: string; agentId: string; conversationId: string }) {
  const conversation = await db.conversation.findFirst({
    where: { id: conversationId, orgId, agentId },
    select: {
      id: true,
      title: true,
      messages: { where: { role: { in: ["user", "assistant"] } }, orderBy: { seq: "asc" }, select: { id: true, role: true, content: true, turnId: true, toolCalls: true } },
      turns: {
        orderBy: { createdAt: "asc" },
        select: { id: true, state: true, answer: true, answeredBy: true, failedOver: true, errorMessage: true, errorOutcome: true, attempts: { orderBy: { index: "asc" }, select: { label: true, outcome: true, status: true, skipped: true, delivered: true } } },
      },
    },
  });
  if (!conversation) throw notFound("Conversation not found");
  const turns = conversation.turns.map((t) => ({
    id: t.id,
    state: t.state,
    errorMessage: t.errorMessage,
    // What reached the person before a failed turn broke off mid-answer.
    partial: t.state === "failed" ? t.answer : null,
    failoverNote: t.failedOver && t.answeredBy ? explainFailover({ answeredBy: t.answeredBy, attempts: t.attempts }) : null,
  }));
  // Assistant messages that only carried tool calls are steps, not answers.
  const messages = conversation.messages.filter((m) => m.role === "user" || m.content.trim() !== "" || !m.toolCalls);
  return { id: conversation.id, title: conversation.title, messages: messages.map(({ toolCalls: _t, ...m }) => m), turns };
}
export type TConversationView = Awaited<ReturnType<typeof getConversation>>;
