import { db } from "../db/client";
import { decoyHash, verifyPassword } from "../crypto/password";
import { ZSignIn } from "./schemas";
import { clearFailedSignIns, recordFailedSignIn, signInRetryAfter } from "./sign-in-limit";

export type TVerifyResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

// Used by next-auth's authorize, so the limit holds for every way in.
export async function verifyCredentials(input: unknown): Promise<TVerifyResult> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const retryAfterSeconds = await signInRetryAfter(email);
  if (retryAfterSeconds > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds };

  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !valid) {
    await recordFailedSignIn(email);
    return { ok: false, reason: "invalid" };
  }
  await clearFailedSignIns(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
