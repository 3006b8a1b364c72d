// How a backup is asked to finish an answer another provider broke off. The
// simulator recognises the same words and the same refusal, so the
// production request shape is what the tests exercise.
import { APICallError } from "@ai-sdk/provider";

import { parseErrorBody } from "./error-map";
import type { TMessage, TVendor } from "./types";

export const CONTINUE_INSTRUCTION =
  "Your previous answer above was cut off. Continue it exactly where it stopped, without repeating any of it and without commenting on the interruption.";

// prefill: the partial answer as a trailing assistant message, which the
// model carries on from its last character. instruction: the partial answer,
// then a user message asking to go on from it.
export type TContinuationForm = "prefill" | "instruction";

// Anthropic takes a prefill, the form that continues most exactly; the other
// vendors' APIs have none.
export const preferredForm = (vendor: TVendor): TContinuationForm => (vendor === "anthropic" ? "prefill" : "instruction");

export function continuationMessages(form: TContinuationForm, partial: string): TMessage[] {
  // Anthropic refuses a prefill that ends in whitespace.
  if (form === "prefill") return [{ role: "assistant", content: partial.trimEnd() }];
  return [
    { role: "assistant", content: partial },
    { role: "user", content: CONTINUE_INSTRUCTION },
  ];
}

// Claude models from 4.6 on answer a prefill with this 400. It says nothing
// about the provider's health: the same link takes the instruction form.
const PREFILL_REFUSAL = /does not support assistant message prefill|conversation must end with a user message/i;
// Vendor messages are short; a longer one is not this refusal.
const MAX_REFUSAL_MESSAGE = 1_000;

export function isPrefillRefusal(error: unknown): boolean {
  if (!APICallError.isInstance(error) || error.statusCode !== 400) return false;
  const { message } = parseErrorBody(error.responseBody);
  return message.length <= MAX_REFUSAL_MESSAGE && PREFILL_REFUSAL.test(message);
}
