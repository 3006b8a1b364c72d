import { afterAll, describe, expect, it } from "vitest";

import { changePassword, PASSWORD_CHANGE_LIMIT } from "@/lib/auth/change-password";
import { takeIpAttempt } from "@/lib/auth/ip-limit";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { passwordPool } from "@/lib/crypto/password";
import { env } from "@/lib/env";
import { redis } from "@/lib/redis";

import { createTenant, unique } from "../../../prisma/factories";

afterAll(() => redis.quit());

const wrongCurrent = (userId: string, ip: string) =>
  changePassword({ userId, currentPassword: "not my password", newPassword: "a brand new password", ip }).catch((e: unknown) => e);

describe("changePassword's limits", () => {
  it(`takes at most ${PASSWORD_CHANGE_LIMIT.attempts} tries per user in the window, from any address, and refuses the next before hashing`, async () => {
    const { user, password } = await createTenant();
    for (let i = 0; i < PASSWORD_CHANGE_LIMIT.attempts; i += 1) {
      expect(await wrongCurrent(user.id, unique("ip"))).toMatchObject({ code: "INVALID_INPUT" });
    }
    const before = passwordPool().submitted();
    const refused = await changePassword({ userId: user.id, currentPassword: password, newPassword: "a brand new password", ip: unique("ip") }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/try again in \d+ minutes/i) });
    expect(passwordPool().submitted()).toBe(before);
  });

  it("shares the address's allowance with sign-in and sign-up", async () => {
    const { user, password } = await createTenant();
    const ip = unique("ip");
    for (let i = 0; i < env().AUTH_IP_LIMIT_PER_MINUTE - 1; i += 1) await takeIpAttempt(ip);
    expect(await verifyCredentials({ email: user.email, password }, ip)).toMatchObject({ ok: true });
    const before = passwordPool().submitted();
    const refused = await changePassword({ userId: user.id, currentPassword: password, newPassword: "a brand new password", ip }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/too many attempts from your network/i) });
    expect(passwordPool().submitted()).toBe(before);
  });
});
