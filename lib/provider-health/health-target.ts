import { z } from "zod";

import type { TAgentScope } from "../agents/agent-scope";
import { linkName, parseRuntime } from "../agents/runtime";
import { db } from "../db/client";
import { notFound } from "../errors";
import { circuitKeyOf } from "../turns/circuit-key";

// A link of the agent's running chain, named by its credential and model.
export const ZHealthTarget = z.object({
  credentialId: z.string().min(1).max(100),
  model: z.string().min(1).max(200),
});
export type THealthTarget = z.infer<typeof ZHealthTarget>;

// Only links of this agent's running chain are accepted, and the credential
// is read within the organization: anything else is simply not found.
export async function findHealthTarget({ orgId, agentId, target }: TAgentScope & { target: THealthTarget }) {
  const agent = await db.agent.findFirst({ where: { id: agentId, orgId }, select: { runtime: true } });
  const links = parseRuntime(agent?.runtime)?.links ?? [];
  const index = links.findIndex((l) => l.credentialId === target.credentialId && l.model === target.model);
  if (index < 0) throw notFound("That provider is not in this agent's running chain");
  const credential = await db.credential.findFirst({
    where: { id: target.credentialId, orgId },
    select: { id: true, orgId: true, vendor: true, baseUrl: true, keyCipher: true },
  });
  if (!credential) throw notFound("Provider not found");
  const link = links[index]!;
  return { link, role: linkName(index), credential, circuitKey: circuitKeyOf(link) };
}
