import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

// Vendor-looking ids (call_..., toolu_..., msg_...), unique per call as real ones are.
export function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}${id}`;
}

// How vendors echo a wrong key back: enough to recognise it, not to reuse it.
export function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 3)}${"*".repeat(8)}${key.slice(-4)}` : "****";
}
