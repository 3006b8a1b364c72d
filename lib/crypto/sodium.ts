import sodiumModule from "libsodium-wrappers-sumo";

// The sumo build: the plain one lacks crypto_pwhash (argon2id).
let ready: Promise<typeof sodiumModule> | undefined;

export function sodium(): Promise<typeof sodiumModule> {
  ready ??= sodiumModule.ready.then(() => sodiumModule);
  return ready;
}
