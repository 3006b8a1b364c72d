import type { Prisma } from "../db/client";
import type { TMessage, TToolCall } from "../providers/types";

type TRow = { role: string; content: string; toolCalls: Prisma.JsonValue | null; toolCallId: string | null; toolName: string | null };

export function fromRow(row: TRow): TMessage {
  if (row.role === "user") return { role: "user", content: row.content };
  if (row.role === "tool") return { role: "tool", content: row.content, toolCallId: row.toolCallId ?? "", toolName: row.toolName ?? "" };
  const toolCalls = Array.isArray(row.toolCalls) ? (row.toolCalls as TToolCall[]) : undefined;
  return { role: "assistant", content: row.content, ...(toolCalls?.length ? { toolCalls } : {}) };
}

const HISTORY_LIMIT = 200;

// The conversation up to and including this turn's own messages.
export async function loadHistory(tx: Prisma.TransactionClient, { orgId, conversationId }: { orgId: string; conversationId: string }) {
  const rows = await tx.message.findMany({
    where: { orgId, conversationId },
    orderBy: { seq: "desc" },
    take: HISTORY_LIMIT,
    select: { role: true, content: true, toolCalls: true, toolCallId: true, toolName: true },
  });
  return rows.reverse().map(fromRow);
}
