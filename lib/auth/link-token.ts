import { createHash, randomBytes } from "node:crypto";

import { z } from "zod";

import { env } from "../env";

// The secret in an emailed or copied link (invitation, email confirmation):
// 32 random bytes, base64url. Only its SHA-256 is stored, so a copy of the
// database opens no link, and a link is withdrawn by changing its row.
export const ZLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid.");

export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function appLink(path: string): string {
  return new URL(path, env().APP_URL).toString();
}
