// Sealed API keys: XChaCha20-Poly1305 under a master key from the environment.
// The additional data binds each ciphertext to its organization and credential,
// so a ciphertext copied to another row does not open. The stored value starts
// with the master key's version, so keys can be rotated.
import { sodium } from "./sodium";

export type TKeyring = { current: { version: number; key: Uint8Array }; previous: Map<number, Uint8Array> };
type TSealContext = { orgId: string; credentialId: string };

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VaultError";
  }
}

const FORMAT = /^v(\d+):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/;

function decodeKey(base64: string, name: string): Uint8Array {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length !== 32) throw new VaultError(`${name} must be 32 bytes of base64`);
  return new Uint8Array(bytes);
}

export function keyringFrom({ key, version, previous = "" }: { key: string; version: number; previous?: string }): TKeyring {
  const older = new Map<number, Uint8Array>();
  for (const entry of previous
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [v, k] = entry.split(":");
    if (!v || !k || !/^\d+$/.test(v)) throw new VaultError("MASTER_KEY_PREVIOUS must look like version:base64,version:base64");
    older.set(Number(v), decodeKey(k, `MASTER_KEY_PREVIOUS version ${v}`));
  }
  return { current: { version, key: decodeKey(key, "MASTER_KEY") }, previous: older };
}

const credentialData = ({ orgId, credentialId }: TSealContext) => `understudy:credential:v1:${orgId}:${credentialId}`;
// An alert channel's URL and signing secret: bound to the channel and the
// field, so neither opens as the other or as a provider's key.
type TChannelSealContext = { orgId: string; channelId: string; field: "url" | "secret" };
const channelData = ({ orgId, channelId, field }: TChannelSealContext) => `understudy:alert-channel:v1:${orgId}:${channelId}:${field}`;
// The master key check's own additional data: no credential's ciphertext
// passes for it, and it passes for no credential.
const CHECK_DATA = "understudy:master-key-check:v1";
const CHECK_TEXT = "Understudy master key check";

export async function seal(keyring: TKeyring, context: TSealContext, plaintext: string): Promise<{ sealed: string; version: number }> {
  return sealWith(keyring, credentialData(context), plaintext);
}

async function sealWith(keyring: TKeyring, additionalData: string, plaintext: string): Promise<{ sealed: string; version: number }> {
  const s = await sodium();
  const nonce = s.randombytes_buf(s.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const cipher = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, additionalData, null, nonce, keyring.current.key);
  const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
  return { sealed: `v${keyring.current.version}:${b64(nonce)}:${b64(cipher)}`, version: keyring.current.version };
}

export const sealChannelValue = (keyring: TKeyring, context: TChannelSealContext, plaintext: string) => sealWith(keyring, channelData(context), plaintext);
export const openChannelValue = (keyring: TKeyring, context: TChannelSealContext, sealed: string) => openWith(keyring, channelData(context), sealed);

export function sealedVersion(sealed: string): number {
  const match = FORMAT.exec(sealed);
  if (!match) throw new VaultError("Stored key is not in the vault's format");
  return Number(match[1]);
}

export async function open(keyring: TKeyring, context: TSealContext, sealed: string): Promise<string> {
  return openWith(keyring, credentialData(context), sealed);
}

// A known text sealed under the current master key, stored once per version.
export const sealKeyCheck = (keyring: TKeyring) => sealWith(keyring, CHECK_DATA, CHECK_TEXT);

// True when the keyring's key of the check's version opens it to the known text.
export async function opensKeyCheck(keyring: TKeyring, sealed: string): Promise<boolean> {
  try {
    return (await openWith(keyring, CHECK_DATA, sealed)) === CHECK_TEXT;
  } catch {
    return false;
  }
}

async function openWith(keyring: TKeyring, additionalData: string, sealed: string): Promise<string> {
  const match = FORMAT.exec(sealed);
  if (!match) throw new VaultError("Stored key is not in the vault's format");
  const version = Number(match[1]);
  const key = version === keyring.current.version ? keyring.current.key : keyring.previous.get(version);
  if (!key) throw new VaultError(`No master key of version ${version} is configured`);
  const s = await sodium();
  try {
    const plain = s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, Buffer.from(match[3]!, "base64"), additionalData, Buffer.from(match[2]!, "base64"), key);
    return Buffer.from(plain).toString("utf8");
  } catch {
    throw new VaultError("Stored key could not be opened (wrong master key, or it belongs to another record)");
  }
}
