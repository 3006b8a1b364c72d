// OpenAI chat messages to the neutral TMessage the turn stores.
import type { TImage, TMessage, TToolCall } from "../providers/types";
import { ApiError } from "./api-error";
import type { TCompletionMessage } from "./schemas";

type TConversationalMessage = Exclude<TCompletionMessage, { role: "system" | "developer" }>;
type TConversational = { m: TConversationalMessage; index: number };
type TContent = TCompletionMessage["content"];

// The text of any message's content, its text parts joined; images aside.
export const textOf = (content: TContent) =>
  typeof content === "string" ? content : (content ?? []).flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");

const imagesOf = (content: TContent): TImage[] =>
  typeof content === "string" || !content ? [] : content.flatMap((p) => (p.type === "image_url" ? [{ url: p.image_url.url }] : []));

const invalid = (param: string, message: string) => new ApiError(400, message, { type: "invalid_request_error", param, code: "invalid_value" });

// The messages this request adds: a user's new message, or the results of
// the tool calls the agent's last answer handed back.
function newMessages(indexed: TConversational[]): TConversational[] {
  const last = indexed.at(-1);
  if (!last || (last.m.role !== "user" && last.m.role !== "tool")) {
    throw invalid(
      "messages",
      "The last message (other than system or developer) must be the user's, or the results of the tool calls of the assistant message before it.",
    );
  }
  if (last.m.role === "user") return [last];
  const firstResult = indexed.findLastIndex(({ m }) => m.role !== "tool") + 1;
  return indexed.slice(firstResult);
}

// Every tool call must be answered before the conversation moves on, as the
// vendors require; a backup would refuse the history otherwise.
function checkAnswered(kept: TConversational[]): void {
  kept.forEach(({ m, index }, position) => {
    if (m.role !== "assistant" || !m.tool_calls?.length) return;
    const following = kept.slice(position + 1);
    const end = following.findIndex(({ m: next }) => next.role !== "tool");
    const answered = new Set((end < 0 ? following : following.slice(0, end)).map(({ m: next }) => (next.role === "tool" ? next.tool_call_id : "")));
    const missing = m.tool_calls.find((call) => !answered.has(call.id));
    if (missing)
      throw invalid(
        `messages[${index}].tool_calls`,
        `Tool call "${missing.id}" has no tool message answering it; send one right after this assistant message.`,
      );
  });
}

/**
 * System and developer messages never become conversation messages: the
 * agent answers with its own instructions (callers' system text, when the
 * agent allows it, travels in the turn's options).
 *
 * With a conversation_id the stored conversation already holds the history,
 * including the agent's answers, so only the new messages are appended: the
 * user's last one, or the tool results that close the request.
 * `storedToolCalls` names the calls of the conversation's last stored answer,
 * by id, for tool results whose assistant message the request leaves out.
 */
export function toTurnMessages(
  messages: TCompletionMessage[],
  { continuing, storedToolCalls = new Map() }: { continuing: boolean; storedToolCalls?: Map<string, string> },
): TMessage[] {
  const indexed = messages.map((m, index) => ({ m, index })).filter((x): x is TConversational => x.m.role !== "system" && x.m.role !== "developer");
  const added = newMessages(indexed);
  const kept = continuing ? added : indexed;
  if (!continuing) checkAnswered(kept);
  const toolNames = new Map(storedToolCalls);
  for (const { m } of indexed) if (m.role === "assistant") for (const call of m.tool_calls ?? []) toolNames.set(call.id, call.function.name);
  return kept.map(({ m, index }) => {
    if (m.role === "user") {
      const images = imagesOf(m.content);
      return { role: "user", content: textOf(m.content), ...(images.length ? { images } : {}) };
    }
    if (m.role === "assistant") {
      const toolCalls: TToolCall[] = (m.tool_calls ?? []).map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
      return { role: "assistant", content: textOf(m.content), ...(toolCalls.length ? { toolCalls } : {}) };
    }
    const toolName = toolNames.get(m.tool_call_id);
    if (!toolName) throw invalid(`messages[${index}].tool_call_id`, "A tool message must answer a tool call of an earlier assistant message.");
    return { role: "tool", toolCallId: m.tool_call_id, toolName, content: textOf(m.content) };
  });
}
