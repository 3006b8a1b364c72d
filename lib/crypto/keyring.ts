import { env } from "../env";
import { keyringFrom, type TKeyring } from "./vault";

let cached: TKeyring | undefined;

// The process's keyring, from MASTER_KEY, MASTER_KEY_VERSION and MASTER_KEY_PREVIOUS.
export function keyring(): TKeyring {
  if (cached) return cached;
  const e = env();
  cached = keyringFrom({ key: e.MASTER_KEY, version: e.MASTER_KEY_VERSION, previous: e.MASTER_KEY_PREVIOUS });
  return cached;
}
