import { env } from "../env";
import { singleton } from "../singleton";
import { createPasswordPool, type TPasswordPool } from "./password-pool";

// One pool per process, shared by every sign-in and sign-up.
export function passwordPool(): TPasswordPool {
  return singleton("password-pool", () =>
    createPasswordPool({ threads: env().PASSWORD_HASH_THREADS, maxQueue: env().PASSWORD_HASH_QUEUE, maxPerClient: env().PASSWORD_HASH_PER_CLIENT }),
  );
}

// argon2id with libsodium's interactive limits (about 0.3 s of CPU here), on
// the pool's threads. Throws AppError UNAVAILABLE when the pool's queue is
// full, or `client` (the address asking, see clientIp()) holds its share.
export async function hashPassword(password: string, client?: string): Promise<string> {
  const { value } = await passwordPool().run({ op: "hash", password }, client);
  return String(value);
}

export async function verifyPassword({ hash, password, client }: { hash: string; password: string; client?: string }): Promise<boolean> {
  const { value } = await passwordPool().run({ op: "verify", hash, password }, client);
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
