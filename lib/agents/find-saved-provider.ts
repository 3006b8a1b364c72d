import type { Prisma } from "../db/client";
import { AppError } from "../errors";

// A saved provider of this organization (never another tenant's, never a key
// pasted for some agent). Anything else does not exist for the caller.
export async function findSavedProvider(tx: Prisma.TransactionClient, { orgId, credentialId }: { orgId: string; credentialId: string }) {
  const credential = await tx.credential.findFirst({
    where: { id: credentialId, orgId, agentId: null },
    select: { id: true, vendor: true, name: true, baseUrl: true },
  });
  if (!credential) throw new AppError("NOT_FOUND", "Saved provider not found", { credentialId: "Choose one of this organization's saved providers." });
  return credential;
}
