// OpenAI Chat Completions (POST /openai/v1/chat/completions), also the wire
// format OpenRouter and OpenAI-compatible servers speak.
import { z } from "zod";

import { countWords } from "./conversation";
import { instructedContinuation } from "./detect-continuation";
import type { TDialect } from "./dialect";
import { isImageDataUrl, isWebUrl } from "./image-source";
import { openAiError, openAiEvents, openAiFiltered, renderOpenAi } from "./openai-wire";
import { asSchema, buildTurn, type THistoryMessage, type TSimResponseFormat, type TSimToolChoice, type TSimTurn } from "./turn";

const ZPart = z.looseObject({ type: z.string(), text: z.string().optional(), image_url: z.looseObject({ url: z.string() }).optional() });

const ZContent = z.union([z.string(), z.array(ZPart), z.null()]);

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

const ZToolChoice = z.union([
  z.enum(["auto", "none", "required"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string().min(1) }) }),
]);

const ZResponseFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({ type: z.literal("json_schema"), json_schema: z.looseObject({ name: z.string().min(1), schema: z.unknown().optional() }) }),
]);

const ZRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(ZMessage).min(1),
  tools: z.array(z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string(), parameters: z.unknown().optional() }) })).optional(),
  tool_choice: ZToolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: ZResponseFormat.nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  seed: z.number().int().nullish(),
  user: z.string().nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});

type TRequest = z.infer<typeof ZRequest>;
type TMessage = z.infer<typeof ZMessage>;

const MAX_TOOL_CALL_ID = 40;
const MAX_STOP = 4;

function textOf(content: TMessage["content"]): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => part.text ?? "").join("");
}

const imagesOf = (content: TMessage["content"]) => (Array.isArray(content) ? content.filter((part) => part.type === "image_url") : []);

// OpenAI's checks on sampling parameters and images, in its own words.
function requestProblem({ temperature, stop, messages }: TRequest): string | undefined {
  if (temperature != null && (temperature < 0 || temperature > 2)) {
    return (
      `Invalid 'temperature': decimal ${temperature < 0 ? "below minimum" : "above maximum"} value. ` +
      `Expected a value ${temperature < 0 ? ">= 0" : "<= 2"}, but got ${temperature} instead.`
    );
  }
  if (Array.isArray(stop) && stop.length > MAX_STOP) {
    return `Invalid 'stop': array too long. Expected an array with maximum length ${MAX_STOP}, but got an array with length ${stop.length} instead.`;
  }
  for (const [i, message] of messages.entries()) {
    for (const [j, part] of (Array.isArray(message.content) ? message.content : []).entries()) {
      const url = part.image_url?.url;
      if (part.type !== "image_url" || (url && (isWebUrl(url) || isImageDataUrl(url)))) continue;
      return (
        `Invalid 'messages[${i}].content[${j}].image_url.url'. ` +
        "Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), " +
        "but got a value with an invalid format."
      );
    }
  }
  return undefined;
}

// The checks OpenAI makes on tool history, with its own wording, so a
// conversation translated badly from another vendor fails here as it would there.
function toolHistoryProblem(messages: TMessage[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    for (const [j, call] of (message.tool_calls ?? []).entries()) {
      if (call.id.length > MAX_TOOL_CALL_ID) {
        return (
          `Invalid 'messages[${i}].tool_calls[${j}].id': string too long. ` +
          `Expected a string with maximum length ${MAX_TOOL_CALL_ID}, but got a string with length ${call.id.length} instead.`
        );
      }
    }
    if (message.role === "tool") {
      const owner = messages.slice(0, i).findLast((m) => m.role !== "tool");
      const known = owner?.tool_calls?.some((call) => call.id === message.tool_call_id);
      if (!known) return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
    }
    if (message.tool_calls?.length) {
      const answered = new Set(
        messages
          .slice(i + 1)
          .filter((m) => m.role === "tool")
          .map((m) => m.tool_call_id),
      );
      const missing = message.tool_calls.filter((call) => !answered.has(call.id)).map((call) => call.id);
      if (missing.length) {
        return (
          "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
          `The following tool_call_ids did not have response messages: ${missing.join(", ")}`
        );
      }
    }
  }
  return undefined;
}

function toHistory(messages: TMessage[]): THistoryMessage[] {
  const calledNames = new Map(messages.flatMap((m) => m.tool_calls ?? []).map((call) => [call.id, call.function.name]));
  return messages.map((message) => {
    const text = textOf(message.content);
    if (message.role === "tool") {
      return { role: "other", text, toolResults: [{ name: calledNames.get(message.tool_call_id ?? "") ?? "unknown", content: text }] };
    }
    const role = message.role === "user" || message.role === "assistant" ? message.role : "other";
    return { role, text, images: imagesOf(message.content).length, toolCalls: (message.tool_calls ?? []).map((call) => call.function.name) };
  });
}

function toolChoice(choice: TRequest["tool_choice"]): TSimToolChoice {
  if (!choice) return { type: "auto" };
  return typeof choice === "string" ? { type: choice } : { type: "tool", name: choice.function.name };
}

function responseFormat(format: TRequest["response_format"]): TSimResponseFormat {
  if (format?.type === "json_schema") return { type: "json_schema", schema: asSchema(format.json_schema.schema) };
  return { type: format?.type ?? "text" };
}

function toTurn(request: TRequest): TSimTurn {
  const history = toHistory(request.messages);
  return buildTurn({
    model: request.model,
    stream: request.stream === true,
    includeUsage: request.stream_options?.include_usage === true,
    history,
    continuing: instructedContinuation(history),
    tools: (request.tools ?? []).map((tool) => ({ name: tool.function.name, parameters: asSchema(tool.function.parameters) })),
    toolChoice: toolChoice(request.tool_choice),
    parallelToolCalls: request.parallel_tool_calls !== false,
    responseFormat: responseFormat(request.response_format),
    promptWords: request.messages.reduce((n, m) => n + countWords(textOf(m.content)), 0),
    maxTokens: request.max_completion_tokens ?? request.max_tokens,
  });
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
    return requestProblem(parsed.data) ?? toolHistoryProblem(parsed.data.messages) ?? toTurn(parsed.data);
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
