// Neutral conversation history (TMessage[]) to the AI SDK's prompt format,
// which each vendor package then writes in its own wire format. Tool-call
// ids are rewritten here when the target vendor would reject them, the same
// way on the call and on its result, so the pair still matches.
import { createHash } from "node:crypto";

import type { LanguageModelV4FilePart, LanguageModelV4FunctionTool, LanguageModelV4Message, LanguageModelV4Prompt } from "@ai-sdk/provider";

import { formatNote } from "./call-options";
import { continuationMessages, preferredForm, type TContinuationForm } from "./continuation";
import type { TChatRequest, TImage, TMessage, TToolSpec, TVendor } from "./types";

// OpenAI rejects tool-call ids longer than 40 characters.
const OPENAI_MAX_ID = 40;
// Anthropic only accepts ids matching ^[a-zA-Z0-9_-]+$.
const ANTHROPIC_ID = /^[a-zA-Z0-9_-]+$/;

const shortHash = (id: string) => createHash("sha256").update(id).digest("hex").slice(0, 12);

/**
 * The id a tool call carries on a vendor's wire. Ids from another vendor are
 * kept when valid; otherwise replaced by a deterministic, collision-resistant
 * form. Gemini takes any id (its own answers carry none, the SDK makes one up).
 */
export function wireToolCallId(id: string, vendor: TVendor): string {
  if (vendor === "anthropic") return ANTHROPIC_ID.test(id) ? id : `${id.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 40)}_${shortHash(id)}`;
  if (vendor === "google") return id;
  return id.length <= OPENAI_MAX_ID ? id : `call_${shortHash(id)}`;
}

// Arguments are stored as the raw text the model sent; vendors want an object
// back in history, and a call whose arguments never parsed has none to give.
function argumentsObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,(.*)$/s;

// Gemini wants the full media type of an image it fetches; the name says it
// or, as most images on the web are, it is a JPEG.
function urlMediaType(url: URL): string {
  const extension = /\.(png|gif|webp|jpe?g)$/i.exec(url.pathname)?.[1]?.toLowerCase();
  if (!extension || extension.startsWith("jp")) return "image/jpeg";
  return `image/${extension}`;
}

// A data URL travels as its bytes (base64), an https URL as a URL the vendor
// fetches itself: the adapters never download it on our side.
function imagePart(image: TImage): LanguageModelV4FilePart {
  const inline = DATA_URL.exec(image.url);
  if (inline) return { type: "file", mediaType: inline[1]!, data: { type: "data", data: inline[2]! } };
  const url = new URL(image.url);
  return { type: "file", mediaType: urlMediaType(url), data: { type: "url", url } };
}

function toMessage(message: TMessage, vendor: TVendor): LanguageModelV4Message | undefined {
  switch (message.role) {
    case "user": {
      const text = message.content ? [{ type: "text" as const, text: message.content }] : [];
      return { role: "user", content: [...text, ...(message.images ?? []).map(imagePart)] };
    }
    case "assistant": {
      const text = message.content ? [{ type: "text" as const, text: message.content }] : [];
      const calls = (message.toolCalls ?? []).map((call) => ({
        type: "tool-call" as const,
        toolCallId: wireToolCallId(call.id, vendor),
        toolName: call.name,
        input: argumentsObject(call.arguments),
      }));
      // Vendors reject an assistant turn with no content at all (e.g. a stored empty answer).
      return text.length || calls.length ? { role: "assistant", content: [...text, ...calls] } : undefined;
    }
    case "tool":
      return {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: wireToolCallId(message.toolCallId, vendor),
            toolName: message.toolName,
            output: { type: "text", value: message.content },
          },
        ],
      };
  }
}

// A broken-off answer (continueFrom) is continued in the form the vendor
// supports best (continuation.ts), unless the caller names another.
export function toPrompt(
  request: Pick<TChatRequest, "vendor" | "system" | "messages" | "continueFrom" | "responseFormat">,
  form: TContinuationForm = preferredForm(request.vendor),
): LanguageModelV4Prompt {
  const system = [request.system, formatNote(request.responseFormat, request.vendor)].filter(Boolean).join("\n\n");
  const prompt: LanguageModelV4Prompt = system ? [{ role: "system", content: system }] : [];
  const messages = request.continueFrom ? [...request.messages, ...continuationMessages(form, request.continueFrom)] : request.messages;
  for (const message of messages) {
    const next = toMessage(message, request.vendor);
    if (!next) continue;
    const previous = prompt.at(-1);
    // Results of parallel calls belong together: Anthropic wants them in one
    // user turn and Gemini one function-response turn per call turn.
    if (next.role === "tool" && previous?.role === "tool") previous.content.push(...next.content);
    else prompt.push(next);
  }
  return prompt;
}

export function toTools(tools: TToolSpec[] | undefined): LanguageModelV4FunctionTool[] | undefined {
  if (!tools?.length) return undefined;
  return tools.map((tool) => ({
    type: "function",
    name: tool.name,
    description: tool.description,
    inputSchema: tool.parameters as LanguageModelV4FunctionTool["inputSchema"],
  }));
}
