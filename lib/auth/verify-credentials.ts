import { decoyHash, verifyPassword } from "../crypto/password";
import { db } from "../db/client";
import { AppError } from "../errors";
import { takeIpAttempt } from "./ip-limit";
import { ZSignIn } from "./schemas";
import { clearFailedSignIns, releaseSignInAttempt, takeSignInAttempt } from "./sign-in-limit";

type TVerifyResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "busy" }
  | { ok: false; reason: "rate_limited" | "ip_limited"; retryAfterSeconds: number };

// Used by next-auth's authorize, so the limits hold for every way in. Both
// limits are taken before any hashing; `ip` comes from clientIp().
export async function verifyCredentials(input: unknown, ip: string): Promise<TVerifyResult> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const ipWait = await takeIpAttempt(ip);
  if (ipWait > 0) return { ok: false, reason: "ip_limited", retryAfterSeconds: ipWait };
  const retryAfterSeconds = await takeSignInAttempt({ ip, email });
  if (retryAfterSeconds > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  let valid: boolean;
  try {
    valid = await verifyPassword({ hash: user?.passwordHash ?? (await decoyHash()), password, client: ip });
  } catch (error) {
    if (!(error instanceof AppError && error.code === "UNAVAILABLE")) throw error;
    await releaseSignInAttempt({ ip, email });
    return { ok: false, reason: "busy" };
  }
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await clearFailedSignIns({ ip, email });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
