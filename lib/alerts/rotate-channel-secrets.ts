// `npm run keys:rotate` for alert channels: re-seals each webhook's and Slack
// channel's URL and signing secret under the current master key, as
// lib/crypto/rotate-keys.ts does for API keys (a row is swapped only if
// nobody changed it meanwhile; one no configured key opens is listed).
import { openChannelValue, sealChannelValue, type TKeyring, VaultError } from "../crypto/vault";
import { db } from "../db/client";

type TUnopenedChannel = { id: string; orgId: string; name: string; keyVersion: number; reason: string };
type TField = "url" | "secret";

export async function rotateChannelSecrets({ keyring, orgIds }: { keyring: TKeyring; orgIds?: string[] }) {
  const rows = await db.alertChannel.findMany({
    where: { keyVersion: { not: keyring.current.version }, ...(orgIds ? { orgId: { in: orgIds } } : {}) },
    orderBy: { id: "asc" },
    select: { id: true, orgId: true, name: true, keyVersion: true, urlCipher: true, secretCipher: true },
  });
  let rotated = 0;
  const unopened: TUnopenedChannel[] = [];
  for (const row of rows) {
    const reseal = async (field: TField, sealed: string | null) => {
      if (!sealed) return null;
      const context = { orgId: row.orgId, channelId: row.id, field };
      return (await sealChannelValue(keyring, context, await openChannelValue(keyring, context, sealed))).sealed;
    };
    try {
      const [urlCipher, secretCipher] = [await reseal("url", row.urlCipher), await reseal("secret", row.secretCipher)];
      const { count } = await db.alertChannel.updateMany({
        where: { id: row.id, orgId: row.orgId, urlCipher: row.urlCipher, secretCipher: row.secretCipher },
        data: { urlCipher, secretCipher, keyVersion: keyring.current.version },
      });
      rotated += count;
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      unopened.push({ id: row.id, orgId: row.orgId, name: row.name, keyVersion: row.keyVersion, reason: error.message });
    }
  }
  return { rotated, unopened };
}
