import { AppError } from "../errors";
import type { TAgentUserScope } from "./agent-scope";
import { editChain } from "./chain-tx";
import { findSavedProvider } from "./find-saved-provider";
import { sameProvider } from "./same-provider";
import { linkTimeoutsMs, type TSetPrimary } from "./schemas";

export async function setPrimary(ctx: TAgentUserScope, input: TSetPrimary) {
  return editChain(ctx, async (tx, links) => {
    const credential = await findSavedProvider(tx, { orgId: ctx.orgId, credentialId: input.credentialId });
    if (links.some((l) => l.position > 0 && sameProvider(l.credential, credential))) {
      const message = "The primary must be a different provider than its backups";
      throw new AppError("INVALID_INPUT", message, { credentialId: message });
    }
    const data = { credentialId: credential.id, model: input.model, ...linkTimeoutsMs(input) };
    await tx.chainLink.upsert({
      where: { agentId_position: { agentId: ctx.agentId, position: 0 } },
      update: data,
      create: { ...data, orgId: ctx.orgId, agentId: ctx.agentId, position: 0 },
    });
    return { change: `Primary set to ${credential.name} (${input.model})`, result: undefined };
  });
}
