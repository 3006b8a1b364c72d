import { authenticateApiKey, type TApiCaller } from "../api-keys/authenticate-api-key";
import { consumeRateLimit } from "../api-keys/consume-rate-limit";
import { env } from "../env";
import { ApiError } from "./api-error";

const unauthorized = (message: string) => new ApiError(401, message, { type: "invalid_request_error", code: "invalid_api_key" });

// Requests per minute: each key's, and all of its organization's keys'
// together (a deployment setting, read here when the route does not say).
type TLimits = { perMinute: number; orgPerMinute?: number };

// The public API's tenant resolution: the bearer key names the organization
// and the agent, then the key's and the organization's rate limits apply.
// The key is never echoed.
export async function authenticateRequest(request: Request, { perMinute, orgPerMinute = env().ORG_API_RATE_LIMIT_PER_MINUTE }: TLimits): Promise<TApiCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) throw unauthorized("Missing API key. Send the agent's key as 'Authorization: Bearer us_...'.");
  const caller = await authenticateApiKey(match[1]!);
  if (!caller) throw unauthorized("Invalid or revoked API key.");
  const limit = await consumeRateLimit({ orgId: caller.orgId, keyId: caller.keyId, limit: perMinute, orgLimit: orgPerMinute });
  if (!limit.allowed) {
    const reached =
      limit.scope === "key"
        ? `${perMinute} requests per minute reached for this key`
        : `${orgPerMinute} requests per minute reached for this organization (all its keys and its Chat tab together)`;
    throw new ApiError(429, `Rate limit of ${reached}. Retry in ${limit.retryAfterSeconds} s.`, {
      type: "requests",
      code: "rate_limit_exceeded",
      headers: { "retry-after": String(limit.retryAfterSeconds) },
    });
  }
  return caller;
}
