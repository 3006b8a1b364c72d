import type { Prisma } from "../db/client";
import { AppError } from "../errors";
import type { TVendor } from "../providers/types";

// A saved provider of this organization (never another tenant's, never a key
// pasted for some agent). Anything else does not exist for the caller.
export async function findSavedProvider(tx: Prisma.TransactionClient, { orgId, credentialId }: { orgId: string; credentialId: string }) {
  const credential = await tx.credential.findFirst({
    where: { id: credentialId, orgId, agentId: null },
    select: { id: true, vendor: true, name: true },
  });
  if (!credential) throw new AppError("NOT_FOUND", "Saved provider not found", { credentialId: "Choose one of this organization's saved providers." });
  return credential;
}

export const DIFFERENT_VENDOR = "Backup must be a different provider than the primary";

export function assertVendorDiffers({ backupVendor, primaryVendor }: { backupVendor: TVendor; primaryVendor: TVendor | undefined }) {
  if (primaryVendor && backupVendor === primaryVendor) throw new AppError("INVALID_INPUT", DIFFERENT_VENDOR, { vendor: DIFFERENT_VENDOR });
}
