import { redisKey } from "../queue/connections";
import { redis } from "../redis";

// Failed sign-ins per email, counted in Redis so every web process shares them.
export const SIGN_IN_LIMIT = { attempts: 10, windowSeconds: 15 * 60 };

const key = (email: string) => redisKey("signin-fail", email);

// Seconds until the email may try again, or 0 when it may try now.
export async function signInRetryAfter(email: string): Promise<number> {
  const [count, ttl] = await Promise.all([redis.get(key(email)), redis.ttl(key(email))]);
  if (Number(count ?? 0) < SIGN_IN_LIMIT.attempts) return 0;
  return Math.max(ttl, 1);
}

export async function recordFailedSignIn(email: string): Promise<void> {
  const results = await redis.multi().incr(key(email)).expire(key(email), SIGN_IN_LIMIT.windowSeconds, "NX").exec();
  if (!results) throw new Error("Redis transaction aborted");
}

export async function clearFailedSignIns(email: string): Promise<void> {
  await redis.del(key(email));
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
