import { describe, expect, it } from "vitest";

import { takeIpAttempt } from "@/lib/auth/ip-limit";
import { signUp } from "@/lib/auth/sign-up";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { passwordPool } from "@/lib/crypto/password";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { unique } from "../../../prisma/factories";

describe("signUp", () => {
  it("creates the user and a first organization they own", async () => {
    const email = `${unique("signup")}@example.test`;
    const { userId, orgSlug } = await signUp({ name: "Ada Lovelace", email, password: "a long password", ip: unique("ip") });
    const membership = await db.membership.findFirst({ where: { userId }, include: { org: true } });
    expect(membership).toMatchObject({ role: "owner", org: { slug: orgSlug, name: "Ada Lovelace's organization" } });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses an email that is already registered, with a message at the email field, and saves nothing", async () => {
    const email = `${unique("dup")}@example.test`;
    await signUp({ name: "First", email, password: "a long password", ip: unique("ip") });
    const second = unique("Second");
    const error = await signUp({ name: second, email, password: "another password", ip: unique("ip") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields?.email).toMatch(/already registered/);
    expect(await db.organization.count({ where: { name: `${second}'s organization` } })).toBe(0);
  });

  it("refuses an address over its limit, sign-ins included, before hashing the password, and saves nothing", async () => {
    const ip = unique("ip");
    for (let i = 0; i < env().AUTH_IP_LIMIT_PER_MINUTE - 1; i += 1) await takeIpAttempt(ip);
    expect(await verifyCredentials({ email: `${unique("nobody")}@example.test`, password: "a long password" }, ip)).toMatchObject({ reason: "invalid" });
    const email = `${unique("limited")}@example.test`;
    const before = passwordPool().submitted();
    const error = await signUp({ name: "Limited", email, password: "a long password", ip }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/try again in \d+ seconds?/i) });
    expect(passwordPool().submitted()).toBe(before);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});
