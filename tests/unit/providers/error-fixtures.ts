// Error responses as each vendor sends them, one or more per row of the
// error map and per vendor the row names. Bodies are copied from the
// vendors' documentation and observed responses, trimmed to what matters.
import type { TOutcomeClass, TVendor } from "@/lib/providers/types";

type TErrorFixture = { name: string; vendor: TVendor; status?: number; body: string; rule: string; outcome: TOutcomeClass };

const openai = (message: string, type: string | null, code: string | null) => JSON.stringify({ error: { message, type, param: null, code } });
const anthropic = (type: string, message: string) => JSON.stringify({ type: "error", error: { type, message } });
const gemini = (code: number, status: string, message: string, details?: unknown[]) =>
  JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });
const openrouter = (code: number, message: string) => JSON.stringify({ error: { code, message } });

const quotaId = (id: string) => [{ "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [{ quotaId: id }] }];
const OPENAI_FORMAT = ["openai", "openrouter", "openai_compatible"] as const;

const perOpenAiFormat = (base: Omit<TErrorFixture, "vendor">): TErrorFixture[] => OPENAI_FORMAT.map((vendor) => ({ ...base, vendor }));

const generic = (rule: string, outcome: TOutcomeClass, status: number, words: string): TErrorFixture[] => [
  { name: `OpenAI ${status}`, vendor: "openai", status, body: openai(words, "invalid_request_error", null), rule, outcome },
  { name: `Anthropic ${status}`, vendor: "anthropic", status, body: anthropic("invalid_request_error", words), rule, outcome },
  { name: `Gemini ${status}`, vendor: "google", status, body: gemini(status, "FAILED_PRECONDITION", words), rule, outcome },
  { name: `OpenRouter ${status}`, vendor: "openrouter", status, body: openrouter(status, words), rule, outcome },
  { name: `compatible ${status} (plain text body)`, vendor: "openai_compatible", status, body: words, rule, outcome },
];

export const ERROR_FIXTURES: TErrorFixture[] = [
  ...perOpenAiFormat({ name: "429 insufficient_quota", status: 429, body: openai("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"), rule: "openai-insufficient-quota", outcome: "quota_exhausted" }),
  { name: "429 RESOURCE_EXHAUSTED with a per-day quota id", vendor: "google", status: 429, body: gemini(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", quotaId("GenerateRequestsPerDayPerProjectPerModel-FreeTier")), rule: "gemini-quota", outcome: "quota_exhausted" },
  { name: "429 RESOURCE_EXHAUSTED saying quota and billing, no quota id", vendor: "google", status: 429, body: gemini(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details."), rule: "gemini-quota", outcome: "quota_exhausted" },
  { name: "400 credit balance too low", vendor: "anthropic", status: 400, body: anthropic("invalid_request_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."), rule: "anthropic-billing", outcome: "quota_exhausted" },
  { name: "402 billing_error", vendor: "anthropic", status: 402, body: anthropic("billing_error", "There is an issue with your payment method."), rule: "anthropic-billing", outcome: "quota_exhausted" },
  { name: "OpenRouter 402 insufficient credits", vendor: "openrouter", status: 402, body: openrouter(402, "Insufficient credits. Add more using https://openrouter.ai/settings/credits"), rule: "payment-required", outcome: "quota_exhausted" },
  ...generic("payment-required", "quota_exhausted", 402, "Payment required").filter((f) => f.vendor !== "openrouter"),
  { name: "429 rate_limit_exceeded", vendor: "openai", status: 429, body: openai("Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3.", "requests", "rate_limit_exceeded"), rule: "rate-limited", outcome: "rate_limited" },
  { name: "429 rate_limit_error", vendor: "anthropic", status: 429, body: anthropic("rate_limit_error", "This request would exceed the rate limit for your organization."), rule: "rate-limited", outcome: "rate_limited" },
  { name: "429 RESOURCE_EXHAUSTED (e.g. check quota)", vendor: "google", status: 429, body: gemini(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."), rule: "rate-limited", outcome: "rate_limited" },
  { name: "429 'current quota' with a per-minute quota id", vendor: "google", status: 429, body: gemini(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", quotaId("GenerateRequestsPerMinutePerProjectPerModel-FreeTier")), rule: "rate-limited", outcome: "rate_limited" },
  { name: "OpenRouter 429", vendor: "openrouter", status: 429, body: openrouter(429, "Rate limit exceeded: free-models-per-min."), rule: "rate-limited", outcome: "rate_limited" },
  { name: "compatible 429 without body", vendor: "openai_compatible", status: 429, body: "", rule: "rate-limited", outcome: "rate_limited" },
  { name: "in-stream error event overloaded_error (no HTTP status)", vendor: "anthropic", body: anthropic("overloaded_error", "Overloaded"), rule: "anthropic-overloaded-event", outcome: "overloaded" },
  { name: "529 overloaded_error", vendor: "anthropic", status: 529, body: anthropic("overloaded_error", "Overloaded"), rule: "anthropic-overloaded-event", outcome: "overloaded" },
  { name: "503 server_error", vendor: "openai", status: 503, body: openai("Service Unavailable", "server_error", null), rule: "overloaded", outcome: "overloaded" },
  { name: "503 api_error", vendor: "anthropic", status: 503, body: anthropic("api_error", "Service unavailable"), rule: "overloaded", outcome: "overloaded" },
  { name: "503 UNAVAILABLE model overloaded", vendor: "google", status: 503, body: gemini(503, "UNAVAILABLE", "The model is overloaded. Please try again later."), rule: "overloaded", outcome: "overloaded" },
  { name: "OpenRouter 529", vendor: "openrouter", status: 529, body: openrouter(529, "Provider returned error"), rule: "overloaded", outcome: "overloaded" },
  { name: "compatible 503 from a proxy (HTML body)", vendor: "openai_compatible", status: 503, body: "<html><body>503 Service Temporarily Unavailable</body></html>", rule: "overloaded", outcome: "overloaded" },
  ...perOpenAiFormat({ name: "500 saying overloaded (an in-stream error the SDK tags 500)", status: 500, body: openai("The server is overloaded or not ready yet.", "server_error", null), rule: "openai-overloaded-wording", outcome: "overloaded" }),
  { name: "500 server_error", vendor: "openai", status: 500, body: openai("The server had an error while processing your request. Sorry about that!", "server_error", null), rule: "server-error", outcome: "server_error" },
  { name: "500 api_error", vendor: "anthropic", status: 500, body: anthropic("api_error", "Internal server error"), rule: "server-error", outcome: "server_error" },
  { name: "500 INTERNAL", vendor: "google", status: 500, body: gemini(500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"), rule: "server-error", outcome: "server_error" },
  { name: "OpenRouter in-stream error carrying code 502, no HTTP status", vendor: "openrouter", body: openrouter(502, "Provider returned error"), rule: "server-error", outcome: "server_error" },
  { name: "compatible 504 gateway timeout", vendor: "openai_compatible", status: 504, body: "upstream request timeout", rule: "server-error", outcome: "server_error" },
  { name: "400 API_KEY_INVALID", vendor: "google", status: 400, body: gemini(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" }]), rule: "gemini-invalid-key", outcome: "auth" },
  { name: "401 invalid_api_key", vendor: "openai", status: 401, body: openai("Incorrect API key provided: sk-ab***wxyz.", "invalid_request_error", "invalid_api_key"), rule: "auth", outcome: "auth" },
  { name: "401 authentication_error", vendor: "anthropic", status: 401, body: anthropic("authentication_error", "invalid x-api-key"), rule: "auth", outcome: "auth" },
  { name: "403 PERMISSION_DENIED", vendor: "google", status: 403, body: gemini(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers."), rule: "auth", outcome: "auth" },
  { name: "OpenRouter 401", vendor: "openrouter", status: 401, body: openrouter(401, "No auth credentials found"), rule: "auth", outcome: "auth" },
  { name: "compatible 403", vendor: "openai_compatible", status: 403, body: "Forbidden", rule: "auth", outcome: "auth" },
  { name: "404 model_not_found", vendor: "openai", status: 404, body: openai("The model `gpt-5x` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"), rule: "model-not-found", outcome: "model_unavailable" },
  { name: "404 not_found_error", vendor: "anthropic", status: 404, body: anthropic("not_found_error", "model: claude-9"), rule: "model-not-found", outcome: "model_unavailable" },
  { name: "404 NOT_FOUND", vendor: "google", status: 404, body: gemini(404, "NOT_FOUND", "models/gemini-9 is not found for API version v1beta."), rule: "model-not-found", outcome: "model_unavailable" },
  { name: "OpenRouter 404", vendor: "openrouter", status: 404, body: openrouter(404, "No endpoints found for acme/unknown-model."), rule: "model-not-found", outcome: "model_unavailable" },
  { name: "compatible 404", vendor: "openai_compatible", status: 404, body: openai("The model `llama-9` does not exist.", "NotFoundError", null), rule: "model-not-found", outcome: "model_unavailable" },
  ...generic("request-timeout", "timeout", 408, "Request timed out"),
  { name: "400 context_length_exceeded", vendor: "openai", status: 400, body: openai("This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.", "invalid_request_error", "context_length_exceeded"), rule: "openai-context-length", outcome: "context_length" },
  { name: "OpenRouter 400 maximum context length", vendor: "openrouter", status: 400, body: openrouter(400, "This endpoint's maximum context length is 128000 tokens. However, you requested about 130512 tokens."), rule: "openai-context-length", outcome: "context_length" },
  { name: "vLLM 400 maximum context length", vendor: "openai_compatible", status: 400, body: openai("This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.", "BadRequestError", null), rule: "openai-context-length", outcome: "context_length" },
  { name: "400 prompt is too long", vendor: "anthropic", status: 400, body: anthropic("invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum"), rule: "anthropic-prompt-too-long", outcome: "context_length" },
  { name: "400 input and max_tokens exceed context limit", vendor: "anthropic", status: 400, body: anthropic("invalid_request_error", "input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length or `max_tokens` and try again"), rule: "anthropic-prompt-too-long", outcome: "context_length" },
  { name: "400 input token count exceeds the maximum", vendor: "google", status: 400, body: gemini(400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."), rule: "gemini-token-limit", outcome: "context_length" },
  { name: "Azure 400 content_filter", vendor: "openai", status: 400, body: openai("The response was filtered due to the prompt triggering Azure OpenAI's content management policy.", null, "content_filter"), rule: "openai-content-filter", outcome: "content_filter" },
  { name: "400 content_policy_violation", vendor: "openrouter", status: 400, body: openai("Your request was rejected as a result of our safety system.", "invalid_request_error", "content_policy_violation"), rule: "openai-content-filter", outcome: "content_filter" },
  { name: "Azure 400 ResponsibleAIPolicyViolation inner error", vendor: "openai_compatible", status: 400, body: JSON.stringify({ error: { message: "The prompt was filtered.", code: "invalid_prompt", innererror: { code: "ResponsibleAIPolicyViolation" } } }), rule: "openai-content-filter", outcome: "content_filter" },
  { name: "400 output blocked by content filtering policy", vendor: "anthropic", status: 400, body: anthropic("invalid_request_error", "Output blocked by content filtering policy"), rule: "anthropic-content-filter", outcome: "content_filter" },
  // Gemini normally reports a safety block in a 200 (promptFeedback); this row covers gateways that turn it into a 400.
  { name: "400 naming a SAFETY block", vendor: "google", status: 400, body: gemini(400, "INVALID_ARGUMENT", "The request was blocked: SAFETY."), rule: "gemini-safety", outcome: "content_filter" },
  ...generic("bad-request", "bad_request", 400, "Invalid value for 'temperature': expected a number."),
  { name: "Anthropic 413 request_too_large", vendor: "anthropic", status: 413, body: anthropic("request_too_large", "Request exceeds the maximum allowed number of bytes."), rule: "bad-request", outcome: "bad_request" },
  { name: "OpenAI 422", vendor: "openai", status: 422, body: openai("Unprocessable entity", "invalid_request_error", null), rule: "bad-request", outcome: "bad_request" },
  ...generic("other-client-error", "bad_request", 409, "Conflict"),
];
