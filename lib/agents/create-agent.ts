import { recordEvent } from "../activity/record-event";
import { db } from "../db/client";
import { uniqueSlug } from "../orgs/slug";
import { findSavedProvider } from "./find-saved-provider";
import { DEFAULT_FIRST_TOKEN_TIMEOUT_SECONDS, DEFAULT_STALL_TIMEOUT_SECONDS, linkTimeoutsMs, type TCreateAgent } from "./schemas";

// A new agent starts Stopped with its primary set; Start builds its runtime.
export async function createAgent({ orgId, userId, input }: { orgId: string; userId: string; input: TCreateAgent }) {
  return db.$transaction(async (tx) => {
    const credential = await findSavedProvider(tx, { orgId, credentialId: input.credentialId });
    const slug = await uniqueSlug(input.name, async (s) => (await tx.agent.count({ where: { orgId, slug: s } })) > 0);
    const agent = await tx.agent.create({
      data: {
        orgId,
        slug,
        name: input.name,
        instructions: input.instructions,
        links: {
          create: {
            orgId,
            position: 0,
            credentialId: credential.id,
            model: input.model,
            ...linkTimeoutsMs({ firstTokenTimeoutSeconds: DEFAULT_FIRST_TOKEN_TIMEOUT_SECONDS, stallTimeoutSeconds: DEFAULT_STALL_TIMEOUT_SECONDS }),
          },
        },
      },
      select: { id: true, slug: true },
    });
    await recordEvent(tx, {
      orgId,
      agentId: agent.id,
      type: "chain_changed",
      actorId: userId,
      data: { change: `Agent created with primary ${credential.name} (${input.model})` },
    });
    return agent;
  });
}
