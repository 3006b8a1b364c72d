import { createHash, randomBytes } from "node:crypto";

// "us_" + 32 random bytes in base64url (43 characters): the prefix lets secret
// scanners and people recognise an Understudy key.
const KEY_FORMAT = /^us_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return `us_${randomBytes(32).toString("base64url")}`;
}

// A plain SHA-256 is enough: a key has 256 random bits, so there is nothing to
// guess, and a fast hash lets every request look its key up by hash.
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function isApiKeyFormat(value: string): boolean {
  return KEY_FORMAT.test(value);
}
