// Google Gemini API (POST /google/v1beta/models/{model}:generateContent and
// :streamGenerateContent?alt=sse).
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { countWords, type TSimTurn } from "./conversation";
import { instructedContinuation, lastUserText, type TPlainMessage } from "./detect-continuation";
import type { TDialect } from "./dialect";
import { geminiBody, geminiError, geminiEvents, renderGemini } from "./gemini-wire";

const ZPart = z.looseObject({
  text: z.string().optional(),
  functionCall: z.looseObject({ id: z.string().optional(), name: z.string(), args: z.unknown().optional() }).optional(),
  functionResponse: z
    .looseObject({ id: z.string().optional(), name: z.string(), response: z.record(z.string(), z.unknown()).optional() })
    .optional(),
});

const ZContent = z.looseObject({ role: z.enum(["user", "model"]).optional(), parts: z.array(ZPart) });

const ZRequest = z.looseObject({
  contents: z.array(ZContent).min(1),
  systemInstruction: z.looseObject({ parts: z.array(ZPart) }).optional(),
  tools: z.array(z.looseObject({ functionDeclarations: z.array(z.looseObject({ name: z.string() })).optional() })).optional(),
});

type TContent = z.infer<typeof ZContent>;
type TPart = z.infer<typeof ZPart>;

const ROUTE = /^\/google\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

const calls = (content: TContent | undefined) => (content?.parts ?? []).flatMap((p) => (p.functionCall ? [p.functionCall] : []));
const responses = (content: TContent | undefined) =>
  (content?.parts ?? []).flatMap((p) => (p.functionResponse ? [p.functionResponse] : []));

// Gemini's checks on function-calling history, in its own words. Ids are
// optional on Gemini; when both sides carry one they must agree.
function toolHistoryProblem(contents: TContent[]): string | undefined {
  for (const [i, content] of contents.entries()) {
    const previous = contents[i - 1];
    if (calls(content).length && previous && previous.role !== "user") {
      return "Please ensure that function call turn comes immediately after a user turn or after a function response turn.";
    }
    const answers = responses(content);
    if (!answers.length) continue;
    const asked = calls(previous);
    if (!asked.length) return "Please ensure that function response turn comes immediately after a function call turn.";
    if (asked.length !== answers.length) {
      return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
    }
    const mismatch = answers.find((answer, k) => answer.name !== asked[k]?.name || (answer.id && asked[k]?.id && answer.id !== asked[k]?.id));
    if (mismatch) return `Function response ${mismatch.name} does not match the function call at the same position of the function call turn.`;
  }
  return undefined;
}

function partText(parts: TPart[]): string {
  return parts.map((p) => p.text ?? "").join("");
}

// A content without a role is the user's, as Gemini reads it.
const plain = (content: TContent): TPlainMessage => ({ role: content.role === "model" ? "assistant" : "user", text: partText(content.parts) });

function toTurn(request: z.infer<typeof ZRequest>, route: { model?: string; stream?: boolean }): TSimTurn {
  const { contents } = request;
  const lastParts = contents.at(-1)?.parts ?? [];
  const response = lastParts.findLast((p) => p.functionResponse)?.functionResponse;
  const plainContents = contents.map(plain);
  const continuing = instructedContinuation(plainContents);
  const turn: TSimTurn = {
    model: route.model ?? "",
    stream: route.stream === true,
    includeUsage: true,
    lastUserText: lastUserText(plainContents),
    ...(continuing ? { continuing } : {}),
    toolNames: (request.tools ?? []).flatMap((tool) => (tool.functionDeclarations ?? []).map((fn) => fn.name)),
    promptWords: [...contents, request.systemInstruction].reduce((n, c) => n + countWords(partText(c?.parts ?? [])), 0),
  };
  if (!response) return turn;
  const output = response.response?.content;
  const content = typeof output === "string" ? output : JSON.stringify(response.response ?? {});
  return { ...turn, lastToolResult: { name: response.name, content } };
}

function apiKey(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const header = req.headers["x-goog-api-key"];
  return typeof header === "string" ? header : (query.get("key") ?? undefined);
}

export const geminiDialect: TDialect = {
  vendor: "google",
  route(pathname, query) {
    const match = ROUTE.exec(pathname);
    if (!match) return undefined;
    const stream = match[2] === "streamGenerateContent";
    return { model: decodeURIComponent(match[1] ?? ""), stream, sse: stream && query.get("alt") === "sse" };
  },
  apiKey,
  parse(body, route) {
    const parsed = ZRequest.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `Invalid JSON payload received. ${issue?.path.join(".") ?? "body"}: ${issue?.message ?? "malformed request"}`;
    }
    return toolHistoryProblem(parsed.data.contents) ?? toTurn(parsed.data, route);
  },
  error: geminiError,
  invalid: (message) => ({ status: 400, body: geminiBody(400, "INVALID_ARGUMENT", message) }),
  filtered: () => undefined,
  render: renderGemini,
  events: geminiEvents,
  sseLineEnd: "\r\n",
  streamError: () => ({ data: geminiBody(503, "UNAVAILABLE", "The model is overloaded. Please try again later.") }),
};
