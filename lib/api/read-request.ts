// The request body, bounded before it is parsed: the text is read with a
// byte cap, so an oversized body is refused without being held in memory
// or handed to JSON.parse.
import type { z } from "zod";

import { ApiError } from "./api-error";
import { MAX_MESSAGES, type TChatCompletionRequest, ZChatCompletionRequest } from "./schemas";

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (message: string, param?: string) => new ApiError(413, message, { type: "invalid_request_error", param, code: "request_too_large" });
const bodyTooLarge = () => tooLarge(`The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);

export async function readBodyText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw bodyTooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// "messages.0.content" becomes "messages[0].content".
function paramOf(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

function invalid(error: z.ZodError): ApiError {
  const issue = error.issues[0]!;
  // A bad key of a record (metadata) says what is wrong with it, and names
  // the record: the key itself may be what cannot be shown.
  const keyIssue = issue.code === "invalid_key" ? issue.issues[0] : undefined;
  const param = paramOf(keyIssue ? issue.path.slice(0, -1) : issue.path);
  const message = keyIssue?.message ?? issue.message;
  return new ApiError(400, param ? `Invalid '${param}': ${message}` : message, {
    type: "invalid_request_error",
    param: param || null,
    code: "invalid_value",
  });
}

export function parseChatCompletionRequest(text: string): TChatCompletionRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(400, "The request body is not valid JSON.", { type: "invalid_request_error", code: "invalid_json" });
  }
  const messages = (json as { messages?: unknown } | null)?.messages;
  if (Array.isArray(messages) && messages.length > MAX_MESSAGES) {
    throw tooLarge(`Send at most ${MAX_MESSAGES} messages; continue a stored conversation with conversation_id instead.`, "messages");
  }
  const parsed = ZChatCompletionRequest.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}
