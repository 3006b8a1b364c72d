// Anthropic Messages API (POST /anthropic/v1/messages).
import {
  blocks,
  prefillProblem,
  requestProblem,
  type TAnthropicMessage,
  type TAnthropicRequest,
  textOf,
  toolHistoryProblem,
  ZAnthropicRequest,
} from "./anthropic-request";
import { anthropicBody, anthropicError, anthropicEvents, renderAnthropic } from "./anthropic-wire";
import { countWords } from "./conversation";
import { instructedContinuation, prefillContinuation } from "./detect-continuation";
import type { TDialect } from "./dialect";
import { asSchema, buildTurn, type THistoryMessage, type TSimResponseFormat, type TSimTool, type TSimToolChoice, type TSimTurn } from "./turn";

// The AI SDK asks a model without native structured output for JSON through
// a forced tool of its own; the answer is that tool's input.
const JSON_TOOL = { name: "json", description: "Respond with a JSON object." };

type TToolSetup = Pick<TSimTurn, "tools" | "toolChoice" | "parallelToolCalls" | "responseFormat">;

const CHOICES: Record<"auto" | "any" | "none", TSimToolChoice> = { auto: { type: "auto" }, any: { type: "required" }, none: { type: "none" } };

function toolSetup({ tools = [], tool_choice: choice, output_config: output }: TAnthropicRequest): TToolSetup {
  const offered: TSimTool[] = tools.map((tool) => ({ name: tool.name, parameters: asSchema(tool.input_schema) }));
  const jsonTool = choice?.type === "any" ? tools.find((tool) => tool.name === JSON_TOOL.name && tool.description === JSON_TOOL.description) : undefined;
  if (jsonTool) {
    // The SDK has already narrowed the tools to the caller's choice and forced
    // "any" over them; among what is left the model chooses freely.
    return {
      tools: offered.filter((tool) => tool.name !== JSON_TOOL.name),
      toolChoice: { type: "auto" },
      parallelToolCalls: false,
      responseFormat: { type: "json_schema", schema: asSchema(jsonTool.input_schema), viaTool: JSON_TOOL.name },
    };
  }
  const format: TSimResponseFormat = output?.format ? { type: "json_schema", schema: asSchema(output.format.schema) } : { type: "text" };
  const toolChoice: TSimToolChoice = choice?.type === "tool" ? { type: "tool", name: choice.name } : CHOICES[choice?.type ?? "auto"];
  return { tools: offered, toolChoice, parallelToolCalls: choice?.disable_parallel_tool_use !== true, responseFormat: format };
}

// Text blocks only: a tool result is not something the user said.
function toHistory(messages: TAnthropicMessage[]): THistoryMessage[] {
  const all = messages.flatMap(blocks);
  const calledNames = new Map(all.filter((b) => b.type === "tool_use").map((b) => [b.id, b.name ?? "unknown"]));
  return messages.map((message) => {
    const content = blocks(message);
    const results = content.filter((b) => b.type === "tool_result");
    return {
      role: message.role,
      text: content.map((b) => (b.type === "text" ? (b.text ?? "") : "")).join(""),
      images: content.filter((b) => b.type === "image").length,
      toolCalls: content.filter((b) => b.type === "tool_use").map((b) => b.name ?? "unknown"),
      toolResults: results.map((b) => ({ name: calledNames.get(b.tool_use_id) ?? "unknown", content: textOf(b.content) })),
    };
  });
}

function toTurn(request: TAnthropicRequest): TSimTurn {
  const { messages } = request;
  const history = toHistory(messages);
  const words = messages.flatMap(blocks).reduce((n, b) => n + countWords(b.text ?? textOf(b.content)), countWords(textOf(request.system)));
  return buildTurn({
    model: request.model,
    stream: request.stream === true,
    includeUsage: true,
    history,
    continuing: prefillContinuation(history) ?? instructedContinuation(history),
    ...toolSetup(request),
    promptWords: words,
    maxTokens: request.max_tokens,
  });
}

export const anthropicDialect: TDialect = {
  vendor: "anthropic",
  route: (pathname) => (pathname === "/anthropic/v1/messages" ? {} : undefined),
  apiKey: (req) => {
    const key = req.headers["x-api-key"];
    return typeof key === "string" ? key : undefined;
  },
  parse(body) {
    const parsed = ZAnthropicRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${issue?.path.join(".") ?? "body"}: ${issue?.message ?? "malformed request"}`;
    }
    return requestProblem(parsed.data) ?? prefillProblem(parsed.data) ?? toolHistoryProblem(parsed.data.messages) ?? toTurn(parsed.data);
  },
  error: anthropicError,
  invalid: (message) => ({ status: 400, body: anthropicBody("invalid_request_error", message) }),
  filtered: () => ({ status: 400, body: anthropicBody("invalid_request_error", "Output blocked by content filtering policy") }),
  render: renderAnthropic,
  events: anthropicEvents,
  sseLineEnd: "\n",
  streamError: () => ({ event: "error", data: anthropicBody("overloaded_error", "Overloaded") }),
};
