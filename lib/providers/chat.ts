// chat(): one call to one provider, answered in the neutral format or thrown
// as a classified ProviderError.
//
// We call the model's low-level doStream() rather than generateText() or
// streamText(): it does exactly one HTTP request (no SDK retry loop to turn
// off; failover decides about retries; a second one only when a model
// refuses a continuation's prefill, see streamContinuing), hands tool-call arguments over as the
// raw text the vendor sent instead of parsing and rejecting them, and exposes
// the raw finish reason, in-stream error events and a stream that stops early.
import type { LanguageModelV4 } from "@ai-sdk/provider";

import { callOptions } from "./call-options";
import { collectStream, type TCollected } from "./collect-stream";
import { isPrefillRefusal, preferredForm, type TContinuationForm } from "./continuation";
import { startDeadline } from "./deadline";
import { describeOutcome } from "./describe-outcome";
import { createLanguageModel, resolveBaseUrl } from "./language-model";
import { ProviderError, toProviderError } from "./provider-error";
import { providerFetch, type TProviderFetch } from "./provider-fetch";
import { toPrompt, toTools } from "./to-prompt";
import type { TChatRequest, TChatResult } from "./types";

// Rounds up so even a sub-millisecond local answer reports a positive latency.
const since = (start: number) => Math.ceil(performance.now() - start);

// Notes whether a successful response has begun: after that, a lost
// connection is a cut stream rather than an unreachable provider. onAlive
// hears every chunk of the body as the provider fetch reads it.
function trackResponses(fetch: TProviderFetch, onAlive?: () => void) {
  let started = false;
  const fetchTracked: typeof globalThis.fetch = async (input, init) => {
    const response = await fetch(input, init, { onChunk: onAlive });
    if (response.ok) started = true;
    return response;
  };
  return { fetch: fetchTracked, started: () => started };
}

// One request, its stream read to the end.
async function streamAnswer(model: LanguageModelV4, request: TChatRequest, signal: AbortSignal, form: TContinuationForm): Promise<TCollected> {
  const { stream } = await model.doStream({
    prompt: toPrompt(request, form),
    tools: toTools(request.tools),
    ...callOptions(request),
    abortSignal: signal,
  });
  return collectStream(stream, { onText: request.onText, onProgress: request.onProgress });
}

// A model that refuses a prefill (newer Claude models answer it with a 400
// before any text) is asked again in the instruction form, within the same
// call and deadlines: the provider did nothing wrong, so it is not a failure.
async function streamContinuing(model: LanguageModelV4, request: TChatRequest, signal: AbortSignal): Promise<TCollected> {
  const form = preferredForm(request.vendor);
  try {
    return await streamAnswer(model, request, signal, form);
  } catch (error) {
    if (!request.continueFrom || form !== "prefill" || !isPrefillRefusal(error)) throw error;
    return streamAnswer(model, request, signal, "instruction");
  }
}

// `fetch` is for tests that check the address rule with their own resolver;
// every other call goes through providerFetch.
export async function chat(request: TChatRequest, { fetch = providerFetch }: { fetch?: TProviderFetch } = {}): Promise<TChatResult> {
  const start = performance.now();
  const baseURL = resolveBaseUrl(request);
  if (typeof baseURL !== "string") {
    throw new ProviderError({ outcome: "bad_request", vendor: request.vendor, message: baseURL.problem, latencyMs: 0 });
  }
  const deadline = startDeadline(request.timeoutMs, request.signal);
  const transport = trackResponses(fetch, request.onAlive);
  try {
    const model = createLanguageModel(request, baseURL, transport.fetch);
    const collected = await streamContinuing(model, request, deadline.signal);
    // Gemini (and some OpenAI-format servers) answer a blocked prompt with a
    // 200; it means the same as OpenAI's 400 and is classified the same way.
    if (collected.finishReason === "content_filter") {
      const message = `${describeOutcome("content_filter")}: the provider withheld the answer`;
      throw new ProviderError({ outcome: "content_filter", vendor: request.vendor, message, latencyMs: since(start) });
    }
    return { ...collected, latencyMs: since(start) };
  } catch (error) {
    throw toProviderError(error, {
      vendor: request.vendor,
      apiKey: request.apiKey,
      timeoutMs: request.timeoutMs,
      deadline,
      responseStarted: transport.started(),
      latencyMs: since(start),
    });
  } finally {
    deadline.dispose();
  }
}
