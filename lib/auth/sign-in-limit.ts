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

// Counts the attempt as failed before the password is checked, in one step,
// so parallel guesses each take a place and those past the limit are
// refused; a right password clears the count afterwards. Answers the seconds
// to wait when this attempt is over the limit, or 0 when it may go on.
export async function takeSignInAttempt(email: string): Promise<number> {
  const results = await redis.multi().incr(key(email)).expire(key(email), SIGN_IN_LIMIT.windowSeconds, "NX").ttl(key(email)).exec();
  if (!results) throw new Error("Redis transaction aborted");
  if (Number(results[0]?.[1]) <= SIGN_IN_LIMIT.attempts) return 0;
  return Math.max(Number(results[2]?.[1]), 1);
}

export async function clearFailedSignIns(email: string): Promise<void> {
  await redis.del(key(email));
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
