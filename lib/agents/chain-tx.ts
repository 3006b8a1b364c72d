// Shared steps of every edit to the running configuration (the chain, the
// turn budget, the break policy): lock the agent row, make the change, bump
// the config version and record what changed, in one transaction.
import { recordEvent } from "../activity/record-event";
import { db, type Prisma } from "../db/client";
import { notFound } from "../errors";
import type { TAgentScope, TAgentUserScope } from "./agent-scope";
import { LINK_SELECT, linkSentence, summarizeLink } from "./describe-link";

type TTx = Prisma.TransactionClient;

export async function lockAgent(tx: TTx, { orgId, agentId }: TAgentScope) {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM agents WHERE id = ${agentId} AND org_id = ${orgId} FOR UPDATE`;
  if (rows.length === 0) throw notFound("Agent not found");
}

export async function loadLinks(tx: TTx, { orgId, agentId }: TAgentScope) {
  return tx.chainLink.findMany({ where: { orgId, agentId }, orderBy: { position: "asc" }, select: { id: true, ...LINK_SELECT } });
}

// An edit that changed nothing returns `change: null`: no new version, no event.
export async function editChain<T>(
  ctx: TAgentUserScope,
  edit: (tx: TTx, links: Awaited<ReturnType<typeof loadLinks>>) => Promise<{ change: string | null; result: T }>,
) {
  return db.$transaction(async (tx) => {
    await lockAgent(tx, ctx);
    const before = await loadLinks(tx, ctx);
    const { change, result } = await edit(tx, before);
    if (change === null) return result;
    const after = (await loadLinks(tx, ctx)).map(summarizeLink);
    await tx.agent.update({ where: { id: ctx.agentId, orgId: ctx.orgId }, data: { configVersion: { increment: 1 } } });
    await recordEvent(tx, {
      orgId: ctx.orgId,
      agentId: ctx.agentId,
      type: "chain_changed",
      actorId: ctx.userId,
      data: { change, chain: after.map((l) => ({ label: l.label, vendor: l.vendor, model: l.model })), sentence: after.map(linkSentence).join(" → ") },
    });
    return result;
  });
}

// Backups sit at positions 1..n with no gaps. Positions are unique per agent,
// so moves go through a parking spot above the range.
export async function compactBackups(tx: TTx, { orgId, agentId }: TAgentScope) {
  const backups = await tx.chainLink.findMany({ where: { orgId, agentId, position: { gt: 0 } }, orderBy: { position: "asc" }, select: { id: true } });
  for (const [i, link] of backups.entries()) await tx.chainLink.update({ where: { id: link.id }, data: { position: 100 + i } });
  for (const [i, link] of backups.entries()) await tx.chainLink.update({ where: { id: link.id }, data: { position: i + 1 } });
}
