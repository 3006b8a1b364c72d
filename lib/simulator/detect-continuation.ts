// Recognises the request Understudy sends a backup to finish an answer another
// provider broke off. The instruction text is imported, not copied, so the
// simulator and the production request can never drift apart.
import { CONTINUE_INSTRUCTION } from "../providers/continuation";

// A message reduced to what detection needs; system, tool and other roles
// are "other" so they still break an assistant-then-instruction pair.
export type TPlainMessage = { role: "user" | "assistant" | "other"; text: string };

export type TContinuing = { partial: string };

/** Anthropic: the conversation ends with the partial answer as an assistant prefill. */
export function prefillContinuation(messages: TPlainMessage[]): TContinuing | undefined {
  const last = messages.at(-1);
  return last?.role === "assistant" ? { partial: last.text } : undefined;
}

/** OpenAI and Gemini: the partial answer, then a user message that is exactly the instruction. */
export function instructedContinuation(messages: TPlainMessage[]): TContinuing | undefined {
  const partial = messages.at(-2);
  const instruction = messages.at(-1);
  if (partial?.role !== "assistant" || instruction?.role !== "user" || instruction.text !== CONTINUE_INSTRUCTION) return undefined;
  return { partial: partial.text };
}
