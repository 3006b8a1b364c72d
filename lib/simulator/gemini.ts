// Google Gemini API (POST /google/v1beta/models/{model}:generateContent and
// :streamGenerateContent?alt=sse).
import type { IncomingMessage } from "node:http";

import { z } from "zod";

import { countWords } from "./conversation";
import { instructedContinuation } from "./detect-continuation";
import type { TDialect } from "./dialect";
import { geminiBody, geminiError, geminiEvents, renderGemini } from "./gemini-wire";
import { isBase64 } from "./image-source";
import { asSchema, buildTurn, type THistoryMessage, type TSimResponseFormat, type TSimTool, type TSimTurn } from "./turn";

const ZPart = z.looseObject({
  text: z.string().optional(),
  functionCall: z.looseObject({ id: z.string().optional(), name: z.string(), args: z.unknown().optional() }).optional(),
  functionResponse: z.looseObject({ id: z.string().optional(), name: z.string(), response: z.record(z.string(), z.unknown()).optional() }).optional(),
  inlineData: z.looseObject({ mimeType: z.string(), data: z.string() }).optional(),
  fileData: z.looseObject({ mimeType: z.string().optional(), fileUri: z.string().min(1) }).optional(),
});

const ZContent = z.looseObject({ role: z.enum(["user", "model"]).optional(), parts: z.array(ZPart) });

const ZFunction = z.looseObject({ name: z.string(), parameters: z.unknown().optional(), parametersJsonSchema: z.unknown().optional() });

const ZRequest = z.looseObject({
  contents: z.array(ZContent).min(1),
  systemInstruction: z.looseObject({ parts: z.array(ZPart) }).optional(),
  tools: z.array(z.looseObject({ functionDeclarations: z.array(ZFunction).optional() })).optional(),
  toolConfig: z
    .looseObject({ functionCallingConfig: z.looseObject({ mode: z.string().optional(), allowedFunctionNames: z.array(z.string()).optional() }).optional() })
    .optional(),
  generationConfig: z
    .looseObject({
      temperature: z.number().optional(),
      topP: z.number().optional(),
      stopSequences: z.array(z.string()).optional(),
      seed: z.number().int().optional(),
      maxOutputTokens: z.number().int().positive().optional(),
      responseMimeType: z.string().optional(),
      responseSchema: z.unknown().optional(),
      responseJsonSchema: z.unknown().optional(),
    })
    .optional(),
});

type TRequest = z.infer<typeof ZRequest>;
type TContent = z.infer<typeof ZContent>;
type TPart = z.infer<typeof ZPart>;

const ROUTE = /^\/google\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

const calls = (content: TContent | undefined) => (content?.parts ?? []).flatMap((p) => (p.functionCall ? [p.functionCall] : []));
const responses = (content: TContent | undefined) => (content?.parts ?? []).flatMap((p) => (p.functionResponse ? [p.functionResponse] : []));

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

const isImage = (part: TPart) => Boolean((part.inlineData ?? part.fileData)?.mimeType?.startsWith("image/"));

// Gemini rejects inline data that is not base64, in the words of its proto parser.
function inlineDataProblem(contents: TContent[]): string | undefined {
  for (const [i, content] of contents.entries()) {
    for (const [j, part] of content.parts.entries()) {
      const data = part.inlineData?.data;
      if (data !== undefined && !isBase64(data))
        return `Invalid value at 'contents[${i}].parts[${j}].inline_data.data' (TYPE_BYTES), Base64 decoding failed for "${data.slice(0, 20)}"`;
    }
  }
  return undefined;
}

// A content without a role is the user's, as Gemini reads it.
function toHistory(contents: TContent[]): THistoryMessage[] {
  return contents.map((content) => ({
    role: content.role === "model" ? "assistant" : "user",
    text: partText(content.parts),
    images: content.parts.filter(isImage).length,
    toolCalls: calls(content).map((call) => call.name),
    toolResults: responses(content).map(({ name, response }) => {
      const output = response?.content;
      return { name, content: typeof output === "string" ? output : JSON.stringify(response ?? {}) };
    }),
  }));
}

type TToolSetup = Pick<TSimTurn, "tools" | "toolChoice" | "parallelToolCalls">;

// ANY with a list of allowed names narrows the tools to those; with one name it forces that tool.
function toolSetup({ tools, toolConfig }: TRequest): TToolSetup {
  const declared: TSimTool[] = (tools ?? []).flatMap((tool) =>
    (tool.functionDeclarations ?? []).map((fn) => ({ name: fn.name, parameters: asSchema(fn.parametersJsonSchema ?? fn.parameters) })),
  );
  const { mode, allowedFunctionNames: allowed } = toolConfig?.functionCallingConfig ?? {};
  if (mode === "NONE") return { tools: declared, toolChoice: { type: "none" }, parallelToolCalls: true };
  if (mode !== "ANY") return { tools: declared, toolChoice: { type: "auto" }, parallelToolCalls: true };
  const [only, ...more] = allowed ?? [];
  if (only && !more.length) return { tools: declared, toolChoice: { type: "tool", name: only }, parallelToolCalls: true };
  const narrowed = allowed?.length ? declared.filter((tool) => allowed.includes(tool.name)) : declared;
  return { tools: narrowed, toolChoice: { type: "required" }, parallelToolCalls: true };
}

function responseFormat(config: TRequest["generationConfig"]): TSimResponseFormat {
  if (config?.responseMimeType !== "application/json") return { type: "text" };
  const schema = config.responseJsonSchema ?? config.responseSchema;
  return schema === undefined ? { type: "json_object" } : { type: "json_schema", schema: asSchema(schema) };
}

function toTurn(request: TRequest, route: { model?: string; stream?: boolean }): TSimTurn {
  const { contents } = request;
  const history = toHistory(contents);
  return buildTurn({
    model: route.model ?? "",
    stream: route.stream === true,
    includeUsage: true,
    history,
    continuing: instructedContinuation(history),
    ...toolSetup(request),
    responseFormat: responseFormat(request.generationConfig),
    promptWords: [...contents, request.systemInstruction].reduce((n, c) => n + countWords(partText(c?.parts ?? [])), 0),
    maxTokens: request.generationConfig?.maxOutputTokens,
  });
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
    return inlineDataProblem(parsed.data.contents) ?? toolHistoryProblem(parsed.data.contents) ?? toTurn(parsed.data, route);
  },
  error: geminiError,
  invalid: (message) => ({ status: 400, body: geminiBody(400, "INVALID_ARGUMENT", message) }),
  filtered: () => undefined,
  render: renderGemini,
  events: geminiEvents,
  sseLineEnd: "\r\n",
  streamError: () => ({ data: geminiBody(503, "UNAVAILABLE", "The model is overloaded. Please try again later.") }),
};
