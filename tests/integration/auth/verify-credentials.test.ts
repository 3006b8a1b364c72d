import { afterAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { SIGN_IN_LIMIT } from "@/lib/auth/sign-in-limit";
import { redis } from "@/lib/redis";
import { createTenant } from "../../../prisma/factories";

afterAll(() => redis.quit());

describe("verifyCredentials", () => {
  it("accepts the right password and answers the same for a wrong password or an unknown email", async () => {
    const { user, password } = await createTenant();
    expect(await verifyCredentials({ email: user.email, password })).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await verifyCredentials({ email: user.email, password: "wrong password!" })).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: `nobody-${user.id}@example.test`, password })).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an email after too many failures, even for the right password, and says when to retry", async () => {
    const { user, password } = await createTenant();
    for (let i = 0; i < SIGN_IN_LIMIT.attempts; i += 1) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${i}-password` })).toMatchObject({ ok: false, reason: "invalid" });
    }
    const limited = await verifyCredentials({ email: user.email, password });
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(limited.ok === false && limited.reason === "rate_limited" && limited.retryAfterSeconds).toBeGreaterThan(SIGN_IN_LIMIT.windowSeconds - 60);
  });

  it("clears the failure count after a successful sign-in", async () => {
    const { user, password } = await createTenant();
    for (let i = 0; i < SIGN_IN_LIMIT.attempts - 1; i += 1) await verifyCredentials({ email: user.email, password: "nope nope nope" });
    expect(await verifyCredentials({ email: user.email, password })).toMatchObject({ ok: true });
    expect(await verifyCredentials({ email: user.email, password: "nope nope nope" })).toMatchObject({ reason: "invalid" });
    expect(await verifyCredentials({ email: user.email, password })).toMatchObject({ ok: true });
  });
});
