// How long a provider asked us to wait, from whichever place it said so.
// Headers are cut to the bounded prefix and read with anchored patterns;
// Gemini's hint is read from its parsed body, not searched for in the text.
import { parseErrorBody } from "./error-map";
import { outsideText } from "./outside-text";

type THeaders = Record<string, string | undefined>;

const SECONDS = /^\d+(\.\d+)?$/;

// Gemini puts it in the body: details[{ "@type": ".../google.rpc.RetryInfo", retryDelay: "20s" }].
function fromGeminiBody(body: string | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(parseErrorBody(body).retryDelay);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function fromRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = outsideText(value).trim();
  if (SECONDS.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Milliseconds to wait before retrying, or undefined when the provider did not say. */
export function retryAfterMs(headers: THeaders | undefined, body: string | undefined, now = Date.now()): number | undefined {
  const ms = outsideText(headers?.["retry-after-ms"] ?? "");
  if (SECONDS.test(ms)) return Math.round(Number(ms));
  return fromRetryAfter(headers?.["retry-after"], now) ?? fromGeminiBody(body);
}
