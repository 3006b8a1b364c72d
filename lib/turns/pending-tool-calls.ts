// The tool calls of a conversation's last answer that still wait for their
// results: an API caller's tools, handed back for the caller to run.
import { db } from "../db/client";
import type { TToolCall } from "../providers/types";

// Results follow their calls, and parallel calls are at most a few dozen.
const LOOK_BACK = 64;

export async function pendingToolCalls({ orgId, conversationId }: { orgId: string; conversationId: string }): Promise<Map<string, string>> {
  const recent = await db.message.findMany({
    where: { orgId, conversationId },
    orderBy: { seq: "desc" },
    take: LOOK_BACK,
    select: { role: true, toolCalls: true, toolCallId: true },
  });
  const answered = new Set<string>();
  for (const message of recent) {
    if (message.role === "tool" && message.toolCallId) answered.add(message.toolCallId);
    if (message.role === "user") break;
    if (message.role === "assistant") {
      const calls = Array.isArray(message.toolCalls) ? (message.toolCalls as TToolCall[]) : [];
      return new Map(calls.filter((call) => !answered.has(call.id)).map((call) => [call.id, call.name]));
    }
  }
  return new Map();
}
