import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { AppError, notFound } from "../errors";
import { enqueueTurn } from "../queue/producers";
import type { TMessage } from "../providers/types";

type TSubmit = {
  orgId: string;
  agentId: string;
  userId?: string | null;
  source: "chat" | "api";
  // Continue this conversation, or start a new one.
  conversationId?: string | null;
  // New messages for this turn; the last one is the user's.
  messages: TMessage[];
};

// Persist first, enqueue second: a turn accepted while Redis is down stays
// queued in PostgreSQL and the reconciler enqueues it later.
export async function submitTurn(input: TSubmit) {
  const agent = await db.agent.findFirst({ where: { id: input.agentId, orgId: input.orgId }, select: { status: true, runningVersion: true, statusMessage: true } });
  if (!agent) throw notFound("Agent not found");
  if (agent.status === "stopped" || agent.status === "stopping") throw new AppError("CONFLICT", "Agent is stopped");
  if (agent.runningVersion === null) throw new AppError("CONFLICT", "Agent has not been started");
  if (agent.status === "error") throw new AppError("CONFLICT", `Agent has an error: ${agent.statusMessage ?? "restart it"}`);

  const last = input.messages.at(-1);
  if (!last || last.role !== "user") throw new AppError("INVALID_INPUT", "The last message must be the user's");

  // One batched transaction (one round trip, no interactive transaction
  // holding a connection): ids are chosen here so rows can reference each other.
  const conversationId = input.conversationId ?? randomUUID();
  if (input.conversationId) {
    const found = await db.conversation.count({ where: { id: input.conversationId, orgId: input.orgId, agentId: input.agentId } });
    if (!found) throw notFound("Conversation not found");
  }
  const turn = { id: randomUUID(), conversationId };
  const scope = { orgId: input.orgId, conversationId };
  await db.$transaction([
    input.conversationId
      ? db.conversation.update({ where: { id: conversationId, orgId: input.orgId }, data: { updatedAt: new Date() } })
      : db.conversation.create({ data: { id: conversationId, orgId: input.orgId, agentId: input.agentId, source: input.source, title: last.content.slice(0, 80), createdById: input.userId ?? null } }),
    db.turn.create({ data: { ...scope, id: turn.id, agentId: input.agentId } }),
    db.message.createMany({ data: input.messages.map((m) => ({ ...toRow(m), ...scope, turnId: turn.id })) }),
  ]);
  try {
    await enqueueTurn({ turnId: turn.id, orgId: input.orgId, agentId: input.agentId, conversationId });
    return { ...turn, enqueued: true };
  } catch (error) {
    // The chat keeps the turn for the reconciler; an API caller is told now
    // (503) and must not get a late answer to a request it may retry.
    if (input.source === "chat") return { ...turn, enqueued: false };
    await db.turn.updateMany({ where: { id: turn.id, state: "queued" }, data: { state: "failed", errorOutcome: "unavailable", errorMessage: "Queue unavailable", completedAt: new Date() } });
    throw error;
  }
}

export function toRow(m: TMessage) {
  if (m.role === "user") return { role: "user", content: m.content };
  if (m.role === "assistant") return { role: "assistant", content: m.content, toolCalls: m.toolCalls?.length ? m.toolCalls : undefined };
  return { role: "tool", content: m.content, toolCallId: m.toolCallId, toolName: m.toolName };
}
