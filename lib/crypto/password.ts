import { env } from "../env";
import { singleton } from "../singleton";
import { createPasswordPool, type TPasswordPool } from "./password-pool";

// One pool per process, shared by every sign-in and sign-up.
export function passwordPool(): TPasswordPool {
  return singleton("password-pool", () => createPasswordPool({ threads: env().PASSWORD_HASH_THREADS, maxQueue: env().PASSWORD_HASH_QUEUE }));
}

// argon2id with libsodium's interactive limits (about 0.3 s of CPU here), on
// the pool's threads. Throws AppError UNAVAILABLE when the pool's queue is full.
export async function hashPassword(password: string): Promise<string> {
  const { value } = await passwordPool().run({ op: "hash", password });
  return String(value);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const { value } = await passwordPool().run({ op: "verify", hash, password });
  return value === true;
}

// Verifying against this when the email is unknown keeps the response time
// the same as for a known email, so timing does not reveal accounts.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword("decoy password that matches nothing");
  decoy.catch(() => (decoy = undefined));
  return decoy;
}
