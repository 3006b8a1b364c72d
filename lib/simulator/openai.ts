// OpenAI Chat Completions (POST /openai/v1/chat/completions), also the wire
// format OpenRouter and OpenAI-compatible servers speak.
import { z } from "zod";
import { countWords, type TSimTurn } from "./conversation";
import { instructedContinuation, lastUserText, type TPlainMessage } from "./detect-continuation";
import type { TDialect } from "./dialect";
import { openAiError, openAiEvents, openAiFiltered, renderOpenAi } from "./openai-wire";

const ZContent = z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() })), z.null()]);

const ZToolCall = z.looseObject({
  id: z.string().min(1),
  type: z.literal("function").optional(),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const ZMessage = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: ZContent.optional(),
  tool_calls: z.array(ZToolCall).optional(),
  tool_call_id: z.string().optional(),
});

const ZRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(ZMessage).min(1),
  tools: z.array(z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) })).optional(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});

type TMessage = z.infer<typeof ZMessage>;

const MAX_TOOL_CALL_ID = 40;

function textOf(content: TMessage["content"]): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => part.text ?? "").join("");
}

// The checks OpenAI makes on tool history, with its own wording, so a
// conversation translated badly from another vendor fails here as it would there.
function toolHistoryProblem(messages: TMessage[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    for (const [j, call] of (message.tool_calls ?? []).entries()) {
      if (call.id.length > MAX_TOOL_CALL_ID) {
        return `Invalid 'messages[${i}].tool_calls[${j}].id': string too long. Expected a string with maximum length ${MAX_TOOL_CALL_ID}, but got a string with length ${call.id.length} instead.`;
      }
    }
    if (message.role === "tool") {
      const owner = messages.slice(0, i).findLast((m) => m.role !== "tool");
      const known = owner?.tool_calls?.some((call) => call.id === message.tool_call_id);
      if (!known) return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
    }
    if (message.tool_calls?.length) {
      const answered = new Set(messages.slice(i + 1).filter((m) => m.role === "tool").map((m) => m.tool_call_id));
      const missing = message.tool_calls.filter((call) => !answered.has(call.id)).map((call) => call.id);
      if (missing.length) {
        return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(", ")}`;
      }
    }
  }
  return undefined;
}

function plain(message: TMessage): TPlainMessage {
  const role = message.role === "user" || message.role === "assistant" ? message.role : "other";
  return { role, text: textOf(message.content) };
}

function toTurn(request: z.infer<typeof ZRequest>): TSimTurn {
  const { messages } = request;
  const last = messages.at(-1);
  const plainMessages = messages.map(plain);
  const continuing = instructedContinuation(plainMessages);
  const turn: TSimTurn = {
    model: request.model,
    stream: request.stream === true,
    includeUsage: request.stream_options?.include_usage === true,
    lastUserText: lastUserText(plainMessages),
    ...(continuing ? { continuing } : {}),
    toolNames: (request.tools ?? []).map((tool) => tool.function.name),
    promptWords: messages.reduce((n, m) => n + countWords(textOf(m.content)), 0),
  };
  if (last?.role !== "tool") return turn;
  const call = messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
  return { ...turn, lastToolResult: { name: call?.function.name ?? "unknown", content: textOf(last.content) } };
}

export const openAiDialect: TDialect = {
  vendor: "openai",
  route: (pathname) => (pathname === "/openai/v1/chat/completions" ? {} : undefined),
  apiKey: (req) => /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1],
  parse(body) {
    const parsed = ZRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `Invalid '${issue?.path.join(".") ?? "body"}': ${issue?.message ?? "malformed request"}`;
    }
    return toolHistoryProblem(parsed.data.messages) ?? toTurn(parsed.data);
  },
  error: openAiError,
  invalid: (message) => ({
    status: 400,
    body: { error: { message, type: "invalid_request_error", param: null, code: null } },
  }),
  filtered: openAiFiltered,
  render: renderOpenAi,
  events: openAiEvents,
  sseLineEnd: "\n",
  streamError: () => ({
    data: { error: { message: "The server is overloaded or not ready yet.", type: "server_error", param: null, code: null } },
  }),
};
