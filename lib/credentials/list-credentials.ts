import { db } from "../db/client";

// Only what a page may show: never the ciphertext, only the hint.
export async function listCredentials({ orgId }: { orgId: string }) {
  const rows = await db.credential.findMany({
    where: { orgId, agentId: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      vendor: true,
      name: true,
      defaultModel: true,
      baseUrl: true,
      keyHint: true,
      createdAt: true,
      createdBy: { select: { name: true } },
      links: { select: { agentId: true } },
    },
  });
  return rows.map(({ links, createdBy, ...row }) => ({
    ...row,
    createdByName: createdBy?.name ?? null,
    usedByAgents: new Set(links.map((l) => l.agentId)).size,
  }));
}
