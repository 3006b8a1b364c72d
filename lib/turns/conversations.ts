import type { TAgentScope } from "../agents/agent-scope";
import { db } from "../db/client";
import { notFound } from "../errors";
import { explainFailover } from "./explain-turn";

export async function listConversations({ orgId, agentId, take = 50 }: TAgentScope & { take?: number }) {
  return db.conversation.findMany({
    where: { orgId, agentId },
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, title: true, source: true, updatedAt: true },
  });
}

// A conversation grown through the API may hold thousands of turns: the Chat
// tab opens on the latest page and reads older ones page by page.
export const MESSAGES_PAGE = 50;

// The conversation as a person reads it: one page of their messages and the
// agent's answers (the latest, or those before message `before`), and for
// each of the page's turns whether it is still running, failed, or came from
// a backup. `earlier` is the cursor of the page before, if there is one.
export async function getConversation({
  orgId,
  agentId,
  conversationId,
  before,
  take = MESSAGES_PAGE,
}: TAgentScope & { conversationId: string; before?: number; take?: number }) {
  const conversation = await db.conversation.findFirst({ where: { id: conversationId, orgId, agentId }, select: { id: true, title: true } });
  if (!conversation) throw notFound("Conversation not found");
  const rows = await db.message.findMany({
    where: { orgId, conversationId, role: { in: ["user", "assistant"] }, ...(before === undefined ? {} : { seq: { lt: before } }) },
    orderBy: { seq: "desc" },
    take: take + 1,
    select: { id: true, seq: true, role: true, content: true, turnId: true, toolCalls: true },
  });
  const page = rows.slice(0, take).reverse();
  const turnIds = [...new Set(page.map((m) => m.turnId).filter((id): id is string => id !== null))];
  const turnRows = await db.turn.findMany({
    where: { orgId, conversationId, id: { in: turnIds } },
    select: {
      id: true,
      state: true,
      answer: true,
      answeredBy: true,
      failedOver: true,
      errorMessage: true,
      errorOutcome: true,
      attempts: { orderBy: { index: "asc" }, select: { label: true, outcome: true, status: true, skipped: true, corrective: true, delivered: true } },
    },
  });
  const turns = turnRows.map((t) => ({
    id: t.id,
    state: t.state,
    errorMessage: t.errorMessage,
    // What reached the person before a failed turn broke off mid-answer.
    partial: t.state === "failed" ? t.answer : null,
    failoverNote: t.failedOver && t.answeredBy ? explainFailover({ answeredBy: t.answeredBy, attempts: t.attempts }) : null,
  }));
  // Assistant messages that only carried tool calls are steps, not answers.
  const messages = page.filter((m) => m.role === "user" || m.content.trim() !== "" || !m.toolCalls);
  const earlier = rows.length > take && page[0] ? page[0].seq : null;
  return {
    id: conversation.id,
    title: conversation.title,
    messages: messages.map(({ toolCalls: _t, seq: _s, ...m }) => m),
    turns,
    earlier,
    paged: before !== undefined,
  };
}
export type TConversationView = Awaited<ReturnType<typeof getConversation>>;
