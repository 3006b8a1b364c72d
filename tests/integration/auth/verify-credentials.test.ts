import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

import { takeIpAttempt } from "@/lib/auth/ip-limit";
import { SIGN_IN_LIMIT } from "@/lib/auth/sign-in-limit";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { passwordPool } from "@/lib/crypto/password";
import { busyError } from "@/lib/crypto/password-pool";
import { env } from "@/lib/env";
import { redis } from "@/lib/redis";

import { createTenant, unique } from "../../../prisma/factories";

afterAll(() => redis.quit());

// Each test signs in from an address of its own, so the per-address limit
// of one never counts another's attempts.
let ip = "";
beforeEach(() => {
  ip = unique("ip");
});

describe("verifyCredentials", () => {
  it("accepts the right password and answers the same for a wrong password or an unknown email", async () => {
    const { user, password } = await createTenant();
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await verifyCredentials({ email: user.email, password: "wrong password!" }, ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: `nobody-${user.id}@example.test`, password }, ip)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an email after too many failures, even for the right password, and says when to retry", async () => {
    const { user, password } = await createTenant();
    for (let i = 0; i < SIGN_IN_LIMIT.attempts; i += 1) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${i}-password` }, ip)).toMatchObject({ ok: false, reason: "invalid" });
    }
    const limited = await verifyCredentials({ email: user.email, password }, ip);
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(limited.ok === false && limited.reason === "rate_limited" && limited.retryAfterSeconds).toBeGreaterThan(SIGN_IN_LIMIT.windowSeconds - 60);
  });

  it("clears the failure count after a successful sign-in", async () => {
    const { user, password } = await createTenant();
    for (let i = 0; i < SIGN_IN_LIMIT.attempts - 1; i += 1) await verifyCredentials({ email: user.email, password: "nope nope nope" }, ip);
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true });
    expect(await verifyCredentials({ email: user.email, password: "nope nope nope" }, ip)).toMatchObject({ reason: "invalid" });
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true });
  });

  it("checks passwords on the hashing pool, not in the caller's thread", async () => {
    const { user, password } = await createTenant();
    const before = passwordPool().submitted();
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true });
    expect(passwordPool().submitted()).toBe(before + 1);
  });

  it("refuses parallel wrong guesses beyond the limit: the count is taken before each check", async () => {
    const { user, password } = await createTenant();
    const guesses = Array.from({ length: SIGN_IN_LIMIT.attempts + 4 }, (_, i) => verifyCredentials({ email: user.email, password: `guess-${i}-wrong` }, ip));
    const reasons = (await Promise.all(guesses)).map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(SIGN_IN_LIMIT.attempts);
    expect(reasons.filter((r) => r === "rate_limited")).toHaveLength(4);
    expect(await verifyCredentials({ email: user.email, password }, unique("ip"))).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("refuses an address over its limit before any hashing", async () => {
    const { user, password } = await createTenant();
    for (let i = 0; i < env().AUTH_IP_LIMIT_PER_MINUTE; i += 1) await takeIpAttempt("sign-in", ip);
    const before = passwordPool().submitted();
    const refused = await verifyCredentials({ email: user.email, password }, ip);
    expect(refused).toMatchObject({ ok: false, reason: "ip_limited" });
    expect(refused.ok === false && refused.reason === "ip_limited" && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(passwordPool().submitted()).toBe(before);
    expect(await verifyCredentials({ email: user.email, password }, unique("ip"))).toMatchObject({ ok: true });
  });

  it("answers busy, not a wrong password, when the hashing pool's queue is full", async () => {
    const { user, password } = await createTenant();
    const run = vi.spyOn(passwordPool(), "run").mockRejectedValueOnce(busyError());
    expect(await verifyCredentials({ email: user.email, password }, ip)).toEqual({ ok: false, reason: "busy" });
    run.mockRestore();
  });
});
