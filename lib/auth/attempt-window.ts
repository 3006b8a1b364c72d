import { redis } from "../redis";

// Counts one attempt in a fixed window under `key` and answers the seconds
// to wait when it is over `limit`, or 0 when it may go on. Every attempt
// counts, refused ones too, in one Redis step, so parallel attempts cannot
// pass the limit together; callers take it before any hashing.
export async function takeAttempt({ key, limit, windowSeconds }: { key: string; limit: number; windowSeconds: number }): Promise<number> {
  const results = await redis.multi().incr(key).expire(key, windowSeconds, "NX").ttl(key).exec();
  if (!results) throw new Error("Redis transaction aborted");
  if (Number(results[0]?.[1]) <= limit) return 0;
  return Math.max(Number(results[2]?.[1]), 1);
}

export function waitText(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
