// How long a provider asked us to wait, from whichever place it said so.

type THeaders = Record<string, string | undefined>;

// Gemini puts it in the body: details[{ "@type": ".../google.rpc.RetryInfo", retryDelay: "20s" }].
function fromGeminiBody(body: string | undefined): number | undefined {
  const match = body ? /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body) : null;
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function fromRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Milliseconds to wait before retrying, or undefined when the provider did not say. */
export function retryAfterMs(headers: THeaders | undefined, body: string | undefined, now = Date.now()): number | undefined {
  const ms = headers?.["retry-after-ms"];
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  return fromRetryAfter(headers?.["retry-after"], now) ?? fromGeminiBody(body);
}
