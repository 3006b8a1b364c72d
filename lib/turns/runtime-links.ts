import type { TRuntime, TRuntimeLink } from "../agents/runtime";
import { keyring } from "../crypto/keyring";
import { open } from "../crypto/vault";
import type { TLink } from "../failover";
import { log } from "../log";
import { contextWindow, takesImages } from "../providers/catalog";
import { circuitKeyOf } from "./circuit-key";

const UNUSABLE = {
  provider_deleted: "The saved provider was deleted after the last restart; restart the agent to apply its current chain",
  key_unreadable: "The key could not be opened with the configured master key; replace the key, then restart",
} as const;

// The running chain with keys opened in memory for this turn only. A link
// that cannot be called (its saved provider deleted since the restart, or a
// key the master key does not open) stays in the chain marked unusable: the
// engine records it as a skipped attempt and the other links still answer.
export async function runtimeLinks({ orgId, runtime, ciphers }: { orgId: string; runtime: TRuntime; ciphers: Map<string, string> }): Promise<TLink[]> {
  return Promise.all(runtime.links.map(async (link, index) => toLink({ link, index, ...(await openKey({ orgId, link, ciphers })) })));
}

type TOpened = { apiKey: string; unusable?: TLink["unusable"] };

async function openKey({ orgId, link, ciphers }: { orgId: string; link: TRuntimeLink; ciphers: Map<string, string> }): Promise<TOpened> {
  const cipher = ciphers.get(link.credentialId);
  if (!cipher) return { apiKey: "", unusable: { reason: "provider_deleted", message: UNUSABLE.provider_deleted } };
  try {
    return { apiKey: await open(keyring(), { orgId, credentialId: link.credentialId }, cipher) };
  } catch (error) {
    // The vault's message names no key; the operator needs to know which row.
    log.warn(
      { orgId, credentialId: link.credentialId, err: { message: error instanceof Error ? error.message : String(error) } },
      "turn skipped a link whose key does not open",
    );
    return { apiKey: "", unusable: { reason: "key_unreadable", message: UNUSABLE.key_unreadable } };
  }
}

function toLink({ link, index, apiKey, unusable }: TOpened & { link: TRuntimeLink; index: number }): TLink {
  return {
    linkId: `${index}`,
    credentialId: link.credentialId,
    circuitKey: circuitKeyOf(link),
    label: link.label,
    target: { vendor: link.vendor, apiKey, baseUrl: link.baseUrl, model: link.model },
    firstTokenTimeoutMs: link.firstTokenTimeoutMs,
    stallTimeoutMs: link.stallTimeoutMs,
    contextWindow: contextWindow(link.model),
    takesImages: takesImages(link.model),
    ...(unusable ? { unusable } : {}),
  };
}
