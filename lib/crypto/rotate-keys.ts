import { db } from "../db/client";
import { open, seal, type TKeyring, VaultError } from "./vault";

type TUnopened = { id: string; orgId: string; name: string; keyVersion: number; reason: string };

// Re-seals every stored key that is not under the current master key. Each
// row is swapped atomically and only if nobody changed it meanwhile, so the
// run can be interrupted and repeated: a second run finds nothing to do.
// A row no configured key opens is skipped and listed, and the run goes on:
// one bad row must not hold every other key on an old master key.
// `orgIds` limits a run to some organizations (tests use it to stay independent).
export async function rotateKeys({ keyring, batchSize = 200, orgIds }: { keyring: TKeyring; batchSize?: number; orgIds?: string[] }) {
  let rotated = 0;
  const unopened: TUnopened[] = [];
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.credential.findMany({
      where: {
        keyVersion: { not: keyring.current.version },
        ...(orgIds ? { orgId: { in: orgIds } } : {}),
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, orgId: true, name: true, keyCipher: true, keyVersion: true },
    });
    if (batch.length === 0) return { rotated, unopened };
    for (const row of batch) {
      const context = { orgId: row.orgId, credentialId: row.id };
      const plain = await open(keyring, context, row.keyCipher).catch((error: unknown) => {
        if (!(error instanceof VaultError)) throw error;
        unopened.push({ id: row.id, orgId: row.orgId, name: row.name, keyVersion: row.keyVersion, reason: error.message });
        return undefined;
      });
      if (plain === undefined) continue;
      const { sealed, version } = await seal(keyring, context, plain);
      const { count } = await db.credential.updateMany({
        where: { id: row.id, orgId: row.orgId, keyCipher: row.keyCipher },
        data: { keyCipher: sealed, keyVersion: version },
      });
      rotated += count;
    }
    cursor = batch.at(-1)!.id;
  }
}
