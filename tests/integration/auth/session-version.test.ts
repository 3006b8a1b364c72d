import { describe, expect, it } from "vitest";

import { changePassword } from "@/lib/auth/change-password";
import { bumpSessionVersion, checkSessionVersion, readSessionVersion } from "@/lib/auth/session-version";
import { verifyPassword } from "@/lib/crypto/password";
import { db } from "@/lib/db/client";
import { removeMember } from "@/lib/orgs/members";

import { addMembership, createTenant, unique } from "../../../prisma/factories";

const MINUTE = 60_000;

// A clock the test moves by hand, and a reader that counts its database reads.
function harness(start = 1_000_000) {
  let now = start;
  let reads = 0;
  const readVersion = async (userId: string) => {
    reads += 1;
    return readSessionVersion(userId);
  };
  return {
    advance: (ms: number) => void (now += ms),
    reads: () => reads,
    check: <T extends { sub?: string; sv?: unknown; svCheckedAt?: unknown }>(token: T) => checkSessionVersion({ token, now, intervalMs: MINUTE, readVersion }),
    now: () => now,
  };
}

describe("session version", () => {
  it("refuses a token with an older version once it is checked, and keeps one with the current version", async () => {
    const { user } = await createTenant();
    const h = harness();
    const token = { sub: user.id, sv: await readSessionVersion(user.id), svCheckedAt: h.now() };
    await bumpSessionVersion(user.id);
    h.advance(MINUTE);
    expect(await h.check(token)).toBeNull();
    const fresh = { sub: user.id, sv: await readSessionVersion(user.id), svCheckedAt: h.now() - MINUTE };
    expect(await h.check(fresh)).toMatchObject({ sub: user.id, svCheckedAt: h.now() });
  });

  it("reads the user row at most once a minute per token, so a bump shows within that minute", async () => {
    const { user } = await createTenant();
    const h = harness();
    let token = { sub: user.id, sv: await readSessionVersion(user.id), svCheckedAt: h.now() };
    h.advance(MINUTE - 1);
    expect(await h.check(token)).toBe(token);
    expect(h.reads()).toBe(0);
    await bumpSessionVersion(user.id);
    expect(await h.check(token)).toBe(token); // still within the minute: trusted without a read
    expect(h.reads()).toBe(0);
    h.advance(1);
    expect(await h.check(token)).toBeNull();
    expect(h.reads()).toBe(1);

    token = { sub: user.id, sv: await readSessionVersion(user.id), svCheckedAt: h.now() - MINUTE };
    const checked = await h.check(token);
    if (!checked) throw new Error("a token with the current version was refused");
    h.advance(30_000);
    expect(await h.check(checked)).toBe(checked);
    expect(h.reads()).toBe(2);
  });

  it("refuses a token without a version (issued before versions existed), one from the future, and one of a deleted user", async () => {
    const { user } = await createTenant();
    const h = harness();
    expect(await h.check({ sub: user.id })).toBeNull();
    const sv = await readSessionVersion(user.id);
    expect(await h.check({ sub: user.id, sv, svCheckedAt: h.now() + 10 * MINUTE })).not.toBeNull(); // a clock skew forces a read, not a pass
    expect(h.reads()).toBe(1);
    expect(await h.check({ sub: `gone-${user.id}`, sv: 0, svCheckedAt: 0 })).toBeNull();
  });

  it("a password change needs the current password, stores the new one and ends the user's sessions", async () => {
    const { user, password } = await createTenant();
    const before = await readSessionVersion(user.id);
    const ip = unique("ip");
    await expect(changePassword({ userId: user.id, currentPassword: "not my password", newPassword: "a brand new password", ip })).rejects.toMatchObject({
      fields: { currentPassword: expect.any(String) },
    });
    expect(await readSessionVersion(user.id)).toBe(before);
    await changePassword({ userId: user.id, currentPassword: password, newPassword: "a brand new password", ip });
    expect(await readSessionVersion(user.id)).toBe(Number(before) + 1);
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword({ hash: passwordHash, password: "a brand new password" })).toBe(true);
  });

  it("removal from the last organization ends the user's sessions; removal from one of two does not", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const c = await createTenant("viewer");
    const inA = await addMembership({ orgId: a.org.id, userId: c.user.id, role: "member" });
    const inB = await addMembership({ orgId: b.org.id, userId: c.user.id, role: "member" });
    await db.membership.deleteMany({ where: { userId: c.user.id, orgId: c.org.id } });
    const before = await readSessionVersion(c.user.id);
    await removeMember({ orgId: a.org.id, membershipId: inA.id });
    expect(await readSessionVersion(c.user.id)).toBe(before);
    await removeMember({ orgId: b.org.id, membershipId: inB.id });
    expect(await readSessionVersion(c.user.id)).toBe(Number(before) + 1);
  });
});
