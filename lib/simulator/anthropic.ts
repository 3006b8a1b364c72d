// Anthropic Messages API (POST /anthropic/v1/messages).
import { z } from "zod";
import { countWords, type TSimTurn } from "./conversation";
import { lastUserText, prefillContinuation, type TPlainMessage } from "./detect-continuation";
import type { TDialect } from "./dialect";
import { anthropicBody, anthropicError, anthropicEvents, renderAnthropic } from "./anthropic-wire";

const ZText = z.looseObject({ type: z.literal("text"), text: z.string() });

const ZBlock = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  id: z.string().optional(),
  name: z.string().optional(),
  tool_use_id: z.string().optional(),
  content: z.union([z.string(), z.array(ZText)]).optional(),
});

const ZMessage = z.looseObject({
  role: z.enum(["user", "assistant"]),
  content: z.union([z.string(), z.array(ZBlock)]),
});

const ZRequest = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z.array(ZMessage).min(1),
  system: z.union([z.string(), z.array(ZText)]).optional(),
  tools: z.array(z.looseObject({ name: z.string() })).optional(),
  stream: z.boolean().optional(),
});

type TMessage = z.infer<typeof ZMessage>;
type TBlock = z.infer<typeof ZBlock>;

const TOOL_USE_ID = /^[a-zA-Z0-9_-]+$/;

function blocks(message: TMessage | undefined): TBlock[] {
  if (!message) return [];
  return typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
}

function textOf(content: string | Array<{ text?: string }> | undefined): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((block) => block.text ?? "").join("");
}

// Anthropic's own checks on tool history, in its own words.
function toolHistoryProblem(messages: TMessage[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    const uses = blocks(message).filter((b) => b.type === "tool_use");
    for (const [j, use] of uses.entries()) {
      if (!TOOL_USE_ID.test(use.id ?? "")) return `messages.${i}.content.${j}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`;
    }
    const previousIds = new Set(blocks(messages[i - 1]).filter((b) => b.type === "tool_use").map((b) => b.id));
    for (const [j, result] of blocks(message).entries()) {
      if (result.type === "tool_result" && !previousIds.has(result.tool_use_id)) {
        return `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${result.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
    }
    const answered = new Set(blocks(messages[i + 1]).filter((b) => b.type === "tool_result").map((b) => b.tool_use_id));
    const missing = uses.filter((use) => !answered.has(use.id)).map((use) => use.id);
    if (missing.length) {
      return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
  }
  return undefined;
}

// Only text blocks: a tool result is not something the user said.
function plain(message: TMessage): TPlainMessage {
  return { role: message.role, text: blocks(message).map((b) => (b.type === "text" ? b.text : "")).join("") };
}

function toTurn(request: z.infer<typeof ZRequest>, stream: boolean): TSimTurn {
  const { messages } = request;
  const allBlocks = messages.flatMap(blocks);
  const words = allBlocks.reduce((n, b) => n + countWords(b.text ?? textOf(b.content)), countWords(textOf(request.system)));
  const lastBlocks = blocks(messages.at(-1));
  const result = lastBlocks.findLast((b) => b.type === "tool_result");
  const plainMessages = messages.map(plain);
  const continuing = prefillContinuation(plainMessages);
  const turn: TSimTurn = {
    model: request.model,
    stream,
    includeUsage: true,
    lastUserText: lastUserText(plainMessages),
    ...(continuing ? { continuing } : {}),
    toolNames: (request.tools ?? []).map((tool) => tool.name),
    promptWords: words,
  };
  if (!result) return turn;
  const use = allBlocks.find((b) => b.type === "tool_use" && b.id === result.tool_use_id);
  return { ...turn, lastToolResult: { name: use?.name ?? "unknown", content: textOf(result.content) } };
}

export const anthropicDialect: TDialect = {
  vendor: "anthropic",
  route: (pathname) => (pathname === "/anthropic/v1/messages" ? {} : undefined),
  apiKey: (req) => {
    const key = req.headers["x-api-key"];
    return typeof key === "string" ? key : undefined;
  },
  parse(body) {
    const parsed = ZRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${issue?.path.join(".") ?? "body"}: ${issue?.message ?? "malformed request"}`;
    }
    return toolHistoryProblem(parsed.data.messages) ?? toTurn(parsed.data, parsed.data.stream === true);
  },
  error: anthropicError,
  invalid: (message) => ({ status: 400, body: anthropicBody("invalid_request_error", message) }),
  filtered: () => ({ status: 400, body: anthropicBody("invalid_request_error", "Output blocked by content filtering policy") }),
  render: renderAnthropic,
  events: anthropicEvents,
  sseLineEnd: "\n",
  streamError: () => ({ event: "error", data: anthropicBody("overloaded_error", "Overloaded") }),
};
