// OpenAI chat messages to the neutral TMessage the turn stores.
import type { TMessage, TToolCall } from "../providers/types";
import { ApiError } from "./api-error";
import type { TChatMessage } from "./schemas";

type TContent = string | Array<{ text: string }> | null | undefined;
type TConversational = { m: Exclude<TChatMessage, { role: "system" | "developer" }>; index: number };

const textOf = (content: TContent) => (typeof content === "string" ? content : (content ?? []).map((p) => p.text).join("\n"));

const invalid = (param: string, message: string) => new ApiError(400, message, { type: "invalid_request_error", param, code: "invalid_value" });

// System and developer messages are dropped: the agent answers with its own
// instructions, and a caller must not be able to replace them.
//
// With a conversation_id the stored conversation already holds the history
// (including the agent's answers), so only the last message, the user's new
// one, is appended; everything before it in the request is ignored.
export function toTurnMessages(messages: TChatMessage[], { continuing }: { continuing: boolean }): TMessage[] {
  const indexed = messages.map((m, index) => ({ m, index })).filter((x): x is TConversational => x.m.role !== "system" && x.m.role !== "developer");
  const last = indexed.at(-1);
  if (!last || last.m.role !== "user") throw invalid("messages", "The last message (other than system or developer) must be the user's.");
  const kept = continuing ? [last] : indexed;
  const toolNames = new Map<string, string>();
  return kept.map(({ m, index }) => {
    if (m.role === "user") return { role: "user", content: textOf(m.content) };
    if (m.role === "assistant") {
      const toolCalls: TToolCall[] = (m.tool_calls ?? []).map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
      toolCalls.forEach((c) => toolNames.set(c.id, c.name));
      return { role: "assistant", content: textOf(m.content), ...(toolCalls.length ? { toolCalls } : {}) };
    }
    const toolName = toolNames.get(m.tool_call_id);
    if (!toolName) throw invalid(`messages[${index}].tool_call_id`, "A tool message must answer a tool call of an earlier assistant message.");
    return { role: "tool", toolCallId: m.tool_call_id, toolName, content: textOf(m.content) };
  });
}
