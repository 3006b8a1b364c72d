import { AppError } from "../errors";
import { redisKey } from "../queue/connections";
import { takeFromWindows, type TWindow } from "../quotas/sliding-window";

// Requests a minute, counted in sliding windows (lib/quotas/sliding-window.ts).
// An API request takes from two windows at once, its key's and its
// organization's, so an organization cannot pass its limit by spreading
// requests over keys; a Chat-tab message takes from the organization's alone,
// so the Chat tab and the API share one allowance.
const SCOPES = ["key", "organization"] as const;
type TRateLimitScope = (typeof SCOPES)[number];

type TConsume = { orgId: string; keyId: string; limit: number; orgLimit: number; windowMs?: number };
type TRateLimitResult = { allowed: true } | { allowed: false; scope: TRateLimitScope; retryAfterSeconds: number };

const orgWindow = (orgId: string, limit: number): TWindow => ({ key: redisKey("api-rate", orgId), limit });

async function consume(windows: TWindow[], scopes: readonly TRateLimitScope[], windowMs: number): Promise<TRateLimitResult> {
  let result;
  try {
    result = await takeFromWindows({ windows, windowMs });
  } catch {
    throw new AppError("UNAVAILABLE", "The rate limiter is unavailable (Redis). Try again in a moment.");
  }
  if (result.allowed) return result;
  return { allowed: false, scope: scopes[result.window] ?? "key", retryAfterSeconds: result.retryAfterSeconds };
}

export async function consumeRateLimit({ orgId, keyId, limit, orgLimit, windowMs = 60_000 }: TConsume): Promise<TRateLimitResult> {
  return consume([{ key: redisKey("api-rate", orgId, keyId), limit }, orgWindow(orgId, orgLimit)], SCOPES, windowMs);
}

// One request of the organization's that no API key makes (a Chat-tab message).
export async function consumeOrgRateLimit({ orgId, orgLimit, windowMs = 60_000 }: Omit<TConsume, "keyId" | "limit">): Promise<TRateLimitResult> {
  return consume([orgWindow(orgId, orgLimit)], ["organization"], windowMs);
}
