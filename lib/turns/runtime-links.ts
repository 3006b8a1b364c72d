import { db } from "../db/client";
import { keyring } from "../crypto/keyring";
import { open } from "../crypto/vault";
import { contextWindow } from "../providers/catalog";
import type { TLink } from "../failover";
import type { TRuntime } from "../agents/runtime";

// The running chain with keys opened in memory for this turn only. A link
// whose credential has since been deleted is left out: the rest still answer.
export async function runtimeLinks({ orgId, runtime }: { orgId: string; runtime: TRuntime }): Promise<TLink[]> {
  const credentials = await db.credential.findMany({
    where: { orgId, id: { in: runtime.links.map((l) => l.credentialId) } },
    select: { id: true, keyCipher: true },
  });
  const byId = new Map(credentials.map((c) => [c.id, c.keyCipher]));
  const links: TLink[] = [];
  for (const [index, link] of runtime.links.entries()) {
    const cipher = byId.get(link.credentialId);
    if (!cipher) continue;
    const apiKey = await open(keyring(), { orgId, credentialId: link.credentialId }, cipher);
    links.push({
      linkId: `${index}`,
      circuitKey: circuitKeyOf(link.credentialId, link.model),
      label: link.label,
      target: { vendor: link.vendor, apiKey, baseUrl: link.baseUrl, model: link.model },
      timeoutMs: link.timeoutMs,
      contextWindow: contextWindow(link.model),
    });
  }
  return links;
}

// Health is shared per credential and model across agents and workers.
export const circuitKeyOf = (credentialId: string, model: string) => `${credentialId}|${model}`;
export const parseCircuitKey = (key: string) => {
  const [credentialId, ...model] = key.split("|");
  return { credentialId: credentialId ?? "", model: model.join("|") };
};
