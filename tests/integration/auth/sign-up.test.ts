import { describe, expect, it } from "vitest";
import { signUp } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { unique } from "../../../prisma/factories";

describe("signUp", () => {
  it("creates the user and a first organization they own", async () => {
    const email = `${unique("signup")}@example.test`;
    const { userId, orgSlug } = await signUp({ name: "Ada Lovelace", email, password: "a long password" });
    const membership = await db.membership.findFirst({ where: { userId }, include: { org: true } });
    expect(membership).toMatchObject({ role: "owner", org: { slug: orgSlug, name: "Ada Lovelace's organization" } });
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses an email that is already registered, with a message at the email field, and saves nothing", async () => {
    const email = `${unique("dup")}@example.test`;
    await signUp({ name: "First", email, password: "a long password" });
    const second = unique("Second");
    const error = await signUp({ name: second, email, password: "another password" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields?.email).toMatch(/already registered/);
    expect(await db.organization.count({ where: { name: `${second}'s organization` } })).toBe(0);
  });
});
