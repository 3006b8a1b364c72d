import { db, type Prisma } from "../db/client";

// A session carries its user's session version (`sv`) and when it was last
// compared with the user row (`svCheckedAt`, ms). Raising the row's version
// ends every session at its next check.
type TSessionClaims = { sub?: string; sv?: unknown; svCheckedAt?: unknown };

type TCheck<T extends TSessionClaims> = {
  token: T;
  now: number;
  intervalMs: number;
  readVersion: (userId: string) => Promise<number | null>;
};

// Null ends the session. Within the interval the token is trusted without a
// read, so a withdrawn session lasts at most one interval.
export async function checkSessionVersion<T extends TSessionClaims>({ token, now, intervalMs, readVersion }: TCheck<T>): Promise<T | null> {
  if (!token.sub || typeof token.sv !== "number") return null;
  const checkedAt = typeof token.svCheckedAt === "number" ? token.svCheckedAt : 0;
  if (now - checkedAt < intervalMs && checkedAt <= now) return token;
  const current = await readVersion(token.sub);
  if (current === null || current !== token.sv) return null;
  return { ...token, svCheckedAt: now };
}

export async function readSessionVersion(userId: string): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

// Ends every session of the user within one check interval.
export async function bumpSessionVersion(userId: string, tx: Prisma.TransactionClient = db) {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
}
