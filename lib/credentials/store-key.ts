// The one way a typed key enters the database: sealed, with only a hint kept.
import { keyHint } from "../crypto/key-hint";
import { keyring } from "../crypto/keyring";
import { open, seal } from "../crypto/vault";

export async function sealKey({ orgId, credentialId, apiKey }: { orgId: string; credentialId: string; apiKey: string }) {
  const { sealed, version } = await seal(keyring(), { orgId, credentialId }, apiKey);
  return { keyCipher: sealed, keyVersion: version, keyHint: keyHint(apiKey) };
}

export async function openKey({ orgId, credentialId, keyCipher }: { orgId: string; credentialId: string; keyCipher: string }) {
  return open(keyring(), { orgId, credentialId }, keyCipher);
}
