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

// Each test signs in from addresses of its own, so the per-address limit
// of one never counts another's attempts.
let ip = "";
beforeEach(() => {
  ip = unique("ip");
});

const reasonOf = (r: Awaited<ReturnType<typeof verifyCredentials>>) => (r.ok ? "ok" : r.reason);

async function fail(email: string, from: string, times: number) {
  for (let i = 0; i < times; i += 1) expect(reasonOf(await verifyCredentials({ email, password: `wrong-${i}-password` }, from))).toBe("invalid");
}

describe("verifyCredentials", () => {
  it("accepts the right password and answers the same for a wrong password or an unknown email", async () => {
    const { user, password } = await createTenant();
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await verifyCredentials({ email: user.email, password: "wrong password!" }, ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: `nobody-${user.id}@example.test`, password }, ip)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an address out of an email after too many failures, even for the right password, and says when to retry", async () => {
    const { user, password } = await createTenant();
    await fail(user.email, ip, SIGN_IN_LIMIT.perAddress);
    const limited = await verifyCredentials({ email: user.email, password }, ip);
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(limited.ok === false && limited.reason === "rate_limited" && limited.retryAfterSeconds).toBeGreaterThan(SIGN_IN_LIMIT.windowSeconds - 60);
  });

  it("never locks out a right password from an address with no failures, whatever others guessed", async () => {
    const { user, password } = await createTenant();
    // Enough guesses from two addresses to lock each of them and pass the email's own count.
    await fail(user.email, ip, SIGN_IN_LIMIT.perAddress);
    await fail(user.email, unique("ip"), SIGN_IN_LIMIT.perEmail - SIGN_IN_LIMIT.perAddress);
    expect(reasonOf(await verifyCredentials({ email: user.email, password }, ip))).toBe("rate_limited");
    expect(await verifyCredentials({ email: user.email, password }, unique("ip"))).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("once an email has failed from many addresses, an address that failed for it waits and a new one gets one try", async () => {
    const { user, password } = await createTenant();
    const typo = unique("ip");
    await fail(user.email, typo, 1);
    await fail(user.email, ip, SIGN_IN_LIMIT.perAddress);
    await fail(user.email, unique("ip"), SIGN_IN_LIMIT.perEmail - SIGN_IN_LIMIT.perAddress - 1);
    // One failure of its own is enough to wait, the right password included.
    expect(reasonOf(await verifyCredentials({ email: user.email, password }, typo))).toBe("rate_limited");
    const newcomer = unique("ip");
    await fail(user.email, newcomer, 1);
    expect(reasonOf(await verifyCredentials({ email: user.email, password: "another guess" }, newcomer))).toBe("rate_limited");
  });

  it("clears an address's failure count after a successful sign-in", async () => {
    const { user, password } = await createTenant();
    await fail(user.email, ip, SIGN_IN_LIMIT.perAddress - 1);
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true });
    await fail(user.email, ip, 1);
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true });
  });

  it("checks passwords on the hashing pool, not in the caller's thread", async () => {
    const { user, password } = await createTenant();
    const before = passwordPool().submitted();
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true });
    expect(passwordPool().submitted()).toBe(before + 1);
  });

  it("refuses parallel wrong guesses beyond the limit: the count is taken before each check", async () => {
    const { user } = await createTenant();
    const before = passwordPool().submitted();
    const guesses = Array.from({ length: SIGN_IN_LIMIT.perAddress + 4 }, (_, i) => verifyCredentials({ email: user.email, password: `guess-${i}-wrong` }, ip));
    const reasons = (await Promise.all(guesses)).map(reasonOf);
    expect(reasons.filter((r) => r === "rate_limited")).toHaveLength(4);
    // The others were checked, or refused by the pool's share for one address: never more than the limit.
    expect(reasons.filter((r) => r === "invalid" || r === "busy")).toHaveLength(SIGN_IN_LIMIT.perAddress);
    expect(passwordPool().submitted() - before).toBeLessThanOrEqual(SIGN_IN_LIMIT.perAddress);
  });

  it("refuses an address over its limit before any hashing", async () => {
    const { user, password } = await createTenant();
    for (let i = 0; i < env().AUTH_IP_LIMIT_PER_MINUTE; i += 1) await takeIpAttempt(ip);
    const before = passwordPool().submitted();
    const refused = await verifyCredentials({ email: user.email, password }, ip);
    expect(refused).toMatchObject({ ok: false, reason: "ip_limited" });
    expect(refused.ok === false && refused.reason === "ip_limited" && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(passwordPool().submitted()).toBe(before);
    expect(await verifyCredentials({ email: user.email, password }, unique("ip"))).toMatchObject({ ok: true });
  });

  it("answers busy, not a wrong password, when the hashing pool's queue is full, and does not count it as a failure", async () => {
    const { user, password } = await createTenant();
    await fail(user.email, ip, SIGN_IN_LIMIT.perAddress - 1);
    const run = vi.spyOn(passwordPool(), "run").mockRejectedValueOnce(busyError());
    expect(await verifyCredentials({ email: user.email, password }, ip)).toEqual({ ok: false, reason: "busy" });
    run.mockRestore();
    await fail(user.email, ip, 1);
    expect(reasonOf(await verifyCredentials({ email: user.email, password }, ip))).toBe("rate_limited");
  });
});
