// A conversation's messages as the messages table holds them: written by the
// submit (the caller's new messages) and the settle (the turn's answer and
// tool steps), read back by the claim as the history.
import type { TImage, TMessage, TToolCall } from "../providers/types";

export type TMessageRow = { role: string; content: string; toolCalls: unknown; toolCallId: string | null; toolName: string | null; images?: unknown };

function toRow(m: TMessage) {
  if (m.role === "user") return { role: "user", content: m.content, images: m.images?.length ? m.images : undefined };
  if (m.role === "assistant") return { role: "assistant", content: m.content, toolCalls: m.toolCalls?.length ? m.toolCalls : undefined };
  return { role: "tool", content: m.content, toolCallId: m.toolCallId, toolName: m.toolName };
}

// The parameter insertMessages reads. `i` keeps the messages in order: seq
// is assigned as the rows are inserted.
export const messagesJson = (messages: TMessage[]) => JSON.stringify(messages.map((m, i) => ({ ...toRow(m), i })));

// The INSERT of a turn's messages inside a statement that has a `turn` CTE
// (its id); the arguments name the statement's parameters for the
// organization, the conversation and messagesJson().
export function insertMessages({ orgId, conversationId, json }: { orgId: string; conversationId: string; json: string }) {
  return `INSERT INTO messages (id, org_id, conversation_id, turn_id, role, content, tool_calls, tool_call_id, tool_name, images)
     SELECT gen_random_uuid()::text, ${orgId}, ${conversationId}, turn.id, m.role, m.content, m."toolCalls", m."toolCallId", m."toolName", m.images
     FROM turn, jsonb_to_recordset(${json}::jsonb) AS m(i int, role text, content text, "toolCalls" jsonb, "toolCallId" text, "toolName" text, images jsonb)
     ORDER BY m.i`;
}

export function fromRow(row: TMessageRow): TMessage {
  if (row.role === "user") {
    const images = Array.isArray(row.images) ? (row.images as TImage[]) : [];
    return { role: "user", content: row.content, ...(images.length ? { images } : {}) };
  }
  if (row.role === "tool") return { role: "tool", content: row.content, toolCallId: row.toolCallId ?? "", toolName: row.toolName ?? "" };
  const toolCalls = Array.isArray(row.toolCalls) ? (row.toolCalls as TToolCall[]) : undefined;
  return { role: "assistant", content: row.content, ...(toolCalls?.length ? { toolCalls } : {}) };
}
