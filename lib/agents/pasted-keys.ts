import { recordEvent } from "../activity/record-event";
import type { Prisma } from "../db/client";
import type { TAgentUserScope } from "./agent-scope";

// Deletes a key pasted for this agent once no link uses it. Saved providers
// (agentId null) are never touched here.
export async function destroyPastedKey(tx: Prisma.TransactionClient, { orgId, agentId, credentialId, userId }: TAgentUserScope & { credentialId: string }) {
  const stillUsed = await tx.chainLink.count({ where: { orgId, credentialId } });
  if (stillUsed > 0) return;
  const removed = await tx.credential.findFirst({ where: { id: credentialId, orgId, agentId }, select: { vendor: true, keyHint: true } });
  if (!removed) return;
  await tx.credential.delete({ where: { id: credentialId, orgId } });
  await recordEvent(tx, {
    orgId,
    agentId,
    type: "key_removed",
    actorId: userId,
    credentialIds: [credentialId],
    data: { vendor: removed.vendor, hint: removed.keyHint },
  });
}
