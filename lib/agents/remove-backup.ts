import { notFound } from "../errors";
import type { TAgentUserScope } from "./agent-scope";
import { compactBackups, editChain } from "./chain-tx";
import { summarizeLink } from "./describe-link";
import { destroyPastedKey } from "./pasted-keys";

export async function removeBackup(ctx: TAgentUserScope, { position }: { position: number }) {
  return editChain(ctx, async (tx, links) => {
    const link = links.find((l) => l.position === position && position > 0);
    if (!link) throw notFound("Backup not found");
    await tx.chainLink.delete({ where: { id: link.id } });
    await destroyPastedKey(tx, { ...ctx, credentialId: link.credentialId });
    await compactBackups(tx, ctx);
    return { change: `Backup ${position} (${summarizeLink(link).label}) removed`, result: undefined };
  });
}

export async function moveBackup(ctx: TAgentUserScope, { position, direction }: { position: number; direction: "up" | "down" }) {
  return editChain(ctx, async (tx, links) => {
    const target = direction === "up" ? position - 1 : position + 1;
    const a = links.find((l) => l.position === position && position > 0);
    const b = links.find((l) => l.position === target && target > 0);
    if (!a || !b) throw notFound("Backup not found");
    await tx.chainLink.update({ where: { id: a.id }, data: { position: 100 } });
    await tx.chainLink.update({ where: { id: b.id }, data: { position } });
    await tx.chainLink.update({ where: { id: a.id }, data: { position: target } });
    return { change: `Backup ${position} (${summarizeLink(a).label}) moved ${direction}`, result: undefined };
  });
}
