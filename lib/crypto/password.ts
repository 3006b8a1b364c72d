import { sodium } from "./sodium";

// argon2id with libsodium's interactive limits (about half a second here).
export async function hashPassword(password: string): Promise<string> {
  const s = await sodium();
  return s.crypto_pwhash_str(password, s.crypto_pwhash_OPSLIMIT_INTERACTIVE, s.crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const s = await sodium();
  return s.crypto_pwhash_str_verify(hash, password);
}

// Verifying against this when the email is unknown keeps the response time
// the same as for a known email, so timing does not reveal accounts.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword("decoy password that matches nothing");
  return decoy;
}
