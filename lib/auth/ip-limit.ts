import { env } from "../env";
import { redisKey } from "../queue/connections";
import { redis } from "../redis";

type TAuthScope = "sign-in" | "sign-up";

// Counts an attempt from this address and answers the seconds to wait, or 0
// when it may go on. Every attempt counts, so it runs before any hashing.
export async function takeIpAttempt(scope: TAuthScope, ip: string): Promise<number> {
  const key = redisKey("auth-ip", scope, ip);
  const results = await redis.multi().incr(key).expire(key, 60, "NX").ttl(key).exec();
  if (!results) throw new Error("Redis transaction aborted");
  const count = Number(results[0]?.[1]);
  if (count <= env().AUTH_IP_LIMIT_PER_MINUTE) return 0;
  return Math.max(Number(results[2]?.[1]), 1);
}

export function ipRetryMessage(seconds: number): string {
  return `Too many attempts from your network. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
}
